import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectInputs } from '../../src/batch/inputs.js';
import { assignOutputNames } from '../../src/batch/names.js';
import { runBatch, type BatchInput, type BatchOptions } from '../../src/batch/run.js';
import { inProcessExecutor, type ExtractFn } from '../../src/batch/executor.js';
import { readManifest } from '../../src/batch/manifest.js';
import { DocumentRecord } from '../../src/schema/record.js';
// @ts-expect-error plain JS fixture without types
import { extractDocument as fake } from '../fixtures/fake-pipeline.mjs';
import { tempDir } from '../helpers/build.js';
import { fakeReport, goodCorpus, writeCorpus } from '../helpers/corpus.js';

const silent = { info() {}, warn() {}, debug() {} };

function inputsOf(root: string): BatchInput[] {
  const files = collectInputs([root]);
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

/** Counts calls so a test can tell a skipped document from a re-extracted one. */
function counting(fn: ExtractFn) {
  const calls: string[] = [];
  return {
    calls,
    fn: (async (input, o) => {
      calls.push(input.path);
      return fn(input, o);
    }) as ExtractFn,
  };
}

describe('runBatch', () => {
  it('skips unchanged inputs, redoes changed ones, and redoes everything with force or a new pipeline version', async () => {
    const root = tempDir('in');
    const out = tempDir('out');
    writeCorpus(root, goodCorpus(4));
    const c = counting(fake as ExtractFn);
    const run = (extra: Partial<BatchOptions> = {}) =>
      runBatch(inputsOf(root), opts(out, extra), { executor: inProcessExecutor(c.fn), log: silent });

    const first = await run();
    expect([first.ok, first.skipped, c.calls.length]).toEqual([4, 0, 4]);

    const second = await run();
    expect([second.ok, second.skipped, c.calls.length]).toEqual([0, 4, 4]);
    expect(readManifest(out, '').documents.map((e) => [e.status, e.outcome])).toEqual(Array(4).fill(['skipped', 'ok']));

    writeFileSync(join(root, 'r01.txt'), fakeReport('部门1', 2021, [['201', '9.99']]));
    const third = await run();
    expect([third.ok, third.skipped]).toEqual([1, 3]);
    expect(c.calls.at(-1)).toMatch(/r01\.txt$/);
    const rec = DocumentRecord.parse(JSON.parse(readFileSync(join(out, 'r01.json'), 'utf8')));
    expect(rec.tables[0]!.rows[0]!.values['1']).toBe('9.99');

    await run({ force: true });
    expect(c.calls.length).toBe(4 + 1 + 4);
    await run({ pipelineVersion: 'test@2' });
    expect(c.calls.length).toBe(4 + 1 + 4 + 4);
  });

  it('redoes a done input whose record was deleted', async () => {
    const root = tempDir('in');
    const out = tempDir('out');
    writeCorpus(root, goodCorpus(2));
    const c = counting(fake as ExtractFn);
    const run = () => runBatch(inputsOf(root), opts(out), { executor: inProcessExecutor(c.fn), log: silent });
    await run();
    const { rmSync } = await import('node:fs');
    rmSync(join(out, 'r00.json'));
    const s = await run();
    expect([s.ok, s.skipped]).toEqual([1, 1]);
    expect(existsSync(join(out, 'r00.json'))).toBe(true);
  });

  it('processes good files around a corrupt one, and an empty and an unreadable one', async () => {
    const root = tempDir('in');
    const out = tempDir('out');
    writeCorpus(root, { ...goodCorpus(3), 'bad.txt': 'CORRUPT \u0000\u0001\u0002', 'empty.txt': '' });
    const inputs = inputsOf(root);
    inputs.push({ abs: join(root, 'gone.txt'), path: 'gone.txt', rel: 'gone.txt', output: 'gone' });
    const s = await runBatch(inputs, opts(out), { executor: inProcessExecutor(fake as ExtractFn), log: silent });
    expect([s.ok, s.failed]).toEqual([3, 3]);
    const m = readManifest(out, '');
    const failedOnes = m.documents.filter((e) => e.status === 'failed');
    expect(failedOnes.map((e) => e.output).sort()).toEqual(['bad', 'empty', 'gone']);
    for (const e of failedOnes) {
      expect(e.errorKind).toBe('InputUnreadable');
      expect(e.reason).toBeTruthy();
      expect(e.record).toBe(false);
      expect(existsSync(join(out, `${e.output}.json`))).toBe(false);
      expect(existsSync(join(out, `${e.output}.log.jsonl`))).toBe(true);
    }
    for (const n of ['r00', 'r01', 'r02'])
      DocumentRecord.parse(JSON.parse(readFileSync(join(out, `${n}.json`), 'utf8')));
  });

  it('keeps two inputs with the same name in different folders apart', async () => {
    const root = tempDir('in');
    const out = tempDir('out');
    writeCorpus(root, {
      'a/x.txt': fakeReport('甲', 2024, [['201', '1.00']]),
      'b/x.txt': fakeReport('乙', 2024, [['201', '2.00']]),
    });
    await runBatch(inputsOf(root), opts(out), { executor: inProcessExecutor(fake as ExtractFn), log: silent });
    const m = readManifest(out, '');
    expect(m.documents).toHaveLength(2);
    const depts = m.documents.map((e) => {
      const r = DocumentRecord.parse(JSON.parse(readFileSync(join(out, `${e.output}.json`), 'utf8')));
      expect(r.source.path).toBe(e.path);
      return [e.path.endsWith('a/x.txt'), r.document.department];
    });
    expect(depts.sort()).toEqual([
      [false, '乙'],
      [true, '甲'],
    ]);
    expect(readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'manifest.json')).toHaveLength(2);
  });

  it('fails a hanging document on timeout and goes on', async () => {
    const root = tempDir('in');
    const out = tempDir('out');
    writeCorpus(root, { ...goodCorpus(2), 'slow.txt': 'DEPT slow\n' });
    const hang: ExtractFn = (input, o) =>
      input.path.endsWith('slow.txt') ? new Promise(() => {}) : (fake as ExtractFn)(input, o);
    const s = await runBatch(inputsOf(root), opts(out), { executor: inProcessExecutor(hang, 200), log: silent });
    expect([s.ok, s.failed]).toEqual([2, 1]);
    const e = readManifest(out, '').documents.find((d) => d.output === 'slow')!;
    expect(e.errorKind).toBe('Timeout');
  });

  it('with strict, counts partial records and warnings as failures but still writes the record', async () => {
    const root = tempDir('in');
    const out = tempDir('out');
    writeCorpus(root, { 'p.txt': 'DEPT 丙\nYEAR 2024\nPARTIAL\nROW 201 1.00\n', ...goodCorpus(1) });
    const s = await runBatch(inputsOf(root), opts(out, { strict: true }), {
      executor: inProcessExecutor(fake as ExtractFn),
      log: silent,
    });
    expect([s.ok, s.failed]).toEqual([1, 1]);
    const e = readManifest(out, '').documents.find((d) => d.output === 'p')!;
    expect(e.reason).toMatch(/^strict:/);
    expect(existsSync(join(out, 'p.json'))).toBe(true);
  });

  it('starts nothing new once the signal is aborted', async () => {
    const root = tempDir('in');
    const out = tempDir('out');
    writeCorpus(root, goodCorpus(6));
    const ac = new AbortController();
    const stopAfterFirst: ExtractFn = async (input, o) => {
      const r = await (fake as ExtractFn)(input, o);
      ac.abort();
      return r;
    };
    const s = await runBatch(inputsOf(root), opts(out, { concurrency: 1, signal: ac.signal }), {
      executor: inProcessExecutor(stopAfterFirst),
      log: silent,
    });
    expect([s.ok, s.notStarted, s.interrupted]).toEqual([1, 5, true]);
    expect(readManifest(out, '').documents).toHaveLength(1);
  });

  it('removes temp files a killed run left behind and never lists them as output', async () => {
    const root = tempDir('in');
    const out = tempDir('out');
    writeCorpus(root, goodCorpus(1));
    writeFileSync(join(out, '.r00.json.0123456789ab.tmp'), '{"half');
    await runBatch(inputsOf(root), opts(out), { executor: inProcessExecutor(fake as ExtractFn), log: silent });
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'r00.json', 'r00.log.jsonl']);
  });
});
