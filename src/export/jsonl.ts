import { openSync, writeSync, closeSync, renameSync, rmSync } from 'node:fs';
import { tempPathFor } from '../batch/atomic.js';
import { datasetRows, type OnProblem, type RowOptions } from './rows.js';

/** One JSON object per line, `{"kind": "cells", ...row}`; written to a temp file, then renamed. */
export function exportJsonl(
  dir: string,
  to: string,
  onProblem?: OnProblem,
  options?: RowOptions,
): Record<string, number> {
  const counts: Record<string, number> = { documents: 0, cells: 0, findings: 0, facts: 0 };
  const tmp = tempPathFor(to);
  const fd = openSync(tmp, 'w');
  try {
    for (const { kind, row } of datasetRows(dir, onProblem, options)) {
      writeSync(fd, JSON.stringify({ kind, ...row }) + '\n');
      counts[kind]!++;
    }
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, to);
  return counts;
}
