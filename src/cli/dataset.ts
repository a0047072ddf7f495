import { mergeOutputs } from '../batch/merge.js';
import { assertNotLocked } from '../batch/lock.js';
import { OperationalError, fsProblem } from '../batch/out-dir.js';
import { exportJsonl } from '../export/jsonl.js';
import { exportCsv } from '../export/csv.js';
import { exportSqlite } from '../export/sqlite.js';
import { exportParquet } from '../export/parquet.js';
import type { RowOptions } from '../export/rows.js';
import { loadCorrections } from '../corrections/load.js';
import { createLogger } from './logger.js';
import { asUsage } from './usage.js';

/**
 * `juesuan merge`: exit 1 when shards are missing or clash (or a manifest entry had an unsafe
 * output name), so a job array's last step can gate on it; OperationalErrors (3/4/5) go to main.
 */
export async function mergeCommand(
  dirs: string[],
  o: { out: string; logLevel: string; wait: number },
): Promise<number> {
  const log = createLogger(o.logLevel);
  let r;
  try {
    r = await mergeOutputs(dirs, o.out, log, { lockWaitMs: o.wait * 1000 });
  } catch (err) {
    if (err instanceof OperationalError) throw err;
    log.error({ err: (err as Error).message }, 'merge failed');
    return 1;
  }
  if (r.missingShards.length > 0) log.warn({ missing: r.missingShards }, 'some shards are missing');
  log.info(
    {
      documents: r.documents,
      conflicts: r.conflicts.length,
      missingShards: r.missingShards,
      unsafe: r.unsafe,
      out: o.out,
    },
    `merged ${dirs.length} folders: ${r.documents} documents`,
  );
  return r.conflicts.length > 0 || r.missingShards.length > 0 || r.unsafe > 0 ? 1 : 0;
}

export type ExportFormat = 'jsonl' | 'csv' | 'sqlite' | 'parquet';

export async function exportCommand(
  dir: string,
  o: { format: ExportFormat; to: string; bom?: boolean; logLevel: string; corrections?: string[] },
): Promise<number> {
  const log = createLogger(o.logLevel);
  const t0 = Date.now();
  const files = o.corrections;
  const corrections = files?.length ? asUsage(() => loadCorrections(files)) : undefined;
  // A folder a run is writing would export a moment of it: refuse rather than miss documents.
  assertNotLocked(dir);
  try {
    let problems = 0;
    const onProblem = (document: string, problem: string): void => {
      problems++;
      log.warn({ document, problem }, 'left out of the export');
    };
    const tally = { applied: 0, already: 0, unmatched: 0, noDocument: 0 };
    const options: RowOptions = corrections
      ? {
          corrections,
          onCorrected: (document, c) => {
            tally.applied += c.applied;
            tally.already += c.already;
            tally.unmatched += c.unmatched;
            if (c.unmatched)
              log.warn(
                { document, unmatched: c.unmatched },
                'corrections not applied: row or column not in the record (see its findings)',
              );
          },
          onOrphan: (c) => {
            tally.noDocument++;
            log.warn(
              { sha256: c.sha256, document: c.document, table: c.table, row: c.row, column: c.column, value: c.value },
              'correction not applied: its document is not in this folder (or has no valid record)',
            );
          },
        }
      : {};
    const counts =
      o.format === 'jsonl'
        ? exportJsonl(dir, o.to, onProblem, options)
        : o.format === 'csv'
          ? exportCsv(dir, o.to, o.bom ?? false, onProblem, options)
          : o.format === 'sqlite'
            ? exportSqlite(dir, o.to, onProblem, options)
            : await exportParquet(dir, o.to, onProblem, options);
    log.info(
      {
        ...counts,
        problems,
        ...(corrections ? { corrections: tally } : {}),
        to: o.to,
        format: o.format,
        elapsedMs: Date.now() - t0,
      },
      `exported ${counts.documents} documents, ${counts.cells} cells` +
        (corrections
          ? `; corrections: ${tally.applied} applied, ${tally.already} already in the records, ${tally.unmatched} unmatched, ${tally.noDocument} for documents not here`
          : ''),
    );
    return problems > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof OperationalError) throw err;
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      const where = (err as { path?: unknown }).path;
      const file = typeof where === 'string' ? ` (${where})` : '';
      throw new OperationalError('write', `export to ${o.to} failed${file}: ${fsProblem(err)}`, { cause: err });
    }
    log.error({ err: (err as Error).message }, 'export failed');
    return 1;
  }
}
