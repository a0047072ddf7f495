import { createHash } from 'node:crypto';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { compare } from './inputs.js';

/**
 * Output base names (`DIR/<name>.json`, `DIR/<name>.log.jsonl`), unique within one output folder.
 *
 * The name is the file's stem, made a plain file name (safeName): never `.` or `..`, no path
 * separator or control character, no leading dot (temp files and the lock are dot files, and the
 * temp sweep must never take an output for its own), at most MAX_NAME_BYTES bytes, and never
 * `manifest` (its `.json` is the manifest). When names collide (a/x.txt and b/x.txt, or x.txt and
 * x.pdf) the path that sorts first keeps the plain name and each other gets
 * `<name>~<6 hex of sha1(path)>`. The result depends only on the set of paths, never on the order
 * given or on timing, so reruns and every shard of a job array (names are assigned before sharding)
 * agree. Comparison is case-insensitive because the output folder may live on a case-insensitive
 * file system.
 */
export function assignOutputNames(paths: readonly string[]): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const key = safeName(stem(p)).toLowerCase();
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const names = new Map<string, string>();
  const taken = new Set<string>(RESERVED);
  for (const g of groups.values()) {
    g.sort(compare);
    g.forEach((p, i) => {
      const base = safeName(stem(p));
      let name = i === 0 && !RESERVED.has(base.toLowerCase()) ? base : `${base}~${shortHash(p)}`;
      // A 6-hex clash inside one group is astronomically rare; lengthen the hash rather than guess.
      for (let n = 8; taken.has(name.toLowerCase()); n += 2) name = `${base}~${shortHash(p, n)}`;
      taken.add(name.toLowerCase());
      names.set(p, name);
    });
  }
  return names;
}

export function stem(p: string): string {
  const b = basename(p);
  return b.slice(0, b.length - extname(b).length) || b;
}

export function shortHash(s: string, n = 6): string {
  return createHash('sha1').update(s).digest('hex').slice(0, n);
}

/**
 * Room left for the suffixes and the temp-file decoration within the usual 255-byte limit on a
 * file name: `.log.jsonl` (10), a collision `~` + hash (up to ~17), `.<name>.<pid>.<12 hex>.tmp`
 * (~30).
 */
export const MAX_NAME_BYTES = 180;

/** Base names the batch itself uses in an output folder (`manifest.json`), compared lower-case. */
const RESERVED: ReadonlySet<string> = new Set(['manifest']);

/**
 * A stem made a plain file name: control characters and separators become `_`, leading dots `_`
 * each (`..` → `__`, `.hidden` → `_hidden`), empty becomes `_`, and a stem longer than
 * MAX_NAME_BYTES is cut (at a character boundary) and given a hash of the whole stem.
 */
export function safeName(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  let name = s.replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, (dots) => '_'.repeat(dots.length));
  if (name === '') name = '_';
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) {
    const suffix = `~${shortHash(s, 8)}`;
    let cut = '';
    for (const ch of name) {
      if (Buffer.byteLength(cut + ch) + suffix.length > MAX_NAME_BYTES) break;
      cut += ch;
    }
    name = cut + suffix;
  }
  return name;
}

/** Whether `name` may be an output name: what safeName gives (or a collision form of it), not reserved. */
export function isSafeName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name !== '' &&
    !name.startsWith('.') &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    !/[\u0000-\u001f\u007f/\\]/.test(name) &&
    Buffer.byteLength(name) <= MAX_NAME_BYTES + 20 &&
    !RESERVED.has(name.toLowerCase())
  );
}

/**
 * The path of output file `<name><suffix>` in `dir`, checked to be directly inside it: every path
 * the batch, merge and export write, delete or read by a manifest's `output` goes through here, so
 * no name — computed, or read from a manifest someone else wrote — reaches outside the folder.
 */
export function outputFile(dir: string, name: string, suffix: '.json' | '.log.jsonl'): string {
  if (!isSafeName(name)) throw new UnsafeNameError(name);
  const file = join(dir, `${name}${suffix}`);
  if (resolve(dirname(file)) !== resolve(dir)) throw new UnsafeNameError(name);
  return file;
}

export class UnsafeNameError extends Error {
  override readonly name = 'UnsafeNameError';
  constructor(readonly output: string) {
    super(`output name ${JSON.stringify(output)} is not a plain file name inside the folder; left alone`);
  }
}
