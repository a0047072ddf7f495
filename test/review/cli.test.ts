/** The commands as a user runs them: extract --corrections, review, export --format parquet. */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, ensureBuilt, tempDir } from '../helpers/build.js';
import { sample } from '../helpers/misread.js';

function cli(args: string[]) {
  const env = { ...process.env };
  delete env.JUESUAN_PIPELINE;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('review, corrections and parquet from the command line', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('extract --corrections applies and reports; review builds the site; export writes parquet', () => {
    const root = tempDir('cli-in');
    writeFileSync(join(root, 'a.pdf'), sample('pdf/000-clean.pdf'));
    writeFileSync(join(root, 'b.txt'), sample('001_601db7814e7d3dfd.txt'));
    const out = tempDir('cli-out');
    expect(cli(['extract', root, '--out', out, '--concurrency', '1', '--no-progress']).code).toBe(0);
    const rec = JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')) as {
      source: { sha256: string };
      tables: { id: string; rows: { key: string; values: Record<string, string> }[] }[];
    };
    const value = rec.tables.find((t) => t.id === '03')!.rows.find((r) => r.key === 'code:201')!.values['1']!;
    const file = join(tempDir('corr'), 'corrections.json');
    writeFileSync(
      file,
      JSON.stringify({
        kind: 'juesuan-corrections',
        version: 1,
        corrections: [
          { sha256: rec.source.sha256, table: '03', row: 'code:201', column: '1', value, by: 'test' },
          { sha256: 'e'.repeat(64), table: '03', row: 'code:201', column: '1', value: '1.00' },
        ],
      }),
    );
    const r = cli(['extract', root, '--out', out, '--no-progress', '--corrections', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('correction not applied: its document is not among the inputs');
    expect(r.stderr).toContain('corrections: 1 applied, 0 unmatched (in the logs), 1 for documents not in this run');
    expect(readFileSync(join(out, 'a.log.jsonl'), 'utf8')).toContain('"check":"review.corrected"');

    const site = tempDir('cli-site');
    const rv = cli(['review', out, '--to', site, '--only-flagged']);
    expect(rv.code).toBe(0);
    expect(rv.stderr).toMatch(/review site: 2 documents, 0 pages/);
    expect(existsSync(join(site, 'index.html'))).toBe(true);
    expect(readdirSync(join(site, 'docs')).sort()).toEqual(['a.html', 'b.html']);
    expect(readdirSync(join(site, 'assets')).sort()).toEqual(['review.css', 'review.js']);
    const full = cli(['review', out, '--to', site, '--page-kb', '80']);
    expect(full.code).toBe(0);
    for (const f of readdirSync(join(site, 'docs', 'a'))) {
      expect(f).toMatch(/^p\d+\.jpg$/);
      expect(readFileSync(join(site, 'docs', 'a', f)).length).toBeLessThanOrEqual(80_000);
    }

    const pq = tempDir('cli-pq');
    const ex = cli(['export', out, '--format', 'parquet', '--to', pq]);
    expect(ex.code).toBe(0);
    expect(readdirSync(pq).sort()).toEqual(['cells.parquet', 'documents.parquet', 'facts.parquet', 'findings.parquet']);
  }, 120_000);

  it('a file that is not a corrections file is a usage error (exit 2, one line)', () => {
    const bad = join(tempDir('corr'), 'bad.json');
    writeFileSync(bad, '{"corrections": 1}');
    const r = cli([
      'export',
      tempDir('none'),
      '--format',
      'jsonl',
      '--to',
      join(tempDir('x'), 'x.jsonl'),
      '--corrections',
      bad,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^juesuan: .*bad\.json: not a juesuan corrections file/);
  });
});
