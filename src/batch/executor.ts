import type { DocumentInput, DocumentResult, ExtractOptions } from '../pipeline.js';
import { ExtractionError, toExtractionError } from '../errors.js';
import { failed } from '../pipeline.js';

/** One document to extract, as plain data (it crosses a thread boundary). */
export interface Task {
  path: string;
  bytes: Uint8Array;
  options: Pick<ExtractOptions, 'ocr' | 'foldGlyphs'>;
}

/**
 * Where documents are extracted. The batch only sees this: the worker pool in production, an
 * in-process function in unit tests. `run` never rejects — every failure is a `failed` result
 * whose errorKind says why — so one document can never stop the batch.
 */
export interface Executor {
  run(task: Task): Promise<DocumentResult>;
  /** Give up on documents in hand (second Ctrl-C); their results become failed. */
  abandon(): void;
  close(): Promise<void>;
}

export type ExtractFn = (input: DocumentInput, options: Partial<ExtractOptions>) => Promise<DocumentResult>;

/** Runs the pipeline on the calling thread, with the same timeout semantics as the pool. */
export function inProcessExecutor(fn: ExtractFn, timeoutMs = 0): Executor {
  const inHand = new Set<AbortController>();
  return {
    async run(task) {
      const ac = new AbortController();
      inHand.add(ac);
      let timer: NodeJS.Timeout | undefined;
      try {
        const stop = new Promise<DocumentResult>((resolve) => {
          const onAbort = (): void => resolve(failed(toExtractionError(ac.signal.reason)));
          ac.signal.addEventListener('abort', onAbort, { once: true });
          if (timeoutMs > 0) {
            timer = setTimeout(
              () => ac.abort(new ExtractionError('Timeout', `no result after ${timeoutMs / 1000} s`)),
              timeoutMs,
            );
          }
        });
        const work = fn({ path: task.path, bytes: task.bytes }, { ...task.options, signal: ac.signal }).catch(
          (err: unknown) => failed(toExtractionError(err)),
        );
        return await Promise.race([work, stop]);
      } finally {
        clearTimeout(timer);
        inHand.delete(ac);
      }
    },
    abandon() {
      for (const ac of inHand) ac.abort(new ExtractionError('Internal', 'abandoned: batch interrupted'));
    },
    async close() {},
  };
}
