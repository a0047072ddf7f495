/**
 * One run per output folder (issue 12): `DIR/.juesuan.lock` holds the holder's pid, host, start
 * time and command line. Two runs on one folder used to interleave their manifests (records on
 * disk the manifest did not list) and sweep each other's temp files.
 *
 * Hand-written rather than proper-lockfile: that package decides staleness by an mtime the holder
 * must keep touching (a run paused longer than the stale period loses its lock) and keeps no pid;
 * here a lock is stale exactly when its holder is dead — same host, and `kill(pid, 0)` says the
 * process is gone or /proc shows the pid now belongs to a process started later (pid reuse). A
 * lock written on another host cannot be checked and is taken as held; the message says which
 * file to delete if that run is gone.
 *
 * Taking the lock is `open(O_CREAT|O_EXCL)`. Taking over a stale lock goes through a short-lived
 * `DIR/.juesuan.lock.takeover` folder (mkdir is atomic), so of two runs that find the same dead
 * holder only one replaces it; inside, the lock is re-read and removed only if it is still that
 * holder's.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
  fsyncSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { OperationalError, fsProblem } from './out-dir.js';

export const LOCK_FILE = '.juesuan.lock';

export interface LockInfo {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** Start time of the holder process (Linux: clock ticks since boot), to tell a reused pid. */
  procStart?: number;
  command: string;
  /** Random, so the holder recognizes its own lock. */
  token: string;
}

export interface HeldLock {
  readonly dir: string;
  readonly info: LockInfo;
  /** The stale lock this one replaced (its holder was gone), if any. */
  readonly replaced?: LockInfo | 'unreadable';
  release(): void;
}

/** A lock file that is being written (or garbage) gets this long before it is treated as stale. */
const UNREADABLE_GRACE_MS = 30_000;
/** A takeover folder older than this was left by a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 30_000;
const POLL_MS = 250;

/** Whether process `pid` on this host is alive (EPERM: alive, someone else's). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code === 'EPERM';
  }
}

/** Start time of a process from /proc (field 22 of stat, clock ticks since boot); undefined elsewhere. */
export function processStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const v = Number(fields[19]);
    return Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the run that wrote `info` may still be running (true when it cannot be told). */
export function holderAlive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true;
  if (!pidAlive(info.pid)) return false;
  if (info.procStart !== undefined) {
    const now = processStart(info.pid);
    if (now !== undefined && now !== info.procStart) return false; // the pid was reused
  }
  return true;
}

function readLock(file: string): LockInfo | 'unreadable' | 'missing' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return 'missing';
    throw new OperationalError('unusable', `cannot read ${file}: ${fsProblem(err)}`, { cause: err });
  }
  try {
    const j = JSON.parse(text) as Partial<LockInfo>;
    if (typeof j.pid === 'number' && typeof j.host === 'string' && typeof j.token === 'string') {
      return {
        pid: j.pid,
        host: j.host,
        startedAt: String(j.startedAt ?? ''),
        command: String(j.command ?? ''),
        token: j.token,
        ...(typeof j.procStart === 'number' ? { procStart: j.procStart } : {}),
      };
    }
  } catch {
    // fall through: unreadable
  }
  return 'unreadable';
}

function describeHolder(dir: string, info: LockInfo): string {
  const where = info.host === hostname() ? 'this machine' : `host ${info.host}`;
  const cmd = info.command ? `, "${info.command.length > 80 ? info.command.slice(0, 77) + '...' : info.command}"` : '';
  return `${dir} is in use by another juesuan run (pid ${info.pid} on ${where}, since ${info.startedAt}${cmd})`;
}

function busy(
  dir: string,
  file: string,
  info: LockInfo | 'unreadable',
  waited: boolean,
  canWait = true,
): OperationalError {
  const after = waited ? ' and did not finish in the --wait time' : '';
  if (info === 'unreadable') {
    return new OperationalError(
      'busy',
      `${dir} is being locked by another juesuan run (${file} is being written)${after}; try again`,
    );
  }
  const hint =
    info.host === hostname()
      ? waited
        ? 'try again later or wait longer'
        : canWait
          ? 'wait for it to finish, or pass --wait <sec>'
          : 'try again when it has finished'
      : `if that run is gone, delete ${file}`;
  return new OperationalError('busy', `${describeHolder(dir, info)}${after}; ${hint}`);
}

