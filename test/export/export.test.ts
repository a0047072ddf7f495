import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { collectInputs } from '../../src/batch/inputs.js';
import { assignOutputNames } from '../../src/batch/names.js';
import { runBatch } from '../../src/batch/run.js';
import { inProcessExecutor, type ExtractFn } from '../../src/batch/executor.js';
import { exportCsv } from '../../src/export/csv.js';
import { exportJsonl } from '../../src/export/jsonl.js';
import { exportSqlite } from '../../src/export/sqlite.js';
import { exportParquet } from '../../src/export/parquet.js';
import { COLUMNS } from '../../src/export/rows.js';
import { DuckDBInstance } from '@duckdb/node-api';
// @ts-expect-error plain JS fixture without types
import { extractDocument as fake } from '../fixtures/fake-pipeline.mjs';
import { tempDir } from '../helpers/build.js';
import { fakeReport, writeCorpus } from '../helpers/corpus.js';

const silent = { info() {}, warn() {}, debug() {} };
let out: string;

// Three documents: 2 + 1 cells with trailing zeros that a float would lose, and a failed one.
beforeAll(async () => {
  const root = tempDir('in');
  out = tempDir('out');
  writeCorpus(root, {
    'a.txt': fakeReport('甲局', 2024, [
      ['201', '1200.50'],
      ['2010301', '0.00'],
    ]),
    'b.txt': fakeReport('乙局', 2023, [['205', '7.10']]),
    'c.txt': 'CORRUPT',
  });
  const files = collectInputs([root]);
  const names = assignOutputNames(files.map((f) => f.path));
  await runBatch(
    files.map((f) => ({ ...f, output: names.get(f.path)! })),
    {
      outDir: out,
      force: false,
      concurrency: 1,
      strict: false,
      extract: { ocr: 'auto', foldGlyphs: true },
      pipelineVersion: 't',
    },
    { executor: inProcessExecutor(fake as ExtractFn), log: silent },
  );
});

describe('export', () => {
  it('jsonl: one object per line with its kind; money kept as printed text', () => {
    const to = join(tempDir('x'), 'd.jsonl');
    const counts = exportJsonl(out, to);
    const lines = readFileSync(to, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(counts).toEqual({ documents: 3, cells: 3, findings: 3, facts: 2 });
    const cells = lines.filter((l) => l.kind === 'cells');
    expect(cells.map((c) => [c.document, c.table_id, c.row_key, c.code, c.level, c.column_no, c.value])).toEqual([
      ['a', '02', 'code:201', '201', '类', 1, '1200.50'],
      ['a', '02', 'code:2010301', '2010301', '项', 1, '0.00'],
      ['b', '02', 'code:205', '205', '类', 1, '7.10'],
    ]);
    const c = lines.find((l) => l.kind === 'documents' && l.document === 'c')!;
    expect([c.status, c.department, c.tables]).toEqual(['failed', null, 0]);
  });

  it('csv: a folder of four files with headers, BOM only when asked', () => {
    const plain = tempDir('csv');
    exportCsv(out, plain, false);
    expect(readdirSync(plain).sort()).toEqual(['cells.csv', 'documents.csv', 'facts.csv', 'findings.csv']);
    const text = readFileSync(join(plain, 'cells.csv'), 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    // No field of this fixture holds a comma or quote, so a plain split reads it.
    const [header, ...body] = text
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const rows = body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!])));
    expect(rows.map((r) => [r.department, r.year, r.value])).toEqual([
      ['甲局', '2024', '1200.50'],
      ['甲局', '2024', '0.00'],
      ['乙局', '2023', '7.10'],
    ]);

    const bom = tempDir('csv');
    exportCsv(out, bom, true);
    for (const f of readdirSync(bom)) expect(readFileSync(join(bom, f), 'utf8').charCodeAt(0)).toBe(0xfeff);
  });

  it('sqlite: tables, decimal text, and the (year, department, table, code) index', () => {
    const to = join(tempDir('db'), 'd.sqlite');
    exportSqlite(out, to);
    const db = new Database(to, { readonly: true });
    try {
      const sum = db
        .prepare(
          "SELECT group_concat(value, '|') AS v, count(*) AS n FROM cells WHERE year = 2024 AND department = '甲局' AND table_id = '02'",
        )
        .get() as { v: string; n: number };
      expect(sum).toEqual({ v: '1200.50|0.00', n: 2 });
      const idx = db.prepare("PRAGMA index_info('cells_year_dept_table_code')").all() as { name: string }[];
      expect(idx.map((c) => c.name)).toEqual(['year', 'department', 'table_id', 'code']);
      const plan = db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT * FROM cells WHERE year = 2024 AND department = '甲局' AND table_id = '02' AND code = '201'",
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('cells_year_dept_table_code');
      expect((db.prepare('SELECT count(*) AS n FROM findings').get() as { n: number }).n).toBe(3);
    } finally {
      db.close();
    }
  });

  it('parquet: four typed files DuckDB reads, money as the exact printed string', async () => {
    const to = tempDir('pq');
    const counts = await exportParquet(out, to);
    expect(counts).toEqual({ documents: 3, cells: 3, findings: 3, facts: 2 });
    expect(readdirSync(to).sort()).toEqual(['cells.parquet', 'documents.parquet', 'facts.parquet', 'findings.parquet']);
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    try {
      const read = async (sql: string) => (await db.runAndReadAll(sql)).getRowObjectsJson();
      const file = (k: string) => `'${join(to, `${k}.parquet`)}'`;
      for (const k of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
        const cols = await read(`DESCRIBE SELECT * FROM ${file(k)}`);
        expect(cols.map((c) => c.column_name)).toEqual([...COLUMNS[k]]);
      }
      const types = Object.fromEntries(
        (await read(`DESCRIBE SELECT * FROM ${file('cells')}`)).map((c) => [c.column_name, c.column_type]),
      );
      expect(types).toMatchObject({ year: 'INTEGER', column_no: 'INTEGER', confidence: 'DOUBLE', value: 'VARCHAR' });
      const cells = await read(
        `SELECT department, year, value, CAST(value AS DECIMAL(18,2)) AS amount FROM ${file('cells')}`,
      );
      expect(cells.map((c) => [c.department, c.year, c.value, c.amount])).toEqual([
        ['甲局', 2024, '1200.50', '1200.50'],
        ['甲局', 2024, '0.00', '0.00'],
        ['乙局', 2023, '7.10', '7.10'],
      ]);
      const docs = await read(`SELECT document, status, tables FROM ${file('documents')} ORDER BY document`);
      expect(docs.map((d) => [d.document, d.status, d.tables])).toEqual([
        ['a', 'ok', 1],
        ['b', 'ok', 1],
        ['c', 'failed', 0],
      ]);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
  });
});
