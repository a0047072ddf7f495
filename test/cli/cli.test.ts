import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, FAKE, ROOT, ensureBuilt, tempDir } from '../helpers/build.js';
import { fakeReport, goodCorpus, writeCorpus } from '../helpers/corpus.js';

const env = (extra: Record<string, string> = {}) => ({ ...process.env, JUESUAN_PIPELINE: FAKE, ...extra });

function cli(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(extra), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every output file of a folder except the manifest (whose times differ between runs). */
function outputs(dir: string): Record<string, string> {
  const files = readdirSync(dir)
    .filter((f) => f !== 'manifest.json')
    .sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

function manifest(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    documents: { output: string; sha256: string; status: string; outcome: string; path: string }[];
  };
}

const settled = (dir: string) => manifest(dir).documents.map((d) => [d.output, d.sha256, d.outcome]);

describe('juesuan CLI', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('--help documents every extract option', () => {
    const r = cli(['extract', '--help']);
    expect(r.code).toBe(0);
    for (const opt of [
      '--out',
      '--force',
      '--concurrency',
      '--timeout',
      '--shard',
      '--ocr',
      '--no-fold-glyphs',
      '--strict',
      '--log-level',
      '--memory-limit',
    ]) {
      expect(r.stdout).toContain(opt);
    }
    const top = cli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['extract', 'merge', 'export']) expect(top.stdout).toContain(cmd);
  });

  it('exits 2 on usage errors', () => {
    const root = tempDir('in');
    writeCorpus(root, goodCorpus(1));
    const out = tempDir('out');
    expect(cli(['extract', root, '--out', out, '--bogus']).code).toBe(2);
    expect(cli(['extract', '--out', out]).code).toBe(2); // no inputs
    expect(cli(['extract', root]).code).toBe(2); // no --out
    expect(cli(['extract', root, '--out', out, '--shard', '0/2']).code).toBe(2);
    expect(cli(['extract', root, '--out', out, '--shard', 'x']).code).toBe(2);
    expect(cli(['extract', root, '--out', out, '--concurrency', '0']).code).toBe(2);
    expect(cli(['extract', root, '--out', out, '--ocr', 'sometimes']).code).toBe(2);
    expect(cli(['extract', join(root, 'missing.txt'), '--out', out]).code).toBe(2);
    expect(cli(['frobnicate']).code).toBe(2);
    expect(cli([]).code).toBe(2);
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });

  it('exits 0 when every input has a record, 1 when one failed (the others still written), with a summary line', () => {
    const root = tempDir('in');
    writeCorpus(root, goodCorpus(3));
    const out = tempDir('out');
    const ok = cli(['extract', root, '--out', out]);
    expect(ok.code).toBe(0);
    const summary = ok.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .at(-1)!;
    expect(summary).toMatchObject({ ok: 3, failed: 0, skipped: 0, findings: { info: 3, warn: 0, error: 0 } });

    writeCorpus(root, { 'zz-bad.txt': 'CORRUPT' });
    const bad = cli(['extract', root, '--out', out]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr.trim().split('\n').at(-1)!)).toMatchObject({ failed: 1, skipped: 3 });
    // The failure stays visible on the next incremental run too.
    expect(cli(['extract', root, '--out', out]).code).toBe(1);
  });

  it('a run killed with SIGKILL and restarted ends with exactly the outputs of an uninterrupted run', async () => {
    const root = tempDir('in');
    writeCorpus(root, {
      ...goodCorpus(10),
      'a/dup.txt': fakeReport('甲', 2024, [['201', '1.00']]),
      'b/dup.txt': fakeReport('乙', 2024, [['201', '2.00']]),
      'bad.txt': 'CORRUPT',
    });
    const whole = tempDir('whole');
    expect(cli(['extract', root, '--out', whole]).code).toBe(1);

    const out = tempDir('killed');
    const child = spawn(process.execPath, [BIN, 'extract', root, '--out', out, '--concurrency', '2'], {
      cwd: ROOT,
      env: env({ FAKE_DELAY_MS: '300' }),
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    // Kill once some documents are done and others are in hand.
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 25));
      if (existsSync(join(out, 'manifest.json')) && manifest(out).documents.length >= 3) break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const doneBeforeKill = manifest(out).documents.length;
    expect(doneBeforeKill).toBeGreaterThanOrEqual(3);
    expect(doneBeforeKill).toBeLessThan(13);
    // Nothing half-written under a final name: every record parses.
    for (const f of readdirSync(out).filter((f) => f.endsWith('.json'))) JSON.parse(readFileSync(join(out, f), 'utf8'));

    const resumed = cli(['extract', root, '--out', out]);
    expect(resumed.code).toBe(1); // bad.txt
    const s = JSON.parse(resumed.stderr.trim().split('\n').at(-1)!) as { skipped: number; ok: number; failed: number };
    expect(s.skipped).toBe(doneBeforeKill);
    expect(s.skipped + s.ok + s.failed).toBe(13);
    expect(outputs(out)).toEqual(outputs(whole));
    expect(settled(out)).toEqual(settled(whole));
  }, 30_000);

  it('SIGTERM stops taking new documents, finishes those in hand, and exits non-zero', async () => {
    const root = tempDir('in');
    writeCorpus(root, goodCorpus(12));
    const out = tempDir('term');
    const child = spawn(process.execPath, [BIN, 'extract', root, '--out', out, '--concurrency', '2'], {
      cwd: ROOT,
      env: env({ FAKE_DELAY_MS: '300' }),
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 25));
      if (existsSync(join(out, 'manifest.json')) && manifest(out).documents.length >= 1) break;
    }
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const m = manifest(out);
    expect(m.documents.length).toBeLessThan(12);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const d of m.documents) expect(d.outcome).toBe('ok'); // in-hand documents finished, not abandoned
  }, 30_000);

  it('shards partition the inputs and merge rebuilds the unsharded output', () => {
    const root = tempDir('in');
    writeCorpus(root, {
      ...goodCorpus(9),
      'p/x.txt': fakeReport('甲', 2024, [['201', '1.00']]),
      'q/x.txt': fakeReport('乙', 2024, [['201', '2.00']]),
    });
    const whole = tempDir('whole');
    expect(cli(['extract', root, '--out', whole]).code).toBe(0);
    const shardDirs = [1, 2, 3].map((i) => {
      const d = tempDir(`shard${i}`);
      expect(cli(['extract', root, '--out', d, '--shard', `${i}/3`]).code).toBe(0);
      return d;
    });
    const names = shardDirs.map((d) => manifest(d).documents.map((e) => e.output));
    expect(names.flat().sort()).toEqual(
      manifest(whole)
        .documents.map((e) => e.output)
        .sort(),
    );
    expect(new Set(names.flat()).size).toBe(11);

    const merged = tempDir('merged');
    expect(cli(['merge', ...shardDirs, '--out', merged]).code).toBe(0);
    expect(outputs(merged)).toEqual(outputs(whole));
    expect(settled(merged)).toEqual(settled(whole));
    // A missing shard is reported with exit 1.
    expect(cli(['merge', shardDirs[0]!, shardDirs[2]!, '--out', tempDir('partial')]).code).toBe(1);

    const a = join(tempDir('exp'), 'a.jsonl');
    const b = join(tempDir('exp'), 'b.jsonl');
    expect(cli(['export', merged, '--format', 'jsonl', '--to', a]).code).toBe(0);
    expect(cli(['export', whole, '--format', 'jsonl', '--to', b]).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  }, 30_000);
});
