import { isMainThread } from 'node:worker_threads';
import { createOcrPool, defaultPoolSize, type OcrPool } from './ocr.js';

/**
 * One OCR pool per thread, created on first need and kept for every later document (workers load
 * the language model once). Inside a batch worker thread the batch already runs one document per
 * core, so its pool has one tesseract worker; a lone process uses every core.
 */
let pool: Promise<OcrPool> | undefined;

export function getOcrPool(): Promise<OcrPool> {
  pool ??= createOcrPool({ size: isMainThread ? defaultPoolSize() : 1 }).catch((err: unknown) => {
    pool = undefined;
    throw err;
  });
  return pool;
}

/** Terminate the pool's workers (awaited); the next document creates a new pool. */
export async function closeOcrPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  if (p) await (await p).close();
}
