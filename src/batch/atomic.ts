import { writeFileSync, renameSync, readdirSync, unlinkSync, openSync, fsyncSync, closeSync, rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join, dirname, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pidAlive } from './lock.js';

/**
 * Temp files are `.<name>.<pid>.<random>.tmp` in the target's own folder (rename is only atomic
 * within one file system). The leading dot and the `.tmp` suffix keep them out of every `*.json` /
 * `*.log.jsonl` glob, so a reader never mistakes a temp file for output (output names never start
 * with a dot, see names.ts); the pid says which process is writing it, so the sweep at the start of
 * a run removes only the temp files of processes that are gone. (Older versions wrote
 * `.<name>.<random>.tmp`, without the pid: those are always a dead run's.)
 */
const TMP = /^\..+?(?:\.(\d+))?\.[0-9a-f]{12}\.tmp$/;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Write then rename, so `target` is always either the old complete file or the new complete one,
 * whatever moment the process is killed at. fsync before rename so a power cut does not leave a
 * renamed-but-empty file either.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(target);
  try {
    writeFileSync(tmp, data);
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true }); // a full disk must not keep the half-written temp file either
    throw err;
  }
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
    await fh.close().catch(() => {});
    await rm(tmp, { force: true });
    throw err;
  }
  try {
    await fh.close();
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Remove the temp files that runs now gone left behind (killed mid-write); returns how many. Temp
 * files of a live process are left alone: a run holds the folder's lock, but `export --to` and
 * older versions may write here too.
 */
export function removeStaleTemps(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) {
    const m = TMP.exec(f);
    if (m && (m[1] === undefined || !pidAlive(Number(m[1])))) {
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