/**
 * Take the lock of `dir` (which must exist), waiting up to `waitMs` for a live holder to finish.
 * Throws OperationalError: `busy` when held, `unusable` when the folder is not writable.
 */
export async function acquireLock(dir: string, opts: { waitMs?: number } = {}): Promise<HeldLock> {
  const file = join(dir, LOCK_FILE);
  const deadline = Date.now() + (opts.waitMs ?? 0);
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(processStart(process.pid) !== undefined ? { procStart: processStart(process.pid)! } : {}),
    command: ['juesuan', ...process.argv.slice(2)].join(' '),
    token: randomBytes(8).toString('hex'),
  };
  for (;;) {
    if (tryCreate(file, info, dir)) return held(dir, file, info);
    const holder = readLock(file);
    if (holder === 'missing') continue; // released between the two calls: try again at once
    const stale = holder === 'unreadable' ? Date.now() - mtimeMs(file) > UNREADABLE_GRACE_MS : !holderAlive(holder);
    if (stale) {
      if (takeOver(file, holder, info, dir)) return held(dir, file, info, holder);
      // Another run is taking it over right now: look again in a moment.
    } else if (Date.now() >= deadline) {
      throw busy(dir, file, holder, (opts.waitMs ?? 0) > 0);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Throw `busy` when a live run holds `dir` (for commands that only read it: export, merge's
 * sources); creates nothing, so a read-only folder can be read.
 */
export function assertNotLocked(dir: string): void {
  const file = join(dir, LOCK_FILE);
  const holder = readLock(file);
  if (holder === 'missing') return;
  if (holder === 'unreadable' ? Date.now() - mtimeMs(file) > UNREADABLE_GRACE_MS : !holderAlive(holder)) return;
  throw busy(dir, file, holder, false, false);
}

function mtimeMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Create the lock file exclusively with our info; false when it exists. */
function tryCreate(file: string, info: LockInfo, dir: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'EEXIST') return false;
    throw new OperationalError('unusable', `--out ${dir} is not writable: cannot create ${file}: ${fsProblem(err)}`, {
      cause: err,
    });
  }
  try {
    writeSync(fd, JSON.stringify(info) + '\n');
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
    throw new OperationalError('unusable', `--out ${dir}: cannot write ${file}: ${fsProblem(err)}`, { cause: err });
  }
  closeSync(fd);
  return true;
}

/** Replace a stale lock (`seen`) with ours, unless someone else got there first. */
function takeOver(file: string, seen: LockInfo | 'unreadable', info: LockInfo, dir: string): boolean {
  const gate = `${file}.takeover`;
  try {
    mkdirSync(gate);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
    if (Date.now() - mtimeMs(gate) > TAKEOVER_STALE_MS) {
      try {
        rmdirSync(gate);
      } catch {
        // another run removed it first
      }
    }
    return false;
  }
  try {
    const now = readLock(file);
    const same =
      now === 'missing' ||
      (now === 'unreadable' && seen === 'unreadable') ||
      (now !== 'unreadable' && seen !== 'unreadable' && now.token === seen.token);
    if (!same) return false;
    try {
      unlinkSync(file);
    } catch {
      // gone already
    }
    return tryCreate(file, info, dir);
  } finally {
    try {
      rmdirSync(gate);
    } catch {
      // nothing to clean
    }
  }
}

function held(dir: string, file: string, info: LockInfo, replaced?: LockInfo | 'unreadable'): HeldLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const now = readLock(file);
    if (now !== 'missing' && now !== 'unreadable' && now.token === info.token) {
      try {
        unlinkSync(file);
      } catch {
        // gone: nothing to release
      }
    }
  };
  // A run that ends by an uncaught error still frees the folder; a SIGKILL leaves a stale lock,
  // which the next run takes over.
  process.on('exit', release);
  return { dir, info, release, ...(replaced ? { replaced } : {}) };
}
