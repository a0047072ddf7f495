import { mkdirSync, existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { DocumentResult, ExtractOptions } from '../pipeline.js';
import { failed } from '../pipeline.js';
import { ExtractionError } from '../errors.js';
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
import type { Executor } from './executor.js';
import type { Shard } from './shard.js';

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
  extract: Pick<ExtractOptions, 'ocr' | 'foldGlyphs'>;
  pipelineVersion: string;
  shard?: Shard;
  /** When aborted, no new document is started; documents in hand finish. */
  signal?: AbortSignal;
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
  /** Not started because the batch was interrupted. */
  notStarted: number;
  interrupted: boolean;
  findings: FindingCounts;
  pages: number;
  elapsedMs: number;
  entries: ManifestEntry[];
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
 * hand). Never throws for a document; only an unusable output folder stops it.
 */
export async function runBatch(
  inputs: readonly BatchInput[],
  options: BatchOptions,
  deps: BatchDeps,
): Promise<BatchSummary> {
  const started = Date.now();
  const { outDir, pipelineVersion } = options;
  mkdirSync(outDir, { recursive: true });
  const stale = removeStaleTemps(outDir);
  if (stale > 0) deps.log.info({ stale }, 'removed temp files left by an interrupted run');

  const manifest: Manifest = readManifest(outDir, pipelineVersion);
  manifest.pipelineVersion = pipelineVersion;
  if (options.shard) manifest.shard = options.shard;
  else delete manifest.shard;
  const byOutput = new Map(manifest.documents.map((e) => [e.output, e]));
  const snapshot = (): Manifest => ({ ...manifest, documents: [...byOutput.values()] });
  const writer = new ManifestWriter(outDir, snapshot);
  const commit = (e: ManifestEntry): void => {
    byOutput.set(e.output, e);
    writer.request();
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
  };
  const limit = pLimit(Math.max(1, options.concurrency));
  let done = 0;

  const one = async (input: BatchInput): Promise<void> => {
    if (options.signal?.aborted) {
      summary.notStarted++;
      return;
    }
    const t0 = Date.now();
    let bytes: Uint8Array | undefined;
    let result: DocumentResult;
    let sha256 = createHash('sha256').digest('hex'); // of nothing, for an unreadable input
    try {
      bytes = await readFile(input.abs);
      sha256 = createHash('sha256').update(bytes).digest('hex');
    } catch (err) {
      bytes = undefined;
      result = failed(new ExtractionError('InputUnreadable', `cannot read ${input.path}: ${(err as Error).message}`));
    }
    const prev = byOutput.get(input.output);
    const recordExists = (o: string): boolean => existsSync(join(outDir, `${o}.json`));
    let entry: ManifestEntry;
    if (bytes && !options.force && isDone(prev, sha256, pipelineVersion, recordExists)) {
      entry = { ...prev, path: input.path, status: 'skipped' };
      summary.skipped++;
      if (prev.outcome === 'failed') summary.skippedFailed++;
    } else {
      if (bytes) result = await deps.executor.run({ path: input.path, bytes, options: options.extract });
      entry = await settle(input, result!, sha256, Date.now() - t0);
      summary[entry.status as 'ok' | 'partial' | 'failed']++;
      summary.pages += result!.pages ?? 0;
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
    const findings = countFindings(result.findings);
    let status = result.status;
    let reason = result.reason;
    if (options.strict && status !== 'failed' && (status === 'partial' || findings.warn + findings.error > 0)) {
      status = 'failed';
      reason = `strict: ${result.status} record with ${findings.warn} warn and ${findings.error} error findings`;
    }
    const base = join(outDir, input.output);
    await writeFileAtomicAsync(`${base}.log.jsonl`, result.findings.map((f) => JSON.stringify(f) + '\n').join(''));
    if (result.record) await writeFileAtomicAsync(`${base}.json`, JSON.stringify(result.record, null, 2) + '\n');
    else await rm(`${base}.json`, { force: true }); // a stale record from an older run
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
    };
  };

  try {
    await Promise.all(inputs.map((input) => limit(() => one(input))));
  } finally {
    // Entries for inputs not in this run (other shards' leftovers, removed files) are kept as they are.
    await writer.flush();
    writeManifest(outDir, snapshot());
  }
  summary.interrupted = options.signal?.aborted ?? false;
  summary.elapsedMs = Date.now() - started;
  return summary;
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
