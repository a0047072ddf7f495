/**
 * Documents' pages rendered on every core: a few worker threads (render-worker.js) each take one
 * document at a time. Where the compiled worker is not beside this module (tests and tsx run the
 * TypeScript sources) the documents are rendered in this thread, one after another.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderToFiles, type PageMeta, type RenderJob } from './render.js';

export interface RenderPool {
  /** Documents worth having in hand at once. */
  readonly size: number;
  render(job: RenderJob): Promise<PageMeta[]>;
  close(): Promise<void>;
}

export function renderPool(size = availableParallelism()): RenderPool {
  const file = fileURLToPath(new URL('./render-worker.js', import.meta.url));
  if (size < 2 || !existsSync(file)) return { size: 1, render: renderToFiles, close: async () => {} };
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  let next = 0;
  const take = (): Promise<Worker> => {
    const w = idle.pop();
    if (w) return Promise.resolve(w);
    if (all.length < size) {
      const fresh = new Worker(file);
      all.push(fresh);
      return Promise.resolve(fresh);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const give = (w: Worker): void => {
    const wake = waiting.shift();
    if (wake) wake(w);
    else idle.push(w);
  };
  return {
    size,
    async render(job) {
      const w = await take();
      const id = next++;
      try {
        return await new Promise<PageMeta[]>((resolve, reject) => {
          const onMessage = (m: { id: number; pages?: PageMeta[]; error?: string }): void => {
            if (m.id !== id) return;
            w.off('message', onMessage);
            w.off('error', onError);
            if (m.error !== undefined) reject(new Error(m.error));
            else resolve(m.pages!);
          };
          const onError = (err: Error): void => {
            w.off('message', onMessage);
            reject(err);
          };
          w.on('message', onMessage);
          w.once('error', onError);
          w.postMessage({ ...job, id });
        });
      } finally {
        give(w);
      }
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
