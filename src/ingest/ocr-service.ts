import { isMainThread } from 'node:worker_threads';
import { createOcrPool, defaultPoolSize, type OcrPool } from './ocr.js';

/**
 * One OCR pool per thread, created on first need and kept for every later document (workers load
 * the language model once). A lone process uses every core; a batch worker thread gets the share
 * of cores the batch gives it (setOcrPoolSize), one tesseract worker by default.
 */
let pool: Promise<OcrPool> | undefined;
let size: number | undefined;

export function setOcrPoolSize(n: number): void {
  size = Math.max(1, Math.floor(n));
}

export function getOcrPool(): Promise<OcrPool> {
  pool ??= createOcrPool({ size: size ?? (isMainThread ? defaultPoolSize() : 1) }).catch((err: unknown) => {
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
