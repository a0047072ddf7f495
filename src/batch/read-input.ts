import { constants, statSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { ExtractionError } from '../errors.js';
import { inputFormat, sizeRefusal, type IngestLimits } from '../ingest/limits.js';

/**
 * Reading one input (issue 12), inside the worker so `--timeout` covers it: only a regular file is
 * read, and only up to the size limits. The file is opened non-blocking — opening a FIFO for
 * reading otherwise waits for a writer forever — and checked with fstat on the open descriptor, so
 * a file swapped for a FIFO or device after the batch's own stat is refused too. A file that grows
 * while it is read stops being read at the limit.
 */
export interface ReadInput {
  bytes: Uint8Array;
  sha256: string;
}

/** sha256 of no bytes: what the manifest records for an input that could not be read. */
export const EMPTY_SHA256 = createHash('sha256').digest('hex');

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const O_NOCTTY = constants.O_NOCTTY ?? 0;

/** What a non-regular file is, for the message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notRegular(st: Stats): ExtractionError {
  return new ExtractionError('InputUnreadable', `not a regular file: ${kindOf(st)}; only regular files are read`);
}

function unreadable(err: unknown): ExtractionError {
  const code = (err as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file (removed since the batch started?)'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'a folder'
          : err instanceof Error
            ? err.message
            : String(err);
  return new ExtractionError('InputUnreadable', `cannot read: ${why}`, { cause: err });
}

/**
 * The batch's early check, before a document is handed to a worker: stat only (never opens, so a
 * device or FIFO is never touched). Undefined when the path is a regular file.
 */
export function statRefusal(file: string): ExtractionError | undefined {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    return unreadable(err);
  }
  return st.isFile() ? undefined : notRegular(st);
}

/** Read `file` (shown as `path`) within `limits`; throws ExtractionError (InputUnreadable, TooLarge). */
export async function readInput(file: string, path: string, limits: IngestLimits): Promise<ReadInput> {
  let fh;
  try {
    fh = await open(file, constants.O_RDONLY | O_NONBLOCK | O_NOCTTY);
  } catch (err) {
    throw unreadable(err);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw notRegular(st);
    const head = new Uint8Array(Math.min(1024, st.size));
    if (head.length > 0) await fh.read(head, 0, head.length, 0);
    const format = inputFormat(path, head);
    const refused = sizeRefusal(format, st.size, limits);
    if (refused) throw refused;
    const cap = Math.min(limits.maxInputBytes, format === 'text' ? limits.maxTextBytes : limits.maxInputBytes);
    // st.size bytes, and one more to notice a file that grew since the stat.
    const buf = Buffer.allocUnsafe(Math.min(st.size, cap) + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got === buf.length) {
        const grew = sizeRefusal(format, got, limits);
        if (grew) throw grew;
        break; // grew a little while read: take what the stat promised
      }
    }
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, Math.min(got, st.size));
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (err) {
    throw err instanceof ExtractionError ? err : unreadable(err);
  } finally {
    await fh.close();
  }
}
