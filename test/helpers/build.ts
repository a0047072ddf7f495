import { execFileSync } from 'node:child_process';
import { mkdirSync, rmdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'juesuan.js');
export const FAKE = join(ROOT, 'test', 'fixtures', 'fake-pipeline.mjs');

/**
 * Tests that spawn the CLI or start worker threads need the compiled tree. `npm test` builds first;
 * this makes `npx vitest run test/cli` work alone too. tsc is incremental (fast when up to date)
 * and serialized by a lock directory because vitest runs test files in parallel.
 */
export function ensureBuilt(): void {
  const lock = join(tmpdir(), `juesuan-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held too long`);
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')],
      { stdio: 'inherit' },
    );
  } finally {
    rmdirSync(lock);
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `juesuan-${prefix}-`));
}
