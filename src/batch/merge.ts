import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emptyManifest, readManifest, writeManifest, MANIFEST_FILE, type ManifestEntry } from './manifest.js';
import { tempPathFor } from './atomic.js';
import { acquireLock, assertNotLocked } from './lock.js';
import { outputFile } from './names.js';
import { OperationalError, prepareOutDir, writeFailure } from './out-dir.js';
import type { Log } from './run.js';

export interface MergeResult {
  documents: number;
  /** Output names found in more than one folder with different input bytes. */
  conflicts: string[];
  /** Shards of `n` that no folder provided (when the manifests say they are shards). */
  missingShards: number[];
  /** Manifest entries left out because their `output` is not a plain file name (names.ts). */
  unsafe: number;
}

/**
 * Combine the output folders of `extract --shard i/n` runs into one: records and logs are copied
 * (atomically), manifests united. Output names were assigned over the whole input set before
 * sharding, so shards never produce the same name for different inputs; if they do anyway (shards
 * run over different input sets), the most recent extraction wins and the clash is reported.
 *
 * A shard's manifest is data from elsewhere: an entry whose `output` is not a plain file name
 * (`../evil`) is left out and reported, and every file read or written goes through outputFile, so
 * nothing outside the folders is touched. The target folder is locked like an extract run's, and
 * a shard folder that a live run holds is refused (it is being written).
 */
export async function mergeOutputs(
  dirs: readonly string[],
  outDir: string,
  log: Log,
  opts: { lockWaitMs?: number } = {},
): Promise<MergeResult> {
  const target = resolve(outDir);
  for (const dir of dirs) {
    if (!existsSync(join(dir, MANIFEST_FILE)))
      throw new OperationalError('unusable', `${dir} has no ${MANIFEST_FILE}: not an extract output folder`);
    if (resolve(dir) !== target) assertNotLocked(dir);
  }
  prepareOutDir(outDir);
  const lock = await acquireLock(outDir, { waitMs: opts.lockWaitMs ?? 0 });
  try {
    return mergeLocked(dirs, outDir, log);
  } finally {
    lock.release();
  }
}

function mergeLocked(dirs: readonly string[], outDir: string, log: Log): MergeResult {
  const target = resolve(outDir);
  const merged = new Map<string, { entry: ManifestEntry; dir: string }>();
  const conflicts = new Set<string>();
  const shardsSeen = new Set<number>();
  const shardCounts = new Set<number>();
  let version: string | undefined;
  let unsafe = 0;

  for (const dir of dirs) {
    const m = readManifest(dir, '', (e) => {
      unsafe++;
      log.warn({ dir, output: e.output, path: e.path }, 'manifest entry with an unsafe output name left out');
    });
    version ??= m.pipelineVersion;
    if (m.pipelineVersion !== version)
      log.warn(
        { dir, version: m.pipelineVersion, expected: version },
        'shards were made by different pipeline versions',
      );
    if (m.shard) {
      shardsSeen.add(m.shard.index);
      shardCounts.add(m.shard.count);
    }
    for (const e of m.documents) {
      const prev = merged.get(e.output);
      if (prev && prev.entry.sha256 !== e.sha256) conflicts.add(e.output);
      if (!prev || prev.entry.extractedAt <= e.extractedAt) merged.set(e.output, { entry: e, dir });
    }
  }

  for (const { entry, dir } of merged.values()) {
    if (resolve(dir) === target) continue;
    const suffixes: ('.log.jsonl' | '.json')[] = ['.log.jsonl', ...(entry.record ? (['.json'] as const) : [])];
    for (const suffix of suffixes) {
      const src = outputFile(dir, entry.output, suffix);
      const dst = outputFile(outDir, entry.output, suffix);
      if (!existsSync(src)) {
        log.warn({ dir, file: `${entry.output}${suffix}` }, 'file listed in the manifest is missing');
        continue;
      }
      const tmp = tempPathFor(dst);
      try {
        copyFileSync(src, tmp);
        renameSync(tmp, dst);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw writeFailure(err, dst);
      }
    }
  }

  const out = emptyManifest(version ?? '');
  out.documents = [...merged.values()].map((v) => v.entry);
  writeManifest(outDir, out);

  const missingShards: number[] = [];
  if (shardCounts.size === 1) {
    const n = [...shardCounts][0]!;
    for (let i = 1; i <= n; i++) if (!shardsSeen.has(i)) missingShards.push(i);
  } else if (shardCounts.size > 1) {
    log.warn({ counts: [...shardCounts] }, 'folders come from shardings with different n');
  }
  for (const c of conflicts) log.warn({ output: c }, 'same output name from different inputs; kept the latest');
  return { documents: out.documents.length, conflicts: [...conflicts], missingShards, unsafe };
}
