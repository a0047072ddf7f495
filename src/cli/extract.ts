import { availableParallelism } from 'node:os';
import { collectInputs } from '../batch/inputs.js';
import { assignOutputNames } from '../batch/names.js';
import { inShard, parseShard, type Shard } from '../batch/shard.js';
import { runBatch, type BatchInput } from '../batch/run.js';
import { WorkerPool } from '../batch/pool.js';
import { progressBar } from '../batch/progress.js';
import { pipelineModuleUrl, pipelineVersion } from '../batch/version.js';
import { createLogger } from './logger.js';
import { UsageError, asUsage } from './usage.js';
import { MB, type IngestLimits } from '../ingest/limits.js';
import { loadCorrections, type CorrectionSet } from '../corrections/load.js';

export interface ExtractCliOptions {
  out: string;
  force?: boolean;
  concurrency?: number;
  timeout: number;
  shard?: string;
  ocr: 'auto' | 'always' | 'never';
  foldGlyphs: boolean;
  strict?: boolean;
  logLevel: string;
  memoryLimit: number;
  progress: boolean;
  maxInputMb: number;
  maxTextMb: number;
  maxImageMpx: number;
  maxPageArea: number;
  wait: number;
  corrections?: string[];
}

/**
 * Exit codes: 0 every input has a record, 1 some input failed, 130/143 interrupted; an unusable or
 * busy output folder (3, 4) is thrown as OperationalError, a write failing mid-run returns 5.
 */
export async function extractCommand(args: string[], o: ExtractCliOptions): Promise<number> {
  let shard: Shard | undefined;
  if (o.shard !== undefined) {
    const s = parseShard(o.shard);
    if (typeof s === 'string') throw new UsageError(s);
    shard = s;
  }
  const files = asUsage(() => collectInputs(args));
  if (files.length === 0) throw new UsageError(`no *.txt or *.pdf inputs in ${args.join(' ')}`);

  const correctionFiles = o.corrections;
  const corrections = correctionFiles?.length ? asUsage(() => loadCorrections(correctionFiles)) : undefined;

  const log = createLogger(o.logLevel);
  const limits: IngestLimits = {
    maxInputBytes: Math.round(o.maxInputMb * MB),
    maxTextBytes: Math.round(o.maxTextMb * MB),
    maxImagePixels: Math.round(o.maxImageMpx * 1e6),
    maxPageArea: o.maxPageArea,
  };
  // Names over the whole set, before sharding: every shard of a job array agrees on them.
  const names = assignOutputNames(files.map((f) => f.path));
  const inputs: BatchInput[] = files
    .filter((f) => inShard(f.rel, shard))
    .map((f) => ({ ...f, output: names.get(f.path)! }));

  const moduleUrl = pipelineModuleUrl();
  const version = await pipelineVersion(moduleUrl);
  const concurrency = o.concurrency ?? availableParallelism();
  // Cores left over when there are fewer documents than threads go to OCR: one scanned report
  // alone still keeps every core busy.
  const threads = Math.max(1, Math.min(concurrency, inputs.length));
  const executor = new WorkerPool({
    size: concurrency,
    ocrWorkers: Math.max(1, Math.floor(availableParallelism() / threads)),
    pipelineModule: moduleUrl,
    timeoutMs: o.timeout * 1000,
    memoryMb: o.memoryLimit,
  });

  // First signal: start nothing new, let documents in hand finish. Second: abandon them.
  const ac = new AbortController();
  let signalName: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (!signalName) {
      signalName = sig;
      log.warn({ signal: sig }, 'stopping: finishing documents in hand (send again to abandon them)');
      ac.abort();
    } else {
      log.warn({ signal: sig }, 'abandoning documents in hand');
      executor.abandon();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const bar = o.progress ? progressBar(inputs.length) : progressBar(0);
  // Logged once the folder is ours (locked, manifest read): a refused run prints only its one line.
  const onStart = (): void =>
    log.info(
      {
        inputs: files.length,
        selected: inputs.length,
        shard: o.shard,
        out: o.out,
        concurrency,
        pipelineVersion: version,
      },
      'batch start',
    );
  let summary;
  try {
    summary = await runBatch(
      inputs,
      {
        outDir: o.out,
        force: o.force ?? false,
        concurrency,
        strict: o.strict ?? false,
        extract: { ocr: o.ocr, foldGlyphs: o.foldGlyphs, limits },
        pipelineVersion: version,
        ...(shard ? { shard } : {}),
        signal: ac.signal,
        lockWaitMs: o.wait * 1000,
        ...(corrections ? { corrections } : {}),
      },
      { executor, log, onStart, onProgress: (p) => bar.update(p) },
    );
  } finally {
    bar.stop();
    await executor.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const { ok, partial, failed, skipped, skippedFailed, notStarted, findings, pages, elapsedMs } = summary;
  for (const e of summary.entries)
    if (e.status === 'failed') log.warn({ doc: e.path, reason: e.reason, errorKind: e.errorKind }, 'document failed');
  log.info(
    { ok, partial, failed, skipped, skippedFailed, notStarted, findings, pages, elapsedMs, out: o.out },
    `summary: ${ok} ok, ${partial} partial, ${failed} failed, ${skipped} skipped` +
      `${notStarted ? `, ${notStarted} not started` : ''}; findings ${findings.info} info / ${findings.warn} warn / ` +
      `${findings.error} error; ${(elapsedMs / 1000).toFixed(1)} s`,
  );
  if (corrections) reportCorrections(corrections, summary, log);
  if (summary.writeError) {
    process.stderr.write(`juesuan: ${summary.writeError.message}\n`);
    return summary.writeError.exitCode;
  }
  if (signalName) return signalName === 'SIGINT' ? 130 : 143;
  return failed > 0 || skippedFailed > 0 ? 1 : 0;
}

/**
 * Corrections are never dropped silently: those for a document that is not among this run's inputs
 * (or that has no record) are named here; those whose row or column a record lacks are in its log.
 */
function reportCorrections(
  corrections: CorrectionSet,
  summary: Awaited<ReturnType<typeof runBatch>>,
  log: ReturnType<typeof createLogger>,
): void {
  const withRecord = new Set(summary.entries.filter((e) => e.record).map((e) => e.sha256));
  let orphans = 0;
  for (const [sha256, list] of corrections.byDocument) {
    if (withRecord.has(sha256)) continue;
    for (const c of list) {
      orphans++;
      log.warn(
        { sha256, document: c.document, table: c.table, row: c.row, column: c.column, value: c.value },
        'correction not applied: its document is not among the inputs (or has no record)',
      );
    }
  }
  log.info(
    { ...summary.corrections, noDocument: orphans, given: corrections.size },
    `corrections: ${summary.corrections.applied} applied, ${summary.corrections.unmatched} unmatched (in the logs), ${orphans} for documents not in this run`,
  );
}
