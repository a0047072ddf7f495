import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, ensureBuilt, tempDir } from '../helpers/build.js';
import { extractDocument } from '../../src/pipeline.js';
import type { DocumentRecord } from '../../src/schema/record.js';
import type { Finding } from '../../src/schema/finding.js';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const write = (dir: string, name: string, record: DocumentRecord, findings?: Finding[]): string => {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(record, null, 2));
  if (findings) writeFileSync(join(dir, `${name}.log.jsonl`), findings.map((f) => JSON.stringify(f)).join('\n') + '\n');
  return path;
};

describe('juesuan check', () => {
  let dir: string;
  let record: DocumentRecord;
  let findings: Finding[];
  beforeAll(async () => {
    ensureBuilt();
    const sample = join(ROOT, 'samples', '000_d920656d4c30e573.txt');
    // Seed 000 left a template placeholder in its 第三部分 ("其他用车主要是用于（此处请补充内容）"),
    // which audit.placeholder reports; filled in, the report is clean.
    const text = readFileSync(sample, 'utf8').replace('（此处请补充内容）', '业务联络');
    const r = await extractDocument({ path: sample, bytes: new TextEncoder().encode(text) });
    record = r.record!;
    findings = r.findings;
    dir = tempDir('check');
  }, 120_000);

  it('a clean record: no warn/error, exit 0; the same counts whether read from its log or re-run', () => {
    const withLog = write(dir, 'clean', record, findings);
    const noLog = write(dir, 'clean-nolog', record);
    const r = cli(['check', withLog, noLog]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no warn/error findings');
    expect(r.stdout).toContain('log missing, checks re-run');
    const j = JSON.parse(cli(['check', '--format', 'json', withLog, noLog]).stdout) as {
      records: { counts: Record<string, number> }[];
    };
    // Re-run from the record alone, the 目录 check has no 目录 to read: one more "not evaluated" info.
    expect(j.records[0]!.counts).toEqual({ ...j.records[1]!.counts, info: j.records[1]!.counts.info! - 1 });
    expect(j.records[0]!.counts).toMatchObject({ error: 0, warn: 0 });
  });

  it('a corrupted cell (01 本年收入合计 L27 +100.00) fails, shows both sides by location, exit 1', () => {
    const bad = structuredClone(record);
    const row = bad.tables.find((t) => t.id === '01')!.rows.find((r) => r.key === 'line:27')!;
    expect(row.values['1']).toBe('306.02'); // 293.81 + 12.21, seed 000's 01
    row.values['1'] = '406.02';
    const path = write(dir, 'corrupt', bad);
    const r = cli(['check', path]);
    expect(r.code).toBe(1);
    // L27 = Σ L1..L8: 406.02 vs 293.81 + 12.21 = 306.02, Δ100 ≫ 10 envelopes → error.
    expect(r.stdout).toMatch(
      /error \(\d+\)\n {4}公开01表 line:27 栏1 {2}expected 306\.02, actual 406\.02 {2}\[t01\.income-total\]/,
    );
    expect(r.stdout.indexOf('error (')).toBeLessThan(r.stdout.indexOf('info:'));
    const j = JSON.parse(cli(['check', '--format', 'json', path]).stdout) as {
      counts: Record<string, number>;
      records: { findings: Finding[] }[];
    };
    expect(j.counts.error).toBeGreaterThan(0);
    const f = j.records[0]!.findings.find((x) => x.check === 't01.income-total')!;
    expect(f).toMatchObject({
      level: 'error',
      table: '01',
      row: 'line:27',
      column: '1',
      expected: '306.02',
      actual: '406.02',
    });
    expect(j.records[0]!.findings[0]!.level).toBe('error'); // sorted by severity
  });

  it('prints warn findings of the log with their location, errors first, then the info count', () => {
    const log: Finding[] = [
      { level: 'info', stage: 'check', check: 'check.summary', message: 'x' },
      {
        level: 'warn',
        stage: 'check',
        check: 'narrative.sangong',
        table: '09',
        row: 'line:15',
        column: '3',
        message: 'C8 11 ≠ 10',
        expected: '10',
        actual: '11',
      },
      { level: 'error', stage: 'segment', check: 'segment.table-missing', message: '公开07表 not found' },
    ];
    const path = write(dir, 'logged', record, log);
    const r = cli(['check', path]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const e = lines.findIndex((l) => l.startsWith('  error (1)'));
    const w = lines.findIndex((l) => l.startsWith('  warn (1)'));
    expect(e).toBeGreaterThan(0);
    expect(w).toBeGreaterThan(e);
    expect(lines[e + 1]).toBe('    —  [segment.table-missing]');
    expect(lines[w + 1]).toBe('    公开09表 line:15 栏3  expected 10, actual 11  [narrative.sangong]');
    expect(r.stdout).toContain('  info: 1 (check.summary 1)');
    expect(r.stdout).toContain('1 record: 1 error, 1 warn, 1 info');
  });

  it('takes an output folder, passing over its manifest.json', () => {
    const out = tempDir('check-dir');
    write(out, 'a', record, findings);
    writeFileSync(join(out, 'manifest.json'), '{"documents": []}');
    const r = cli(['check', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 record: 0 error, 0 warn');
    expect(cli(['check', join(out, 'a.json'), join(out, 'manifest.json')]).stdout).toContain('1 record:');
  });

  it('usage errors exit 2', () => {
    expect(cli(['check']).code).toBe(2);
    expect(cli(['check', join(dir, 'missing.json')]).code).toBe(2);
    const notRecord = join(dir, 'not-a-record.json');
    writeFileSync(notRecord, '{"hello": 1}');
    expect(cli(['check', notRecord]).code).toBe(2);
    const clean = join(dir, 'x.json');
    copyFileSync(join(dir, 'clean.json'), clean);
    expect(cli(['check', '--format', 'yaml', clean]).code).toBe(2);
    writeFileSync(join(dir, 'x.log.jsonl'), 'not json\n');
    expect(cli(['check', clean]).code).toBe(2);
    expect(cli(['check', '--help']).stdout).toContain('--format');
  });
});
