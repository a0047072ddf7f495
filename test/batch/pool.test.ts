import { describe, it, expect, beforeAll } from 'vitest';
import { pathToFileURL } from 'node:url';
import { WorkerPool } from '../../src/batch/pool.js';
import type { TaskResult } from '../../src/batch/executor.js';
import type { DocumentResult } from '../../src/pipeline.js';
import { ensureBuilt, FAKE } from '../helpers/build.js';
import { fakeReport } from '../helpers/corpus.js';

const task = (text: string) => ({
  path: 'x.txt',
  bytes: new TextEncoder().encode(text),
  options: { ocr: 'auto' as const, foldGlyphs: true },
});

/** The extraction's result of a task that was not `unchanged`. */
const doc = (r: TaskResult): DocumentResult => {
  if (r.result === 'unchanged') throw new Error('unexpected unchanged');
  return r.result;
};

describe('WorkerPool', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('extracts in worker threads and survives a hang, a crash and an out-of-memory document', async () => {
    const pool = new WorkerPool({ size: 2, pipelineModule: pathToFileURL(FAKE).href, timeoutMs: 1500, memoryMb: 48 });
    try {
      const [good, hang, crash, oom, after] = (
        await Promise.all([
          pool.run(task(fakeReport('甲', 2024, [['201', '3.00']]))),
          pool.run(task('HANG')),
          pool.run(task('CRASH')),
          pool.run(task('OOM')),
          pool.run(task(fakeReport('乙', 2024, [['201', '4.00']]))),
        ])
      ).map(doc) as [DocumentResult, DocumentResult, DocumentResult, DocumentResult, DocumentResult];
      expect(good.status).toBe('ok');
      expect(good.record?.document.department).toBe('甲');
      expect([hang.status, hang.errorKind]).toEqual(['failed', 'Timeout']);
      // The worker rethrows a {kind} error as plain data; the pool rebuilds it by kind.
      expect([crash.status, crash.errorKind, crash.reason]).toEqual(['failed', 'LayoutUnknown', 'LayoutUnknown: boom']);
      // Out of its heap: the document needs more than --memory-limit, the input's fault (not retried).
      expect([oom.status, oom.errorKind]).toEqual(['failed', 'TooLarge']);
      expect(oom.reason).toMatch(/heap limit of 48 MB \(--memory-limit\)/);
      expect(after.record?.document.department).toBe('乙');
    } finally {
      await pool.close();
    }
  }, 30_000);
});
