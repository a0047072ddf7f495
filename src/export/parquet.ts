import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBAppender } from '@duckdb/node-api';
import { tempPathFor } from '../batch/atomic.js';
import { COLUMNS, datasetRows, type Kind, type OnProblem, type RowOptions, type Value } from './rows.js';

/**
 * Column types of the Parquet files. Counts and positions are INTEGER, confidences DOUBLE, and
 * everything else VARCHAR — money included: `value` (and a finding's `expected`/`actual`) is the
 * decimal string as printed, exactly as in the record and the csv/jsonl/sqlite exports. A fixed
 * DECIMAL(18,2) would round an amount printed with more places (万元 to four places, rates, staff
 * counts with fractions in facts) and drop the printed scale ("7.10"), silently; the string keeps
 * both and converts exactly on demand: `CAST(value AS DECIMAL(18,2))` in DuckDB,
 * `decimal.Decimal(v)` or `pd.to_numeric` in pandas.
 */
export const INTEGER = new Set([
  'pages',
  'year',
  'tables',
  'info',
  'warn',
  'error',
  'line',
  'column_no',
  'page',
  'part',
]);
export const DOUBLE = new Set(['confidence']);

export function parquetType(column: string): 'INTEGER' | 'DOUBLE' | 'VARCHAR' {
  return INTEGER.has(column) ? 'INTEGER' : DOUBLE.has(column) ? 'DOUBLE' : 'VARCHAR';
}

/**
 * One Parquet file per table in the folder `to` (documents.parquet, cells.parquet,
 * findings.parquet, facts.parquet; snappy, the format's default, which every reader has), written through DuckDB's Node API: rows are appended to
 * typed in-memory tables, then each is COPYed to a temp file in `to` and renamed, so a reader never
 * opens a half-written file.
 */
export async function exportParquet(
  dir: string,
  to: string,
  onProblem?: OnProblem,
  options?: RowOptions,
): Promise<Record<string, number>> {
  mkdirSync(to, { recursive: true });
  const kinds = Object.keys(COLUMNS) as Kind[];
  // Loaded here, not at import: the native module costs nothing to those who never write Parquet.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const counts: Record<string, number> = {};
  const temps: { tmp: string; target: string }[] = [];
  try {
    const appenders = new Map<Kind, DuckDBAppender>();
    for (const k of kinds) {
      const cols = COLUMNS[k].map((c) => `"${c}" ${parquetType(c)}`);
      await db.run(`CREATE TABLE ${k} (${cols.join(', ')})`);
      appenders.set(k, await db.createAppender(k));
      counts[k] = 0;
    }
    for (const { kind, row } of datasetRows(dir, onProblem, options)) {
      const a = appenders.get(kind)!;
      for (const c of COLUMNS[kind]) append(a, parquetType(c), (row as Record<string, Value>)[c] ?? null);
      a.endRow();
      counts[kind]!++;
    }
    for (const a of appenders.values()) a.closeSync();
    for (const k of kinds) {
      const target = join(to, `${k}.parquet`);
      const tmp = tempPathFor(target);
      temps.push({ tmp, target });
      await db.run(`COPY ${k} TO '${tmp.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION snappy)`);
    }
  } catch (err) {
    for (const t of temps) rmSync(t.tmp, { force: true });
    throw err;
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  for (const t of temps) renameSync(t.tmp, t.target);
  return counts;
}

function append(a: DuckDBAppender, type: 'INTEGER' | 'DOUBLE' | 'VARCHAR', v: Value): void {
  if (v === null) a.appendNull();
  else if (type === 'INTEGER') a.appendInteger(Number(v));
  else if (type === 'DOUBLE') a.appendDouble(Number(v));
  else a.appendVarchar(String(v));
}
