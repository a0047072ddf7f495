import { describe, it, expect } from 'vitest';
import { assignOutputNames, shortHash } from '../../src/batch/names.js';

describe('assignOutputNames', () => {
  it('keeps plain stems when they are unique', () => {
    const m = assignOutputNames(['samples/000_a.txt', 'samples/pdf/001_b.pdf']);
    expect([...m.values()]).toEqual(['000_a', '001_b']);
  });

  it('gives colliding stems distinct names, the first path keeping the plain stem', () => {
    const m = assignOutputNames(['b/x.txt', 'a/x.txt', 'a/x.pdf', 'c/X.txt']);
    // Sorted group: a/x.pdf < a/x.txt < b/x.txt < c/X.txt? code-unit order: 'a/x.pdf' < 'a/x.txt' < 'b/x.txt' < 'c/X.txt'
    expect(m.get('a/x.pdf')).toBe('x');
    expect(m.get('a/x.txt')).toBe(`x~${shortHash('a/x.txt')}`);
    expect(m.get('b/x.txt')).toBe(`x~${shortHash('b/x.txt')}`);
    expect(m.get('c/X.txt')).toBe(`X~${shortHash('c/X.txt')}`);
    const lower = [...m.values()].map((n) => n.toLowerCase());
    expect(new Set(lower).size).toBe(4);
  });

  it('does not depend on the order the paths are given in', () => {
    const paths = ['q/r.txt', 'a/r.txt', 'z/r.txt', 'm/s.txt'];
    const one = assignOutputNames(paths);
    const two = assignOutputNames([...paths].reverse());
    for (const p of paths) expect(two.get(p)).toBe(one.get(p));
  });
});
