/**
 * A full disk mid-run (issue 12, case 7): the batch stops with one operational error, records the
 * documents finished before it, and records none as failed because of it. The disk is made full by
 * failing the atomic writes of chosen files with ENOSPC (a real full disk needs a mount).
 */
import { describe, it, expect, vi } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type * as Atomic from '../../src/batch/atomic.js';

const full = vi.hoisted(() => ({ files: new Set<string>(), afterRecords: Infinity, records: 0 }));

vi.mock('../../src/batch/atomic.js', async (importOriginal) => {
  const real = await importOriginal<typeof Atomic>();
  const enospc = (file: string) =>
    Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC' });
  return {
    ...real,
    writeFileAtomicAsync: async (target: string, data: string | Uint8Array) => {
      const isRecord = target.endsWith('.json') && basename(target) !== 'manifest.json';
      if (full.files.has(basename(target)) || (isRecord && full.records++ >= full.afterRecords)) throw enospc(target);
      return real.writeFileAtomicAsync(target, data);
    },
    writeFileAtomic: (target: string, data: string | Uint8Array) => {
      if (full.files.has(basename(target))) throw enospc(target);
      return real.writeFileAtomic(target, data);
    },
  };
});

const { collectInputs } = await import('../../src/batch/inputs.js');
const { assignOutputNames } = await import('../../src/batch/names.js');
const { runBatch } = await import('../../src/batch/run.js');
const { inProcessExecutor } = await import('../../src/batch/executor.js');
const { readManifest } = await import('../../src/batch/manifest.js');
// @ts-expect-error plain JS fixture without types
const { extractDocument: fake } = (await import('../fixtures/fake-pipeline.mjs')) as { extractDocument: never };
const { tempDir } = await import('../helpers/build.js');
const { goodCorpus, writeCorpus } = await import('../helpers/corpus.js');

const silent = { info() {}, warn() {}, debug() {} };

function inputsOf(root: string) {
  const files = collectInputs([root]);
  const names = assignOutputNames(files.map((f) => f.path));
  return files.map((f) => ({ ...f, output: names.get(f.path)! }));
}

describe('disk full during a run', () => {
  it('stops with a write error naming the file, keeps what finished, records nothing as failed', async () => {
    const root = tempDir('full-in');
    const out = tempDir('full-out');
    writeCorpus(root, goodCorpus(8));
    full.records = 0;
    full.afterRecords = 3; // the fourth record does not fit
    const s = await runBatch(
      inputsOf(root),
      {
        outDir: out,
        force: false,
        concurrency: 1,
        strict: false,
        extract: { ocr: 'auto', foldGlyphs: true },
        pipelineVersion: 'test@1',
      },
      { executor: inProcessExecutor(fake), log: silent },
    );
    full.afterRecords = Infinity;
    expect(s.writeError?.kind).toBe('write');
    expect(s.writeError?.exitCode).toBe(5);
    expect(s.writeError?.message).toMatch(/cannot write .*r03\.json: disk full \(ENOSPC\); free some space/);
    expect([s.ok, s.failed]).toEqual([3, 0]);
    const m = readManifest(out, '');
    expect(m.documents.map((e) => [e.output, e.outcome])).toEqual([
      ['r00', 'ok'],
      ['r01', 'ok'],
      ['r02', 'ok'],
    ]);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Space again: the next run does the rest and skips what was done.
    const again = await runBatch(
      inputsOf(root),
      {
        outDir: out,
        force: false,
        concurrency: 2,
        strict: false,
        extract: { ocr: 'auto', foldGlyphs: true },
        pipelineVersion: 'test@1',
      },
      { executor: inProcessExecutor(fake), log: silent },
    );
    expect([again.ok, again.skipped, again.failed, again.writeError]).toEqual([5, 3, 0, undefined]);
  });

  it('a manifest that cannot be written stops the run with a write error instead of an unhandled rejection', async () => {
    const root = tempDir('full-in');
    const out = tempDir('full-out');
    writeCorpus(root, goodCorpus(4));
    full.files.add('manifest.json');
    try {
      const s = await runBatch(
        inputsOf(root),
        {
          outDir: out,
          force: false,
          concurrency: 1,
          strict: false,
          extract: { ocr: 'auto', foldGlyphs: true },
          pipelineVersion: 'test@1',
        },
        { executor: inProcessExecutor(fake), log: silent },
      );
      expect(s.writeError?.message).toMatch(/manifest\.json: disk full \(ENOSPC\)/);
      expect(existsSync(join(out, 'manifest.json'))).toBe(false);
      expect(s.ok).toBeLessThan(4); // stopped early
    } finally {
      full.files.delete('manifest.json');
    }
  });
});
