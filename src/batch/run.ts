import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import pLimit from 'p-limit';
import type { DocumentResult, ExtractOptions } from '../pipeline.js';
import { failed } from '../pipeline.js';
import type { Finding } from '../schema/finding.js';
import { writeFileAtomicAsync, removeStaleTemps } from './atomic.js';
import {
  readManifest,
  writeManifest,
  ManifestWriter,
  isDone,
  type FindingCounts,
  type Manifest,
  type ManifestEntry,
} from './manifest.js';
import { EMPTY_SHA256, type Executor } from './executor.js';
import { acquireLock } from './lock.js';
import { outputFile } from './names.js';
import { OperationalError, prepareOutDir, writeFailure } from './out-dir.js';
import { statRefusal } from './read-input.js';
import type { Shard } from './shard.js';
import type { CorrectionSet } from '../corrections/load.js';
import { applyCorrections } from '../corrections/apply.js';

/** A document to process, already named (names are assigned over the whole input set). */
export interface BatchInput {
  abs: string;
  path: string;
  rel: string;
  output: string;
}

export interface BatchOptions {
  outDir: string;
  force: boolean;
  concurrency: number;
  /** Warnings and partial records count as failures (the record is still written). */
  strict: boolean;
  extract: Pick<ExtractOptions, 'ocr' | 'foldGlyphs' | 'limits'>;
  pipelineVersion: string;
  shard?: Shard;
  /** When aborted, no new document is started; documents in hand finish. */
  signal?: AbortSignal;
  /** How long to wait for another run's lock on the folder before giving up (default 0). */
  lockWaitMs?: number;
  /** Reviewers' corrections, applied to each record by its sha256 before it is written. */
  corrections?: CorrectionSet;
}

export interface Progress {
  done: number;
  total: number;
  pages: number;
  entry: ManifestEntry;
}

/** The subset of a pino logger the batch uses. */
export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface BatchDeps {
  executor: Executor;
  log: Log;
  /** Called once the folder is locked and its manifest read, before the first document. */
  onStart?: () => void;
  onProgress?: (p: Progress) => void;
}

export interface BatchSummary {
  total: number;
  ok: number;
  partial: number;
  failed: number;
  skipped: number;
  /** Skipped inputs whose earlier extraction failed: they still have no record. */
  skippedFailed: number;
  /** Not started, or abandoned in hand, because the batch was interrupted or stopped. */
  notStarted: number;
  interrupted: boolean;
  /**
   * Why the run stopped early, when a write failed (disk full…): documents finished before it are
   * recorded, the one whose files could not be written and those after it are not.
   */
  writeError?: OperationalError;
  findings: FindingCounts;
  pages: number;
  elapsedMs: number;
  entries: ManifestEntry[];
  /** Corrections applied in this run, and those whose table/row/column a record lacked. */
  corrections: { applied: number; unmatched: number };
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const c = { info: 0, warn: 0, error: 0 };
  for (const f of findings) c[f.level]++;
  return c;
}

/**
 * Run the pipeline over many documents: incremental (unchanged inputs already done are skipped),
 * concurrent (p-limit over an executor that uses worker threads), crash-safe (every file written
 * atomically, the manifest rewritten after each document, so a kill loses at most the documents in
 * hand), and alone in its folder (a lock, see lock.ts). Never throws for a document. Throws
 * OperationalError when the folder cannot be used (`unusable`) or another run holds it (`busy`);
 * a write failing mid-run (disk full) stops the batch and is returned as `writeError`.
 */
export async function runBatch(
  inputs: readonly BatchInput[],
  options: BatchOptions,
  deps: BatchDeps,
): Promise<BatchSummary> {
  const started = Date.now();
  const { outDir } = options;
  prepareOutDir(outDir);
  const lock = await acquireLock(outDir, { waitMs: options.lockWaitMs ?? 0 });
  if (lock.replaced) {
    const was = lock.replaced === 'unreadable' ? {} : { pid: lock.replaced.pid, since: lock.replaced.startedAt };
    deps.log.info(was, 'took over the lock of a run that is gone');
  }
  try {
    const stale = removeStaleTemps(outDir);
    if (stale > 0) deps.log.info({ stale }, 'removed temp files left by an interrupted run');
    return await runLocked(inputs, options, deps, started);
  } finally {
    lock.release();
  }
}

