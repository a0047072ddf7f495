import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, basename, extname, sep } from 'node:path';
import { ExtractionError } from '../errors.js';

/** One input document found on the command line. */
export interface InputFile {
  /** Absolute path, for reading. */
  abs: string;
  /** The path as the user would write it (argument joined with the file's place under it). */
  path: string;
  /** Path relative to the input root (the directory argument, or the file's folder): the shard key. */
  rel: string;
}

const EXTENSIONS = new Set(['.txt', '.pdf']);

const posix = (p: string): string => p.split(sep).join('/');

/**
 * Expand files and directories into input documents, sorted by path so every later step (naming,
 * sharding, scheduling) is deterministic. Directories are walked recursively for *.txt / *.pdf;
 * a file named explicitly is taken whatever its extension. Duplicates are dropped.
 */
export function collectInputs(args: readonly string[]): InputFile[] {
  const byAbs = new Map<string, InputFile>();
  for (const arg of args) {
    let st;
    try {
      st = statSync(arg);
    } catch {
      throw new ExtractionError('InputUnreadable', `no such file or directory: ${arg}`);
    }
    if (st.isDirectory()) {
      for (const abs of walk(resolve(arg))) {
        const rel = posix(relative(resolve(arg), abs));
        if (!byAbs.has(abs)) byAbs.set(abs, { abs, path: posix(join(arg, rel)), rel });
      }
    } else {
      const abs = resolve(arg);
      if (!byAbs.has(abs)) byAbs.set(abs, { abs, path: posix(arg), rel: basename(abs) });
    }
  }
  return [...byAbs.values()].sort((a, b) => compare(a.path, b.path));
}

function* walk(dir: string): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compare(a.name, b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && EXTENSIONS.has(extname(e.name).toLowerCase())) yield p;
  }
}

/** Code-unit order, not locale order: the same on every machine whatever its LANG. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
