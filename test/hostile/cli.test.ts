/**
 * What an operator sees (issue 12, cases 6 and 7): a second run on a busy folder, and every
 * operational error, as one line on stderr with a documented exit code, through the real CLI
 * (with the fake pipeline, so only the batch is exercised).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, FAKE, ROOT, ensureBuilt, tempDir } from '../helpers/build.js';
import { goodCorpus, writeCorpus } from '../helpers/corpus.js';

const env = (extra: Record<string, string> = {}) => ({ ...process.env, JUESUAN_PIPELINE: FAKE, ...extra });

function cli(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(extra), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one plain line an operational error prints (pino lines are JSON), and that there is no stack. */
function errorLine(stderr: string): string {
  const plain = stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('{'));
  expect(plain).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return plain[0]!;
}

const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { documents: { output: string }[] };

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met in time');
}

describe('CLI: shared output folders and operational errors', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('a second run on a busy folder exits 4 with one line; export refuses; with --wait it runs after, and the manifest lists every record', async () => {
    const root = tempDir('in');
    writeCorpus(root, goodCorpus(14));
    const out = tempDir('busy');
    const first = spawn(process.execPath, [BIN, 'extract', root, '--out', out, '--concurrency', '2'], {
      cwd: ROOT,
      env: env({ FAKE_DELAY_MS: '150' }),
      stdio: 'ignore',
    });
    const firstExit = new Promise<number | null>((r) => first.on('exit', (c) => r(c)));
    await until(() => existsSync(join(out, '.juesuan.lock')));

    const second = cli(['extract', root, '--out', out]);
    expect(second.code).toBe(4);
    expect(errorLine(second.stderr)).toMatch(
      new RegExp(
        `^juesuan: ${out} is in use by another juesuan run \\(pid ${first.pid} on this machine, since .*--wait`,
      ),
    );
    const exp = cli(['export', out, '--format', 'jsonl', '--to', join(tempDir('x'), 'x.jsonl')]);
    expect(exp.code).toBe(4);
    expect(errorLine(exp.stderr)).toMatch(/in use by another juesuan run.*try again when it has finished/);

    const waited = cli(['extract', root, '--out', out, '--wait', '60']);
    expect(await firstExit).toBe(0);
    expect(waited.code).toBe(0);
    const records = readdirSync(out).filter((f) => f.endsWith('.json') && f !== 'manifest.json');
    expect(records).toHaveLength(14);
    expect(manifest(out).documents).toHaveLength(14);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]); // no lock, no temp left
  }, 30_000);

  it('--out that is a file or under a file, and a corrupt manifest: exit 3, one line naming the path', () => {
    const root = tempDir('in');
    writeCorpus(root, { ...goodCorpus(1), afile: 'x' });
    const input = join(root, 'r00.txt');

    const file = cli(['extract', input, '--out', join(root, 'afile')]);
    expect(file.code).toBe(3);
    expect(errorLine(file.stderr)).toBe(`juesuan: --out ${join(root, 'afile')} is a file, not a folder; name a folder`);

    const under = cli(['extract', input, '--out', join(root, 'afile', 'sub')]);
    expect(under.code).toBe(3);
    expect(errorLine(under.stderr)).toContain(`${join(root, 'afile')} is a file, not a folder`);

    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), '{"schema');
    const corrupt = cli(['extract', input, '--out', out]);
    expect(corrupt.code).toBe(3);
    expect(errorLine(corrupt.stderr)).toMatch(
      new RegExp(
        `^juesuan: ${join(out, 'manifest.json')} is corrupt: not JSON .*move it aside to start the folder afresh`,
      ),
    );
    const exp = cli(['export', out, '--format', 'csv', '--to', join(root, 'csv')]);
    expect(exp.code).toBe(3);
    expect(errorLine(exp.stderr)).toContain('manifest.json is corrupt');
  });

  it.skipIf(process.platform === 'win32')('--out not writable: exit 3, one line', () => {
    const root = tempDir('in');
    writeCorpus(root, goodCorpus(1));
    const out = join(root, 'ro');
    mkdirSync(out);
    // Root writes anywhere: as root, run the CLI as nobody on a folder root owns.
    const asRoot = process.getuid?.() === 0;
    chmodSync(root, 0o755);
    chmodSync(out, asRoot ? 0o755 : 0o500);
    try {
      const r = spawnSync(process.execPath, [BIN, 'extract', join(root, 'r00.txt'), '--out', out], {
        cwd: ROOT,
        env: env(),
        encoding: 'utf8',
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(r.status).toBe(3);
      expect(errorLine(r.stderr)).toMatch(
        /^juesuan: --out .* is not writable: cannot create .*\.juesuan\.lock: permission denied \(EACCES\)$/,
      );
    } finally {
      chmodSync(out, 0o700);
    }
  });

  it('merge of a shard whose manifest names "../evil": exit 1, nothing written outside --out', () => {
    const root = tempDir('in');
    writeCorpus(root, goodCorpus(2));
    const base = tempDir('merge');
    const shard = join(base, 'shard');
    expect(cli(['extract', root, '--out', shard]).code).toBe(0);
    const m = JSON.parse(readFileSync(join(shard, 'manifest.json'), 'utf8')) as { documents: object[] };
    m.documents.push({ ...m.documents[0]!, output: '../evil' });
    writeFileSync(join(shard, 'manifest.json'), JSON.stringify(m));
    writeFileSync(join(base, 'evil.json'), '{}');
    const r = cli(['merge', shard, '--out', join(base, 'deep', 'merged')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('manifest entry with an unsafe output name left out');
    expect(readdirSync(join(base, 'deep'))).toEqual(['merged']);
    expect(readdirSync(base).sort()).toEqual(['deep', 'evil.json', 'shard']);
  });
});
