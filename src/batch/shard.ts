import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based index of this shard. */
  index: number;
  count: number;
}

/** Parse `i/n` with 1 ≤ i ≤ n; anything else is a usage error (returns a message). */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard must look like i/n (e.g. 2/8), got "${text}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) return `--shard ${text}: need 1 ≤ i ≤ n`;
  return { index, count };
}

/**
 * Which shard (1-based) a document belongs to: the first 32 bits of sha256 of its path relative to
 * the input root, modulo n. Hashing (instead of slicing the sorted list) keeps a document on the
 * same shard when other documents are added or removed, so each shard's output folder stays
 * incremental across nightly runs.
 */
export function shardOf(rel: string, count: number): number {
  const h = createHash('sha256').update(rel).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export function inShard(rel: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(rel, shard.count) === shard.index;
}
