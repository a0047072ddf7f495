import { isMainThread } from 'node:worker_threads';
import { createOcrPool, defaultPoolSize, type OcrPool } from './ocr.js';

/**
 * One OCR pool per thread, created on first need and kept for every later document (workers load
 * the language model once). Its size is the caller's (the batch gives each worker thread its share
 * of the cores through the pipeline options); a lone process defaults to every core, a worker
 * thread to one tesseract worker.
 */
let pool: Promise<OcrPool> | undefined;

export function getOcrPool(size?: number): Promise<OcrPool> {
  const workers = Math.max(1, Math.floor(size ?? (isMainThread ? defaultPoolSize() : 1)));
  pool ??= createOcrPool({ size: workers }).catch((err: unknown) => {
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
