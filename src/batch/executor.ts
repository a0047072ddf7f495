import { createHash } from 'node:crypto';
import type { DocumentInput, DocumentResult, ExtractOptions } from '../pipeline.js';
import { ExtractionError, toExtractionError } from '../errors.js';
import { failed } from '../pipeline.js';
import { withDefaults } from '../ingest/limits.js';
import { EMPTY_SHA256, readInput } from './read-input.js';

/** One document to extract, as plain data (it crosses a thread boundary). */
export interface Task {
  path: string;
  /** The file to read — by the executor (in the worker, under the timeout), within the limits. */
  file?: string;
  /** Or the bytes themselves, for callers that already hold them. */
  bytes?: Uint8Array;
  options: Pick<ExtractOptions, 'ocr' | 'foldGlyphs' | 'limits'>;
  /**
   * The sha256 of the bytes the batch already has a current result for: when the input still
   * hashes to it, nothing is extracted and the result is `unchanged`.
   */
  unchangedIf?: string;
}

/**
 * What became of a task: the sha256 of the bytes read (null when the executor never learnt it:
 * the file could not be read, or the worker died first), and the extraction's result, or
 * `unchanged` when the input matched `unchangedIf`.
 */
export interface TaskResult {
  sha256: string | null;
  result: DocumentResult | 'unchanged';
}

/**
 * Where documents are extracted. The batch only sees this: the worker pool in production, an
 * in-process function in unit tests. `run` never rejects — every failure is a `failed` result
 * whose errorKind says why — so one document can never stop the batch.
 */
export interface Executor {
  run(task: Task): Promise<TaskResult>;
  /** Give up on documents in hand (second Ctrl-C); their results become failed (Interrupted). */
  abandon(): void;
  close(): Promise<void>;
}

export type ExtractFn = (input: DocumentInput, options: Partial<ExtractOptions>) => Promise<DocumentResult>;

/**
 * Read a task's input (unless it brings its bytes), skip it when unchanged, else extract it. The one
 * body of both executors; `onRead` hears the sha256 as soon as it is known (the pool records it, so
 * a document that then times out is still recorded with the hash of its bytes).
 */
export async function runTask(
  task: Task,
  fn: ExtractFn,
  extra: Partial<ExtractOptions> = {},
  onRead?: (sha256: string) => void,
): Promise<TaskResult> {
  let input: { bytes: Uint8Array; sha256: string };
  try {
    if (task.bytes) input = { bytes: task.bytes, sha256: createHash('sha256').update(task.bytes).digest('hex') };
    else if (task.file) input = await readInput(task.file, task.path, withDefaults(task.options.limits));
    else throw new ExtractionError('Internal', 'task without a file or bytes');
  } catch (err) {
    return { sha256: null, result: failed(toExtractionError(err)) };
  }
  onRead?.(input.sha256);
  if (task.unchangedIf === input.sha256) return { sha256: input.sha256, result: 'unchanged' };
  let result: DocumentResult;
  try {
    result = await fn({ path: task.path, bytes: input.bytes }, { ...task.options, ...extra });
  } catch (err) {
    result = failed(toExtractionError(err));
  }
  return { sha256: input.sha256, result };
}

export { EMPTY_SHA256 };

/** Runs the pipeline on the calling thread, with the same timeout semantics as the pool. */
export function inProcessExecutor(fn: ExtractFn, timeoutMs = 0): Executor {
  const inHand = new Set<AbortController>();
  return {
    async run(task) {
      const ac = new AbortController();
      inHand.add(ac);
      let timer: NodeJS.Timeout | undefined;
      let sha256: string | null = null;
      try {
        const stop = new Promise<TaskResult>((resolve) => {
          const onAbort = (): void => resolve({ sha256, result: failed(toExtractionError(ac.signal.reason)) });
          ac.signal.addEventListener('abort', onAbort, { once: true });
          if (timeoutMs > 0) {
            timer = setTimeout(
              () => ac.abort(new ExtractionError('Timeout', `no result after ${timeoutMs / 1000} s`)),
              timeoutMs,
            );
          }
        });
        const work = runTask(task, fn, { signal: ac.signal }, (h) => (sha256 = h));
        return await Promise.race([work, stop]);
      } finally {
        clearTimeout(timer);
        inHand.delete(ac);
      }
    },
    abandon() {
      for (const ac of inHand) ac.abort(new ExtractionError('Interrupted', 'abandoned: batch interrupted'));
    },
    async close() {},
  };
}
