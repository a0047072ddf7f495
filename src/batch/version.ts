import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compare } from './inputs.js';

/**
 * Which module extracts one document. The real pipeline by default; `JUESUAN_PIPELINE` (a path)
 * swaps in another module with the same `extractDocument` export — the tests' slow or crashing
 * fakes use it to drive the real CLI and worker pool. Not an option, so --help stays about users.
 */
export function pipelineModuleUrl(): string {
  const env = process.env.JUESUAN_PIPELINE;
  if (env) return pathToFileURL(resolve(env)).href;
  return new URL('../pipeline.js', import.meta.url).href;
}

/** Folders of the compiled tree that are batch plumbing, not the pipeline: they don't invalidate records. */
const NOT_PIPELINE = new Set(['batch', 'cli', 'export', 'review']);

/**
 * The version stamped into the manifest and compared for incremental runs:
 * `juesuan@<package version>+<8 hex>`, the hash covering the code the pipeline module is built from
 * (its folder minus batch plumbing, plus `parsers/`). A code change invalidates earlier records even
 * when nobody bumped package.json. A module may also export `PIPELINE_VERSION` to set it outright.
 */
export async function pipelineVersion(moduleUrl: string): Promise<string> {
  const m = (await import(moduleUrl)) as { PIPELINE_VERSION?: unknown };
  if (typeof m.PIPELINE_VERSION === 'string') return m.PIPELINE_VERSION;
  const file = fileURLToPath(moduleUrl);
  const h = createHash('sha256');
  const defaultModule = fileURLToPath(new URL('../pipeline.js', import.meta.url));
  if (file === defaultModule) {
    const srcDir = dirname(file);
    hashTree(h, srcDir, srcDir, true);
    const parsers = join(srcDir, '..', 'parsers');
    if (existsSync(parsers)) hashTree(h, parsers, parsers, false);
  } else {
    h.update(readFileSync(file));
  }
  return `juesuan@${packageVersion()}+${h.digest('hex').slice(0, 8)}`;
}

function hashTree(h: ReturnType<typeof createHash>, root: string, dir: string, top: boolean): void {
  for (const name of readdirSync(dir).sort(compare)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!(top && NOT_PIPELINE.has(name))) hashTree(h, root, p, false);
    } else if (/\.(js|ts|json)$/.test(name) && !name.endsWith('.d.ts')) {
      h.update(p.slice(root.length)).update('\0').update(readFileSync(p)).update('\0');
    }
  }
}

export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const j = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (j.name === 'juesuan' && j.version) return j.version;
    }
    const up = dirname(dir);
    if (up === dir) return '0.0.0';
    dir = up;
  }
}
