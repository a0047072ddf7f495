/**
 * No false alarms (issue 13): the narrative (C) and audit (E) rules on every untouched report we have
 * — the five seeds, the sample PDFs, the Shanghai report and the producer corpus — raise exactly the
 * warn/error findings below, each a real problem of that report, found by reading it:
 *
 * - seed 000 (and its renderings that carry 第三部分): 八、国有资产 leaves the template's
 *   "其他用车主要是用于（此处请补充内容）" in place — audit.placeholder.
 * - seed 001: "年末结转和结余 0.00 万元，比上年减少 53.43 万元，下降 10.07%" — a fall to 0 is −100%.
 * - seed 002: "决算数较全年预算数增加的主要原因" twice where 预算 and 决算 are both 0 (因公出国, 公务接待) —
 *   audit.comparison-word; "全年购置公务用车 辆" (the count left out) and "决算数较全年预算数减少 0.13
 *   的主要原因" (no unit) — audit.template-residue; and its six C12 / three C13 wording problems
 *   (growth % on a base of 0, "减少-13.57", 141.27% for 19.56/14.00, "完成…的 0%/100%" of a 0 budget).
 * - seed 003: 9 表 prints 国内公务接待 10 批 / 57 人次, the narrative 11 批 / 65 人次 (C8).
 * - Shanghai putuo-social-2024: "增长 100.00%" on a base of 0 four times (a unit founded in 2024: 收入支出
 *   总计, 财政拨款收入支出总计, 一般公共预算财政拨款支出, 机关运行经费; C12: no % can be stated) and
 *   "年初预算为 0 万元 … 完成年初预算的 95.89%" (C13; 307.82/321.02 is the rate of the 全年预算).
 * - the Ghostscript rewrites gs-chromium-wrapped (000) and gs-lo-writer-wrapped (003) lose the 07/08
 *   footnotes' text, so C16 finds no empty-table statement (found before this issue; the text layer's
 *   problem, left to the readers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/pipeline.js';

const ROOT = join(__dirname, '..', '..');
const inputs = [
  ...readdirSync(join(ROOT, 'samples'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => `samples/${f}`),
  ...readdirSync(join(ROOT, 'samples/pdf')).map((f) => `samples/pdf/${f}`),
  'samples/realworld/putuo-social-2024.pdf',
  ...readdirSync(join(ROOT, 'test/fixtures/producers'))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => `test/fixtures/producers/${f}`),
];

const PLACEHOLDER_000 = ['audit.placeholder×1'];
const EXPECTED: Record<string, string[]> = {
  'samples/000_d920656d4c30e573.txt': PLACEHOLDER_000,
  'samples/pdf/000-clean.pdf': PLACEHOLDER_000,
  'samples/pdf/000-kangxi.pdf': PLACEHOLDER_000,
  'samples/pdf/000-noruling.pdf': PLACEHOLDER_000,
  'samples/pdf/000-split.pdf': PLACEHOLDER_000,
  'test/fixtures/producers/000_d920656d4c30e573.lo-writer-report.pdf': PLACEHOLDER_000,
  'samples/001_601db7814e7d3dfd.txt': ['narrative.year-on-year×1'],
  'samples/pdf/001-clean.pdf': ['narrative.year-on-year×1'],
  'samples/002_a838d3b4e8b3980b.txt': [
    'audit.comparison-word×2',
    'audit.template-residue×2',
    'narrative.year-on-year×6',
    'narrative.zero-budget-rate×3',
  ],
  'samples/003_a3f56a15a6024790.txt': ['narrative.sangong×2'],
  'samples/pdf/003-clean.pdf': ['narrative.sangong×2'],
  'samples/pdf/003-kangxi.pdf': ['narrative.sangong×2'],
  'samples/realworld/putuo-social-2024.pdf': ['narrative.year-on-year×4', 'narrative.zero-budget-rate×1'],
  'test/fixtures/producers/000_d920656d4c30e573.gs-chromium-wrapped.pdf': ['narrative.empty-table-statement×2'],
  'test/fixtures/producers/003_a3f56a15a6024790.gs-lo-writer-wrapped.pdf': ['narrative.empty-table-statement×2'],
};

describe('no false alarms: narrative and audit warn/error findings on untouched reports', () => {
  it.each(inputs)(
    '%s',
    async (file) => {
      const r = await extractDocument({ path: file, bytes: readFileSync(join(ROOT, file)) }, { ocr: 'never' });
      const counts = new Map<string, number>();
      for (const f of r.findings) {
        if (f.level === 'info' || !/^(audit|narrative)\./.test(f.check)) continue;
        counts.set(f.check, (counts.get(f.check) ?? 0) + 1);
      }
      const got = [...counts].map(([c, n]) => `${c}×${n}`).sort();
      expect(got).toEqual(EXPECTED[file] ?? []);
      // B10 never judges a 09 read without rows against zeros.
      expect(r.findings.filter((f) => f.check === 'xref.06-09.three-public' && f.level !== 'info')).toEqual([]);
    },
    120_000,
  );
});
