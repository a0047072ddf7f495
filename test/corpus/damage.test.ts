/**
 * Deliberately damaged reports (issue 10): seed 000 rendered by the corpus generator (pdfkit, ruled
 * tables, codes over 类|款|项 printed where they change), once as printed and once each with a value
 * changed, a cell emptied and a value moved to the next column. The clean render raises no
 * warning about any row; each damaged one raises flags on exactly the rows it damaged.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/pipeline.js';
import { specOf } from '../../parsers/tables.js';
import type { TableId } from '../../src/schema/record.js';
import { buildDoc } from '../../scripts/corpus/doc.js';
import { renderPdfkit } from '../../scripts/corpus/emit-pdfkit.js';
import { DEFAULT_OPTIONS } from '../../scripts/corpus/model.js';
import type { Truth } from '../../scripts/corpus/grids.js';
import { loadGolden } from '../helpers/golden.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STEM = '000_d920656d4c30e573';
let dir: string;

/** The golden of seed 000 in the cell-truth shape the corpus generator reads. */
function truthOf(edit: (t: Truth) => void = () => {}): Truth {
  const g = loadGolden('000');
  const truth: Truth = {
    doc: STEM,
    department: g.department,
    year: g.year,
    unit: g.unit,
    parts: g.parts,
    tables: Object.fromEntries(
      g.tables.map((t) => [
        t.id,
        {
          title: specOf(t.id as TableId).title,
          unit: t.id === '10' ? '台、辆、套' : g.unit,
          rows: Object.fromEntries(t.rows.map((r) => [r.key, { ...r.values }])),
          labels: Object.fromEntries(t.rows.map((r) => [r.key, r.label])),
        },
      ]),
    ),
  };
  edit(truth);
  return truth;
}

/** Render a truth and extract it; the rows named by warn/error findings. */
async function flaggedRows(truth: Truth): Promise<string[]> {
  writeFileSync(path.join(dir, `${STEM}.json`), JSON.stringify(truth));
  const model = buildDoc({ truthDir: dir, seedDir: path.join(ROOT, 'samples') }, STEM, {
    ...DEFAULT_OPTIONS,
    codes: 'split-change',
  });
  const pdf = await renderPdfkit(model);
  const r = await extractDocument({ path: `${STEM}.pdf`, bytes: new Uint8Array(pdf) });
  const rows = r.findings
    .filter((f) => (f.level === 'warn' || f.level === 'error') && f.table && f.row)
    .map((f) => `${f.table} ${f.row}`);
  console.log(
    r.findings
      .filter((f) => f.level !== 'info' || f.row?.includes('2010301') || f.check === 'check.summary')
      .map((f) => `${f.level} ${f.check} ${f.table} ${f.row} ${f.column} ${f.message.slice(0, 90)}`)
      .join('\n'),
  );
  return [...new Set(rows)].sort();
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'juesuan-damage-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a damaged report is flagged on exactly the damaged rows', () => {
  it('as printed: no row flagged', async () => {
    expect(await flaggedRows(truthOf())).toEqual([]);
  });

  it('a value changed (02 2010301 财政拨款收入 197.45 → 198.45)', async () => {
    const truth = truthOf((t) => (t.tables['02']!.rows['code:2010301']!['2'] = '198.45'));
    expect(await flaggedRows(truth)).toEqual(['02 code:2010301']);
  });

  it('a cell emptied (03 2080505 本年支出合计)', async () => {
    const truth = truthOf((t) => delete t.tables['03']!.rows['code:2080505']!['1']);
    expect(await flaggedRows(truth)).toEqual(['03 code:2080505']);
  });

  it('a value moved to the next column (03 2010301 项目支出 printed under 上缴上级支出)', async () => {
    const truth = truthOf((t) => {
      const row = t.tables['03']!.rows['code:2010301']!;
      row['4'] = row['3']!;
      delete row['3'];
    });
    expect(await flaggedRows(truth)).toEqual(['03 code:2010301']);
  });
});
