import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentResult } from '../pipeline.js';
import { failed } from '../pipeline.js';
import { ExtractionError, toExtractionError } from '../errors.js';
import type { Executor, Task } from './executor.js';
import type { WorkerReply } from './worker.js';

export interface PoolOptions {
  size: number;
  /** URL (file:) of a module exporting `extractDocument`. */
  pipelineModule: string;
  /** Per-document limit; the worker is terminated when it runs out. 0 = none. */
  timeoutMs: number;
  /** V8 old-generation limit per worker: an OOM kills that worker, not the process. */
  memoryMb: number;
  /** Tesseract workers per thread's OCR pool; default 1 (the threads already fill the cores). */
  ocrWorkers?: number;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Job {
  id: number;
  task: Task;
  resolve: (r: DocumentResult) => void;
}

/**
 * A pool of worker threads, one document per worker at a time, so CPU-bound stages (PDF parsing,
 * rendering, OCR) use every core. A worker that hangs past the timeout, crashes or runs out of
 * memory is terminated and replaced; its document is reported failed and the batch goes on.
 */
export class WorkerPool implements Executor {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly running = new Map<Slot, { job: Job; timer?: NodeJS.Timeout }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  run(task: Task): Promise<DocumentResult> {
    if (this.closed) return Promise.resolve(failed(new ExtractionError('Internal', 'pool closed')));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve });
      this.pump();
    });
  }

  abandon(): void {
    for (const slot of [...this.running.keys()]) {
      this.finish(slot, failed(new ExtractionError('Internal', 'abandoned: batch interrupted')), true);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(failed(new ExtractionError('Internal', 'pool closed')));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.idleSlot();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.busy = true;
      const entry: { job: Job; timer?: NodeJS.Timeout } = { job };
      if (this.opts.timeoutMs > 0) {
        entry.timer = setTimeout(() => {
          const e = new ExtractionError(
            'Timeout',
            `no result after ${this.opts.timeoutMs / 1000} s; worker terminated`,
          );
          this.finish(slot, failed(e), true);
        }, this.opts.timeoutMs);
      }
      this.running.set(slot, entry);
      // Copy into a fresh buffer we can transfer: the caller's bytes may be a view on a pool buffer.
      const bytes = new Uint8Array(job.task.bytes);
      slot.worker.postMessage({ id: job.id, ...job.task, bytes }, [bytes.buffer]);
    }
  }

  private idleSlot(): Slot | undefined {
    for (const s of this.slots) if (!s.busy) return s;
    if (this.slots.size >= this.opts.size) return undefined;
    return this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(workerScript(), {
      workerData: { pipelineModule: this.opts.pipelineModule, ocrWorkers: this.opts.ocrWorkers ?? 1 },
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb },
      // The pipeline logs through findings; stray console output must not corrupt our stdout.
      stdout: true,
      stderr: false,
    });
    worker.stdout.resume();
    const slot: Slot = { worker, busy: false };
    this.slots.add(slot);
    worker.on('message', (reply: WorkerReply) => {
      const entry = this.running.get(slot);
      if (!entry || entry.job.id !== reply.id) return; // a late reply for a job already timed out
      const result = 'result' in reply ? reply.result : failed(toExtractionError(reply.error));
      this.finish(slot, result, false);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const why =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `out of memory (worker limit ${this.opts.memoryMb} MB)`
          : `worker crashed: ${err.message}`;
      this.finish(slot, failed(new ExtractionError('Internal', why)), true);
    });
    worker.on('exit', (code) => {
      this.finish(slot, failed(new ExtractionError('Internal', `worker exited with code ${code}`)), true);
    });
    return slot;
  }

  /** Settle the slot's job (once) and, when the worker is unusable, drop and terminate it. */
  private finish(slot: Slot, result: DocumentResult, kill: boolean): void {
    const entry = this.running.get(slot);
    if (entry) {
      clearTimeout(entry.timer);
      this.running.delete(slot);
      entry.job.resolve(result);
    }
    slot.busy = false;
    if (kill && this.slots.delete(slot)) void slot.worker.terminate();
    if (!this.closed) this.pump();
  }
}

/** The compiled worker beside this file; under vitest (running .ts) fall back to the build. */
function workerScript(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/src/batch/worker.js', import.meta.url);
}
