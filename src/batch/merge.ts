import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emptyManifest, readManifest, writeManifest, MANIFEST_FILE, type ManifestEntry } from './manifest.js';
import { tempPathFor } from './atomic.js';
import { renameSync } from 'node:fs';
import type { Log } from './run.js';

export interface MergeResult {
  documents: number;
  /** Output names found in more than one folder with different input bytes. */
  conflicts: string[];
  /** Shards of `n` that no folder provided (when the manifests say they are shards). */
  missingShards: number[];
}

/**
 * Combine the output folders of `extract --shard i/n` runs into one: records and logs are copied
 * (atomically), manifests united. Output names were assigned over the whole input set before
 * sharding, so shards never produce the same name for different inputs; if they do anyway (shards
 * run over different input sets), the most recent extraction wins and the clash is reported.
 */
export function mergeOutputs(dirs: readonly string[], outDir: string, log: Log): MergeResult {
  mkdirSync(outDir, { recursive: true });
  const target = resolve(outDir);
  const merged = new Map<string, { entry: ManifestEntry; dir: string }>();
  const conflicts = new Set<string>();
  const shardsSeen = new Set<number>();
  const shardCounts = new Set<number>();
  let version: string | undefined;

  for (const dir of dirs) {
    if (!existsSync(join(dir, MANIFEST_FILE)))
      throw new Error(`${dir} has no ${MANIFEST_FILE}: not an extract output folder`);
    const m = readManifest(dir, '');
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
    const names = [`${entry.output}.log.jsonl`, ...(entry.record ? [`${entry.output}.json`] : [])];
    for (const n of names) {
      const src = join(dir, n);
      if (!existsSync(src)) {
        log.warn({ dir, file: n }, 'file listed in the manifest is missing');
        continue;
      }
      const tmp = tempPathFor(join(outDir, n));
      copyFileSync(src, tmp);
      renameSync(tmp, join(outDir, n));
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
  return { documents: out.documents.length, conflicts: [...conflicts], missingShards };
}
