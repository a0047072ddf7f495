import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentRecord } from '../../src/schema/record.js';
import { squash } from '../../src/text/compact.js';

export interface GoldenRow {
  key: string;
  label: string;
  values: Record<string, string>;
  code?: string;
  level?: string;
}
export interface Golden {
  seed: string;
  department: string;
  year: number;
  unit: string;
  parts: number[];
  tables: { id: string; rows: GoldenRow[] }[];
}

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

export function loadGolden(prefix: string): Golden {
  const file = readdirSync(GOLDEN_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.json') && /^\d{3}_/.test(f));
  if (!file) throw new Error(`no golden for ${prefix}`);
  return JSON.parse(readFileSync(join(GOLDEN_DIR, file), 'utf8')) as Golden;
}

/** Every difference between a record's tables and a golden: keys, values, labels, codes, levels. */
export function compareTables(
  record: DocumentRecord,
  golden: Pick<Golden, 'tables'>,
  opts: { labels?: boolean } = {},
): { problems: string[]; cells: number } {
  const problems: string[] = [];
  let cells = 0;
  const ids = record.tables.map((t) => t.id).join(',');
  const want = golden.tables.map((t) => t.id).join(',');
  if (ids !== want) problems.push(`tables ${ids} ≠ ${want}`);
  for (const gt of golden.tables) {
    const table = record.tables.find((t) => t.id === gt.id);
    if (!table) continue;
    const got = new Map(table.rows.map((r) => [r.key, r]));
    const keys = new Set(gt.rows.map((r) => r.key));
    for (const key of got.keys()) if (!keys.has(key)) problems.push(`${gt.id} ${key}: extra row`);
    for (const gr of gt.rows) {
      const row = got.get(gr.key);
      cells += Object.keys(gr.values).length;
      if (!row) {
        problems.push(`${gt.id} ${gr.key}: row missing`);
        continue;
      }
      for (const col of new Set([...Object.keys(gr.values), ...Object.keys(row.values)])) {
        if (gr.values[col] !== row.values[col])
          problems.push(
            `${gt.id} ${gr.key} 栏${col}: expected ${gr.values[col] ?? '(empty)'}, got ${row.values[col] ?? '(empty)'}`,
          );
      }
      if (opts.labels !== false && squash(gr.label) !== squash(row.label))
        problems.push(`${gt.id} ${gr.key}: label "${row.label}" ≠ "${gr.label}"`);
      if (gr.code !== undefined && gr.code !== row.code)
        problems.push(`${gt.id} ${gr.key}: code ${row.code} ≠ ${gr.code}`);
      if (gr.level !== undefined && gr.level !== row.level)
        problems.push(`${gt.id} ${gr.key}: level ${row.level} ≠ ${gr.level}`);
    }
  }
  return { problems, cells };
}
