import { mkdirSync, openSync, writeSync, closeSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { tempPathFor } from '../batch/atomic.js';
import { COLUMNS, datasetRows, type Kind, type OnProblem, type RowOptions } from './rows.js';

/**
 * One CSV per table in the folder `to` (documents.csv, cells.csv, findings.csv, facts.csv), each
 * with a header. `bom` prepends U+FEFF so spreadsheet programs read the Chinese text as UTF-8.
 */
export function exportCsv(
  dir: string,
  to: string,
  bom: boolean,
  onProblem?: OnProblem,
  options?: RowOptions,
): Record<string, number> {
  mkdirSync(to, { recursive: true });
  const kinds = Object.keys(COLUMNS) as Kind[];
  const files = new Map(
    kinds.map((k) => {
      const target = join(to, `${k}.csv`);
      const tmp = tempPathFor(target);
      const fd = openSync(tmp, 'w');
      writeSync(fd, (bom ? '\uFEFF' : '') + stringify([[...COLUMNS[k]]]));
      return [k, { target, tmp, fd, n: 0 }];
    }),
  );
  try {
    for (const { kind, row } of datasetRows(dir, onProblem, options)) {
      const f = files.get(kind)!;
      const cells = COLUMNS[kind].map((c) => (row as Record<string, unknown>)[c] ?? '');
      writeSync(f.fd, stringify([cells]));
      f.n++;
    }
  } catch (err) {
    for (const f of files.values()) {
      closeSync(f.fd);
      rmSync(f.tmp, { force: true });
    }
    throw err;
  }
  for (const f of files.values()) closeSync(f.fd);
  for (const f of files.values()) renameSync(f.tmp, f.target);
  return Object.fromEntries([...files].map(([k, f]) => [k, f.n]));
}
