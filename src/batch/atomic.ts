import { writeFileSync, renameSync, readdirSync, unlinkSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join, dirname, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Temp files are `.<name>.<random>.tmp` in the target's own folder (rename is only atomic within
 * one file system). The leading dot and the `.tmp` suffix keep them out of every `*.json` /
 * `*.log.jsonl` glob, so a reader never mistakes a temp file for output.
 */
const TMP = /^\..+\.[0-9a-f]{12}\.tmp$/;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Write then rename, so `target` is always either the old complete file or the new complete one,
 * whatever moment the process is killed at. fsync before rename so a power cut does not leave a
 * renamed-but-empty file either.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(target);
  writeFileSync(tmp, data);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, target);
}

/**
 * The same, without blocking the thread that feeds the workers: a synchronous fsync (~3 ms here)
 * per file on the main thread is enough to keep the second core waiting for its next document.
 */
export async function writeFileAtomicAsync(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(target);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, target);
}

/** Remove temp files a killed run left behind; returns how many. */
export function removeStaleTemps(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) {
    if (TMP.test(f)) {
      try {
        unlinkSync(join(dir, f));
        n++;
      } catch {
        // Another process may have renamed it meanwhile; nothing to clean then.
      }
    }
  }
  return n;
}

export function isTempName(name: string): boolean {
  return TMP.test(name);
}
