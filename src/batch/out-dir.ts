import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Errors of the operation rather than of a document (issue 12): the output folder cannot be used,
 * another run holds it, or a write failed during the run (disk full). Each is one line for the
 * operator, ending the command with its own exit code (README, "Exit codes"); none is a document's
 * failure, so no document is ever recorded as failed because of one.
 */
export type OperationalKind = 'unusable' | 'busy' | 'write';

export const EXIT_CODES: Record<OperationalKind, number> = { unusable: 3, busy: 4, write: 5 };

export class OperationalError extends Error {
  override readonly name = 'OperationalError';
  constructor(
    readonly kind: OperationalKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

/** An errno code in plain words, with the code kept for searching. */
export function fsProblem(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const words: Record<string, string> = {
    ENOSPC: 'disk full',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'is a folder',
    ENOENT: 'no such file or folder',
    EEXIST: 'already exists',
    EIO: 'I/O error',
    ENAMETOOLONG: 'name too long',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files in the system',
  };
  if (typeof code === 'string') return `${words[code] ?? (err as Error).message} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

/** A failed write or delete of `file` during a run: the run stops, what is on disk stays consistent. */
export function writeFailure(err: unknown, file: string): OperationalError {
  const code = (err as { code?: unknown } | null)?.code;
  const advice =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'free some space and run again: finished documents are kept, the rest are redone'
      : 'fix the output folder and run again: finished documents are kept, the rest are redone';
  return new OperationalError('write', `cannot write ${file}: ${fsProblem(err)}; ${advice}`, { cause: err });
}

/**
 * Make sure `dir` is a folder we can use, creating it (and its parents) when missing. Whether it is
 * writable is found out for real when the run takes its lock (a permission check would be wrong
 * for root and on network file systems).
 */
export function prepareOutDir(dir: string, flag = '--out'): void {
  let st;
  try {
    st = statSync(dir);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOTDIR') throw underAFile(dir, flag, err);
    if ((err as { code?: unknown }).code !== 'ENOENT')
      throw new OperationalError('unusable', `${flag} ${dir}: ${fsProblem(err)}`, { cause: err });
  }
  if (st && !st.isDirectory()) {
    throw new OperationalError('unusable', `${flag} ${dir} is a file, not a folder; name a folder`);
  }
  if (st) return;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') throw underAFile(dir, flag, err);
    throw new OperationalError('unusable', `${flag} ${dir}: cannot create the folder: ${fsProblem(err)}`, {
      cause: err,
    });
  }
}

/** `dir` cannot be a folder because one of its ancestors is a file: name that file. */
function underAFile(dir: string, flag: string, cause: unknown): OperationalError {
  let p = resolve(dir);
  for (;;) {
    const up = dirname(p);
    if (up === p) break;
    try {
      if (!statSync(up).isDirectory()) {
        return new OperationalError('unusable', `${flag} ${dir}: ${up} is a file, not a folder`, { cause });
      }
      break;
    } catch {
      p = up;
    }
  }
  return new OperationalError('unusable', `${flag} ${dir}: ${fsProblem(cause)}`, { cause });
}
