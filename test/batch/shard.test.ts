import { describe, it, expect } from 'vitest';
import { parseShard, shardOf, inShard } from '../../src/batch/shard.js';

describe('--shard i/n', () => {
  it('parses i/n and rejects malformed or out-of-range values', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/3', '4/3', '1/0', '1-3', 'a/b', '', '1/3/4']) expect(typeof parseShard(bad)).toBe('string');
  });

  it('partitions exactly: every path in one shard, union = all, pairwise disjoint', () => {
    const paths = Array.from({ length: 500 }, (_, i) => `prov${i % 31}/dept-${i}/2024.pdf`);
    for (const n of [1, 2, 3, 7]) {
      const shards = Array.from({ length: n }, (_, k) => paths.filter((p) => inShard(p, { index: k + 1, count: n })));
      const union = shards.flat();
      expect(union.length).toBe(paths.length); // no path twice: disjoint
      expect(new Set(union)).toEqual(new Set(paths)); // no path missing: complete
      // Roughly balanced: a hash partition of 500 into 7 should not leave a shard nearly empty.
      for (const s of shards) expect(s.length).toBeGreaterThan(500 / n / 2);
    }
  });

  it('is a pure function of the relative path', () => {
    expect(shardOf('a/b.pdf', 5)).toBe(shardOf('a/b.pdf', 5));
    expect(inShard('anything', undefined)).toBe(true);
  });
});
