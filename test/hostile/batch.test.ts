/**
 * Hostile input and shared output folders through the batch (issue 12), in process with the fake
 * pipeline: where files go, what is read, which failures are retried, the lock, the temp sweep,
 * the manifest. The real pipeline's memory is in memory.test.ts, the CLI's messages in cli.test.ts.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { collectInputs } from '../../src/batch/inputs.js';
import { assignOutputNames } from '../../src/batch/names.js';
import { runBatch, type BatchInput, type BatchOptions } from '../../src/batch/run.js';
import { inProcessExecutor, type ExtractFn } from '../../src/batch/executor.js';
import { readManifest } from '../../src/batch/manifest.js';
import { mergeOutputs } from '../../src/batch/merge.js';
import { acquireLock, LOCK_FILE, processStart } from '../../src/batch/lock.js';
import { readInput } from '../../src/batch/read-input.js';
import { OperationalError } from '../../src/batch/out-dir.js';
import { DEFAULT_LIMITS, MB } from '../../src/ingest/limits.js';
import { ExtractionError, type ErrorKind } from '../../src/errors.js';
import { failed } from '../../src/pipeline.js';
// @ts-expect-error plain JS fixture without types
import { extractDocument as fake } from '../fixtures/fake-pipeline.mjs';
import { tempDir } from '../helpers/build.js';
import { fakeReport, goodCorpus, writeCorpus } from '../helpers/corpus.js';

const silent = { info() {}, warn() {}, debug() {} };

function named(paths: string[]): BatchInput[] {
  const files = collectInputs(paths);
  const names = assignOutputNames(files.map((f) => f.path));
  return files.map((f) => ({ ...f, output: names.get(f.path)! }));
}

function opts(outDir: string, extra: Partial<BatchOptions> = {}): BatchOptions {
  return {
    outDir,
    force: false,
    concurrency: 2,
    strict: false,
    extract: { ocr: 'auto', foldGlyphs: true },
    pipelineVersion: 'test@1',
    ...extra,
  };
}

const run = (inputs: BatchInput[], o: BatchOptions, fn: ExtractFn = fake as ExtractFn) =>
  runBatch(inputs, o, { executor: inProcessExecutor(fn, 5000), log: silent });

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

describe('nothing is written or deleted outside --out (case 1)', () => {
  it('inputs named ..txt, ...txt and ...pdf stay inside sub/out, and a failing one deletes nothing beside it', async () => {
    const root = tempDir('names');
    writeCorpus(root, {
      'in/..txt': fakeReport('甲', 2024, [['201', '1.00']]),
      'in/...txt': fakeReport('乙', 2024, [['201', '2.00']]),
      'in/...pdf': 'CORRUPT', // fails: the old code then removed `sub.json`
      'sub.json': 'keep',
      'sub/out.json': 'keep',
    });
    const out = join(root, 'sub', 'out');
    const s = await run(named([join(root, 'in/..txt'), join(root, 'in/...txt'), join(root, 'in/...pdf')]), opts(out));
    expect([s.ok, s.failed]).toEqual([2, 1]);
    expect(readFileSync(join(root, 'sub.json'), 'utf8')).toBe('keep');
    expect(readFileSync(join(root, 'sub/out.json'), 'utf8')).toBe('keep');
    expect(tree(root).filter((f) => !f.startsWith('in/') && !f.startsWith('sub/out/'))).toEqual([
      'sub.json',
      'sub/out.json',
    ]);
    // The manifest's record: true is a file that is there.
    for (const e of readManifest(out, '').documents) {
      expect(e.output).not.toMatch(/^\.|\//);
      expect(existsSync(join(out, `${e.output}.json`))).toBe(e.record);
    }
  });

  it('merge leaves out a shard entry whose output is "../evil" (or "manifest") and writes only inside --out', async () => {
    const root = tempDir('merge');
    const shard = join(root, 'shard');
    writeCorpus(root, { 'in/a.txt': fakeReport('甲', 2024, [['201', '1.00']]) });
    await run(named([join(root, 'in')]), opts(shard));
    const m = JSON.parse(readFileSync(join(shard, 'manifest.json'), 'utf8')) as { documents: object[] };
    const good = m.documents[0] as { output: string };
    m.documents.push({ ...good, output: '../evil' }, { ...good, output: 'manifest' });
    writeFileSync(join(shard, 'manifest.json'), JSON.stringify(m));
    writeFileSync(join(root, 'evil.json'), 'outside'); // what `shard/../evil.json` names
    const merged = join(root, 'out', 'merged');
    const r = await mergeOutputs([shard], merged, silent);
    expect(r.unsafe).toBe(2);
    expect(r.documents).toBe(1);
    expect(readdirSync(join(root, 'out'))).toEqual(['merged']);
    expect(readdirSync(merged).sort()).toEqual(['a.json', 'a.log.jsonl', 'manifest.json']);
    expect(readManifest(merged, '').documents.map((e) => e.output)).toEqual(['a']);
  });
});

describe('inputs are stat-ed first and read within limits (cases 4, 5)', () => {
  it.runIf(hasMkfifo)(
    'a FIFO and /dev/zero named as inputs are refused at once, the good input is extracted',
    async () => {
      const root = tempDir('fifo');
      writeCorpus(root, { 'good.txt': fakeReport('甲', 2024, [['201', '1.00']]) });
      execFileSync('mkfifo', [join(root, 'pipe.txt')]);
      const inputs = named([join(root, 'pipe.txt'), '/dev/zero', join(root, 'good.txt')]);
      const s = await run(inputs, opts(join(root, 'out')));
      expect([s.ok, s.failed]).toEqual([1, 2]);
      const byOut = new Map(readManifest(join(root, 'out'), '').documents.map((e) => [e.output, e]));
      expect(byOut.get('pipe')).toMatchObject({ errorKind: 'InputUnreadable', record: false });
      expect(byOut.get('pipe')!.reason).toMatch(/not a regular file: a FIFO/);
      expect(byOut.get('zero')!.reason).toMatch(/not a regular file: a character device/);
    },
    10_000,
  );

  it.runIf(hasMkfifo)(
    'the worker-side read refuses a FIFO too (swapped in after the stat), without blocking',
    async () => {
      const root = tempDir('fifo2');
      execFileSync('mkfifo', [join(root, 'late.txt')]);
      await expect(readInput(join(root, 'late.txt'), 'late.txt', DEFAULT_LIMITS)).rejects.toMatchObject({
        kind: 'InputUnreadable',
        message: expect.stringMatching(/FIFO/),
      });
    },
  );

  it('a 200 MB text file is refused as TooLarge before it is read, with the limit in the reason', async () => {
    const root = tempDir('big');
    writeFileSync(join(root, 'big.txt'), fakeReport('甲', 2024, [['201', '1.00']]));
    truncateSync(join(root, 'big.txt'), 200 * MB); // sparse: costs no disk
    let peak = process.memoryUsage().rss;
    const base = peak;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const s = await run(named([join(root, 'big.txt')]), opts(join(root, 'out')));
    clearInterval(sampler);
    expect(s.failed).toBe(1);
    const e = readManifest(join(root, 'out'), '').documents[0]!;
    expect(e.errorKind).toBe('TooLarge');
    expect(e.reason).toMatch(/text file of 200 MB is above the text limit of 8\.0 MB \(--max-text-mb\)/);
    expect(peak - base).toBeLessThan(100 * MB); // never read
  });

  it('limits are per run: --max-input-mb and --max-text-mb as given', async () => {
    const root = tempDir('lim');
    writeCorpus(root, { 'a.txt': fakeReport('甲', 2024, [['201', '1.00']]) + ' '.repeat(4000) });
    const out = join(root, 'out');
    const s = await run(
      named([join(root, 'a.txt')]),
      opts(out, { extract: { ocr: 'auto', foldGlyphs: true, limits: { maxTextBytes: 1024 } } }),
    );
    expect(s.failed).toBe(1);
    expect(readManifest(out, '').documents[0]!.reason).toMatch(
      /^TooLarge: text file of 4 KB is above the text limit of 1 KB \(--max-text-mb\); not read$/,
    );
  });
});

describe('failure kinds: the input’s fault is not retried, transient faults are (case 4)', () => {
  it('skips TooLarge, InputUnreadable, Encrypted, LayoutUnknown, NoTextLayer; retries Timeout, WorkerCrashed, Internal', async () => {
    const root = tempDir('kinds');
    const kinds: ErrorKind[] = [
      'TooLarge',
      'InputUnreadable',
      'Encrypted',
      'LayoutUnknown',
      'NoTextLayer',
      'Timeout',
      'WorkerCrashed',
      'Internal',
    ];
    writeCorpus(root, Object.fromEntries(kinds.map((k) => [`${k}.txt`, `KIND ${k}\n`])));
    const calls: string[] = [];
    const fn: ExtractFn = (input) => {
      const kind = Buffer.from(input.bytes).toString().slice(5).trim() as ErrorKind;
      calls.push(kind);
      return Promise.resolve(failed(new ExtractionError(kind, `made to fail with ${kind}`)));
    };
    const out = join(root, 'out');
    await run(named([root]), opts(out), fn);
    expect(calls.sort()).toEqual([...kinds].sort());
    calls.length = 0;
    const again = await run(named([root]), opts(out), fn);
    expect(calls.sort()).toEqual(['Internal', 'Timeout', 'WorkerCrashed']);
    expect([again.skipped, again.skippedFailed, again.failed]).toEqual([5, 5, 3]);
  });
});

describe('one run per output folder (case 6)', () => {
  it('a second run on a folder in use fails busy, naming the holder; with a wait it runs once the first is done', async () => {
    const root = tempDir('lock');
    writeCorpus(root, goodCorpus(2));
    const out = join(root, 'out');
    mkdirSync(out);
    const held = await acquireLock(out);
    const err = await run(named([root]), opts(out)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationalError);
    expect((err as OperationalError).kind).toBe('busy');
    expect((err as OperationalError).exitCode).toBe(4);
    expect((err as Error).message).toMatch(
      new RegExp(`in use by another juesuan run \\(pid ${process.pid} on this machine`),
    );
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);

    setTimeout(() => held.release(), 300);
    const s = await run(named([root]), opts(out, { lockWaitMs: 10_000 }));
    expect(s.ok).toBe(2);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false); // released at the end
  });

  it('takes over the lock of a dead process, and of a reused pid', async () => {
    const root = tempDir('stale');
    writeCorpus(root, goodCorpus(1));
    const out = join(root, 'out');
    mkdirSync(out);
    const lock = (o: object) =>
      writeFileSync(
        join(out, LOCK_FILE),
        JSON.stringify({ host: hostname(), startedAt: '2026-01-01T00:00:00Z', command: 'juesuan', token: 'x', ...o }),
      );
    lock({ pid: deadPid() });
    expect((await run(named([root]), opts(out, { force: true }))).ok).toBe(1);
    const start = processStart(process.pid);
    if (start !== undefined) {
      lock({ pid: process.pid, procStart: start - 1 }); // our pid, but a process started earlier
      expect((await run(named([root]), opts(out, { force: true }))).ok).toBe(1);
    }
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('a lock from another host is respected, with the file to delete if that run is gone', async () => {
    const root = tempDir('host');
    writeCorpus(root, goodCorpus(1));
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(
      join(out, LOCK_FILE),
      JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: 'then', command: 'juesuan', token: 't' }),
    );
    await expect(run(named([root]), opts(out))).rejects.toThrow(/on host elsewhere.*delete .*\.juesuan\.lock/);
  });

  it('the temp sweep removes temp files of dead runs only', async () => {
    const root = tempDir('sweep');
    writeCorpus(root, goodCorpus(1));
    const out = join(root, 'out');
    mkdirSync(out);
    const dead = `.r00.json.${deadPid()}.0123456789ab.tmp`;
    const live = `.r00.json.${process.pid}.0123456789ac.tmp`; // a live writer (here: us)
    const old = '.r00.json.0123456789ad.tmp'; // written by a version without pids
    for (const f of [dead, live, old]) writeFileSync(join(out, f), '{"half');
    await run(named([root]), opts(out));
    expect(readdirSync(out).sort()).toEqual([live, 'manifest.json', 'r00.json', 'r00.log.jsonl'].sort());
  });
});

describe('operational errors name the problem (case 7)', () => {
  it('a corrupt manifest: unusable, naming the file and what to do; nothing is overwritten', async () => {
    const root = tempDir('corrupt');
    writeCorpus(root, goodCorpus(1));
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), '{"schema');
    const err = (await run(named([root]), opts(out)).catch((e: unknown) => e)) as OperationalError;
    expect(err.kind).toBe('unusable');
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain(join(out, 'manifest.json'));
    expect(err.message).toMatch(/corrupt: not JSON.*move it aside/);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{"schema');
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it('--out that is a file, or under a file: unusable, naming the file', async () => {
    const root = tempDir('file');
    writeCorpus(root, { ...goodCorpus(1), f: 'x' });
    await expect(run(named([join(root, 'r00.txt')]), opts(join(root, 'f')))).rejects.toThrow(/is a file, not a folder/);
    await expect(run(named([join(root, 'r00.txt')]), opts(join(root, 'f', 'sub')))).rejects.toThrow(
      new RegExp(`${join(root, 'f')} is a file, not a folder`),
    );
    expect(statSync(join(root, 'f')).isFile()).toBe(true);
  });
});
