import { describe, it, expect, beforeAll } from 'vitest';
import { pathToFileURL } from 'node:url';
import { WorkerPool } from '../../src/batch/pool.js';
import { ensureBuilt, FAKE } from '../helpers/build.js';
import { fakeReport } from '../helpers/corpus.js';

const task = (text: string) => ({
  path: 'x.txt',
  bytes: new TextEncoder().encode(text),
  options: { ocr: 'auto' as const, foldGlyphs: true },
});

describe('WorkerPool', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('extracts in worker threads and survives a hang, a crash and an out-of-memory document', async () => {
    const pool = new WorkerPool({ size: 2, pipelineModule: pathToFileURL(FAKE).href, timeoutMs: 1500, memoryMb: 48 });
    try {
      const [good, hang, crash, oom, after] = await Promise.all([
        pool.run(task(fakeReport('甲', 2024, [['201', '3.00']]))),
        pool.run(task('HANG')),
        pool.run(task('CRASH')),
        pool.run(task('OOM')),
        pool.run(task(fakeReport('乙', 2024, [['201', '4.00']]))),
      ]);
      expect(good.status).toBe('ok');
      expect(good.record?.document.department).toBe('甲');
      expect([hang.status, hang.errorKind]).toEqual(['failed', 'Timeout']);
      // The worker rethrows a {kind} error as plain data; the pool rebuilds it by kind.
      expect([crash.status, crash.errorKind, crash.reason]).toEqual(['failed', 'LayoutUnknown', 'LayoutUnknown: boom']);
      expect([oom.status, oom.errorKind]).toEqual(['failed', 'Internal']);
      expect(oom.reason).toMatch(/out of memory|exited/);
      expect(after.record?.document.department).toBe('乙');
    } finally {
      await pool.close();
    }
  }, 30_000);
});
