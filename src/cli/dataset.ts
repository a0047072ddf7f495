import { mergeOutputs } from '../batch/merge.js';
import { assertNotLocked } from '../batch/lock.js';
import { OperationalError, fsProblem } from '../batch/out-dir.js';
import { exportJsonl } from '../export/jsonl.js';
import { exportCsv } from '../export/csv.js';
import { exportSqlite } from '../export/sqlite.js';
import { createLogger } from './logger.js';

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

export function exportCommand(
  dir: string,
  o: { format: 'jsonl' | 'csv' | 'sqlite'; to: string; bom?: boolean; logLevel: string },
): number {
  const log = createLogger(o.logLevel);
  const t0 = Date.now();
  // A folder a run is writing would export a moment of it: refuse rather than miss documents.
  assertNotLocked(dir);
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
