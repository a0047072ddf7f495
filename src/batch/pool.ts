import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { failed, type DocumentResult } from '../pipeline.js';
import { ExtractionError, toExtractionError } from '../errors.js';
import type { Executor, Task, TaskResult } from './executor.js';
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
  resolve: (r: TaskResult) => void;
  /** The input's sha256 once the worker has read it. */
  sha256: string | null;
}

/**
 * A pool of worker threads, one document per worker at a time, so CPU-bound stages (PDF parsing,
 * rendering, OCR) use every core. The worker reads the input itself, so the timeout covers the
 * read. A worker that hangs past the timeout (`Timeout`), crashes (`WorkerCrashed`) or runs out of
 * its heap (`TooLarge`: the document needs more than --memory-limit) is terminated and replaced;
 * its document is reported failed and the batch goes on.
 */
export class WorkerPool implements Executor {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private readonly running = new Map<Slot, { job: Job; timer?: NodeJS.Timeout }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: PoolOptions) {}

  run(task: Task): Promise<TaskResult> {
    if (this.closed) return Promise.resolve(notRun('pool closed'));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve, sha256: null });
      this.pump();
    });
  }

  abandon(): void {
    for (const slot of [...this.running.keys()]) {
      this.finish(slot, failed(new ExtractionError('Interrupted', 'abandoned: batch interrupted')), true);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(notRun('pool closed'));
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
      if (job.task.bytes) {
        // Copy into a fresh buffer we can transfer: the caller's bytes may be a view on a pool buffer.
        const bytes = new Uint8Array(job.task.bytes);
        slot.worker.postMessage({ id: job.id, ...job.task, bytes }, [bytes.buffer]);
      } else {
        slot.worker.postMessage({ id: job.id, ...job.task });
      }
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
      if ('read' in reply) {
        entry.job.sha256 = reply.read;
        return;
      }
      if ('done' in reply) this.finish(slot, reply.done, false);
      else this.finish(slot, failed(toExtractionError(reply.error)), false);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const e =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ExtractionError(
              'TooLarge',
              `needs more memory than the worker's heap limit of ${this.opts.memoryMb} MB (--memory-limit)`,
            )
          : new ExtractionError('WorkerCrashed', `worker crashed: ${err.message}`);
      this.finish(slot, failed(e), true);
    });
    worker.on('exit', (code) => {
      this.finish(slot, failed(new ExtractionError('WorkerCrashed', `worker exited with code ${code}`)), true);
    });
    return slot;
  }

  /** Settle the slot's job (once) and, when the worker is unusable, drop and terminate it. */
  private finish(slot: Slot, result: TaskResult | DocumentResult, kill: boolean): void {
    const entry = this.running.get(slot);
    if (entry) {
      clearTimeout(entry.timer);
      this.running.delete(slot);
      entry.job.resolve('result' in result ? result : { sha256: entry.job.sha256, result });
    }
    slot.busy = false;
    if (kill && this.slots.delete(slot)) void slot.worker.terminate();
    if (!this.closed) this.pump();
  }
}

function notRun(why: string): TaskResult {
  return { sha256: null, result: failed(new ExtractionError('Interrupted', why)) };
}

/** The compiled worker beside this file; under vitest (running .ts) fall back to the build. */
function workerScript(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/src/batch/worker.js', import.meta.url);
}
