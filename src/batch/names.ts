import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { compare } from './inputs.js';

/**
 * Output base names (`DIR/<name>.json`, `DIR/<name>.log.jsonl`), unique within one output folder.
 *
 * The name is the file's stem. When stems collide (a/x.txt and b/x.txt, or x.txt and x.pdf), the
 * path that sorts first keeps the plain stem and each other gets `<stem>~<6 hex of sha1(path)>`.
 * The result depends only on the set of paths, never on the order given or on timing, so reruns
 * and every shard of a job array (names are assigned before sharding) agree. Comparison is
 * case-insensitive because the output folder may live on a case-insensitive file system.
 */
export function assignOutputNames(paths: readonly string[]): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const key = stem(p).toLowerCase();
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const g of groups.values()) {
    g.sort(compare);
    g.forEach((p, i) => {
      let name = i === 0 ? stem(p) : `${stem(p)}~${shortHash(p)}`;
      // A 6-hex clash inside one group is astronomically rare; lengthen the hash rather than guess.
      for (let n = 8; taken.has(name.toLowerCase()); n += 2) name = `${stem(p)}~${shortHash(p, n)}`;
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
