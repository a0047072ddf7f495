import { mergeOutputs } from '../batch/merge.js';
import { exportJsonl } from '../export/jsonl.js';
import { exportCsv } from '../export/csv.js';
import { exportSqlite } from '../export/sqlite.js';
import { createLogger } from './logger.js';

/** `juesuan merge`: exit 1 when shards are missing or clash, so a job array's last step can gate on it. */
export function mergeCommand(dirs: string[], o: { out: string; logLevel: string }): number {
  const log = createLogger(o.logLevel);
  try {
    const r = mergeOutputs(dirs, o.out, log);
    if (r.missingShards.length > 0) log.warn({ missing: r.missingShards }, 'some shards are missing');
    log.info(
      { documents: r.documents, conflicts: r.conflicts.length, missingShards: r.missingShards, out: o.out },
      `merged ${dirs.length} folders: ${r.documents} documents`,
    );
    return r.conflicts.length > 0 || r.missingShards.length > 0 ? 1 : 0;
  } catch (err) {
    log.error({ err: (err as Error).message }, 'merge failed');
    return 1;
  }
}

export function exportCommand(
  dir: string,
  o: { format: 'jsonl' | 'csv' | 'sqlite'; to: string; bom?: boolean; logLevel: string },
): number {
  const log = createLogger(o.logLevel);
  const t0 = Date.now();
  try {
    let problems = 0;
    const onProblem = (document: string, problem: string): void => {
      problems++;
      log.warn({ document, problem }, 'left out of the export');
    };
    const counts =
      o.format === 'jsonl'
        ? exportJsonl(dir, o.to, onProblem)
        : o.format === 'csv'
          ? exportCsv(dir, o.to, o.bom ?? false, onProblem)
          : exportSqlite(dir, o.to, onProblem);
    log.info(
      { ...counts, problems, to: o.to, format: o.format, elapsedMs: Date.now() - t0 },
      `exported ${counts.documents} documents, ${counts.cells} cells`,
    );
    return problems > 0 ? 1 : 0;
  } catch (err) {
    log.error({ err: (err as Error).message }, 'export failed');
    return 1;
  }
}