async function runLocked(
  inputs: readonly BatchInput[],
  options: BatchOptions,
  deps: BatchDeps,
  started: number,
): Promise<BatchSummary> {
  const { outDir, pipelineVersion } = options;
  const manifest: Manifest = readManifest(outDir, pipelineVersion, (e) =>
    deps.log.warn({ output: e.output, path: e.path }, 'manifest entry with an unsafe output name dropped'),
  );
  manifest.pipelineVersion = pipelineVersion;
  if (options.shard) manifest.shard = options.shard;
  else delete manifest.shard;
  const byOutput = new Map(manifest.documents.map((e) => [e.output, e]));
  const snapshot = (): Manifest => ({ ...manifest, documents: [...byOutput.values()] });
  const writer = new ManifestWriter(outDir, snapshot);
  const commit = (e: ManifestEntry): void => {
    byOutput.set(e.output, e);
    writer.request();
    // The manifest could not be written (disk full): documents in hand could not be recorded.
    if (writer.error) deps.executor.abandon();
  };

  const summary: BatchSummary = {
    total: inputs.length,
    ok: 0,
    partial: 0,
    failed: 0,
    skipped: 0,
    skippedFailed: 0,
    notStarted: 0,
    interrupted: false,
    findings: { info: 0, warn: 0, error: 0 },
    pages: 0,
    elapsedMs: 0,
    entries: [],
    corrections: { applied: 0, unmatched: 0 },
  };
  const limit = pLimit(Math.max(1, options.concurrency));
  let done = 0;
  deps.onStart?.();
  /** Set by the first failed write: nothing new starts, nothing more is recorded. */
  let writeError: OperationalError | undefined;
  const stopping = () => options.signal?.aborted || writeError !== undefined || writer.error !== undefined;

  const one = async (input: BatchInput): Promise<void> => {
    if (stopping()) {
      summary.notStarted++;
      return;
    }
    const t0 = Date.now();
    const prev = byOutput.get(input.output);
    const recordExists = (o: string): boolean => existsSync(outputFile(outDir, o, '.json'));
    // Refused on stat alone (a FIFO, a device, gone): never handed to a worker, never opened.
    const refused = statRefusal(input.abs);
    let sha256: string | null = null;
    let result: DocumentResult | 'unchanged';
    if (refused) {
      result = failed(refused);
    } else {
      // The worker reads and hashes the input; when it still hashes to what the manifest has as
      // done, nothing is extracted.
      const unchangedIf =
        !options.force &&
        prev &&
        isDone(prev, prev.sha256, pipelineVersion, recordExists, options.corrections?.digest(prev.sha256))
          ? prev.sha256
          : undefined;
      const r = await deps.executor.run({
        path: input.path,
        file: input.abs,
        options: options.extract,
        ...(unchangedIf ? { unchangedIf } : {}),
      });
      sha256 = r.sha256;
      result = r.result;
    }
    if (result !== 'unchanged' && result.errorKind === 'Interrupted') {
      // Abandoned or never run: the previous entry and files stay as they are.
      summary.notStarted++;
      return;
    }
    let entry: ManifestEntry;
    if (result === 'unchanged') {
      entry = { ...prev!, path: input.path, status: 'skipped' };
      summary.skipped++;
      if (prev!.outcome === 'failed') summary.skippedFailed++;
    } else {
      if (writeError) {
        summary.notStarted++; // finished, but after the folder became unwritable: not recorded
        return;
      }
      try {
        entry = await settle(input, result, sha256 ?? EMPTY_SHA256, Date.now() - t0);
      } catch (err) {
        if (!writeError) {
          writeError = err instanceof OperationalError ? err : writeFailure(err, outDir);
          // Nothing more can be recorded: documents in hand are given up rather than waited for.
          deps.executor.abandon();
        }
        summary.notStarted++;
        return;
      }
      summary[entry.status as 'ok' | 'partial' | 'failed']++;
      summary.pages += result.pages ?? 0;
      for (const l of ['info', 'warn', 'error'] as const) summary.findings[l] += entry.findings[l];
    }
    commit(entry);
    summary.entries.push(entry);
    done++;
    deps.log.debug({ doc: input.path, output: entry.output, status: entry.status, ms: entry.elapsedMs }, 'document');
    deps.onProgress?.({ done, total: inputs.length, pages: summary.pages, entry });
  };

  /** Write the record and log (atomically, log first), then return the manifest entry. */
  const settle = async (
    input: BatchInput,
    result: DocumentResult,
    sha256: string,
    elapsedMs: number,
  ): Promise<ManifestEntry> => {
    const digest = result.record ? options.corrections?.digest(result.record.source.sha256) : undefined;
    if (result.record && digest) {
      const c = applyCorrections(result.record, result.findings, options.corrections!.for(result.record.source.sha256));
      const { reason: _old, ...rest } = result;
      result = {
        ...rest,
        status: c.status,
        record: c.record,
        findings: c.findings,
        ...(c.reason ? { reason: c.reason } : {}),
      };
      summary.corrections.applied += c.applied;
      summary.corrections.unmatched += c.unmatched;
    }
    const findings = countFindings(result.findings);
    let status = result.status;
    let reason = result.reason;
    if (options.strict && status !== 'failed' && (status === 'partial' || findings.warn + findings.error > 0)) {
      status = 'failed';
      reason = `strict: ${result.status} record with ${findings.warn} warn and ${findings.error} error findings`;
    }
    const log = outputFile(outDir, input.output, '.log.jsonl');
    const json = outputFile(outDir, input.output, '.json');
    await write(log, result.findings.map((f) => JSON.stringify(f) + '\n').join(''));
    if (result.record) await write(json, JSON.stringify(result.record, null, 2) + '\n');
    else await remove(json); // a stale record from an older run
    return {
      path: input.path,
      output: input.output,
      sha256,
      pipelineVersion,
      status,
      outcome: status,
      ...(status !== 'ok' && reason ? { reason: oneLine(reason) } : {}),
      ...(result.errorKind ? { errorKind: result.errorKind } : {}),
      findings,
      elapsedMs,
      pages: result.pages,
      record: result.record !== null,
      extractedAt: new Date().toISOString(),
      ...(digest ? { corrections: digest } : {}),
    };
  };

  try {
    await Promise.all(inputs.map((input) => limit(() => one(input))));
  } finally {
    // Entries for inputs not in this run (other shards' leftovers, removed files) are kept as they are.
    try {
      await writer.flush();
      writeManifest(outDir, snapshot());
    } catch (err) {
      writeError ??= err instanceof OperationalError ? err : writeFailure(err, outDir);
    }
  }
  summary.interrupted = options.signal?.aborted ?? false;
  summary.elapsedMs = Date.now() - started;
  if (writeError) summary.writeError = writeError;
  return summary;
}

async function write(file: string, data: string): Promise<void> {
  try {
    await writeFileAtomicAsync(file, data);
  } catch (err) {
    throw writeFailure(err, file);
  }
}

async function remove(file: string): Promise<void> {
  try {
    await rm(file, { force: true });
  } catch (err) {
    throw writeFailure(err, file);
  }
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
