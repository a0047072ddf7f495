/**
 * One seed → the corpus document model (model.ts). Table cells come from the truth JSON
 * (/work/shared/truth/<stem>.json) through grids.ts; the seed text gives only what the truth does
 * not hold: each table's notes (注：…), the part headings, and — for the `narrative` option — the
 * 第一/第三/第四/第五部分 text and its narrative tables. The seed's own table preamble lines are
 * replaced by a canonical one (title, 公开NN表, 部门, 年度, 单位) built from the truth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seedBlocks } from '../pdfgen/segment.js';
import type { Golden } from '../pdfgen/golden.js';
import type { Block, Cell } from '../pdfgen/seed.js';
import { toKangxi } from '../pdfgen/render.js';
import { foldGlyphs } from '../../src/normalize/glyphs.js';
import { buildGrid, emWidth, type Truth } from './grids.js';
import type { LayoutOptions, MBlock, MCell, MDoc, MTable } from './model.js';

/** Tables printed landscape: the wide column sets (as the published reports and render.ts do). */
const LANDSCAPE = new Set(['02', '03', '04', '06', '07']);

export interface Sources {
  truthDir: string;
  seedDir: string;
}

export function loadTruth(dir: string, stem: string): Truth {
  return JSON.parse(readFileSync(path.join(dir, `${stem}.json`), 'utf8')) as Truth;
}

/** Table ids in print order. Object key order would put "10" first (it is an array index). */
function tableIds(truth: Truth): string[] {
  return Object.keys(truth.tables).sort();
}

/** The truth in the shape scripts/pdfgen/segment.ts wants (it finds each table's span and notes). */
function asGolden(truth: Truth): Golden {
  return {
    department: truth.department,
    year: truth.year,
    unit: truth.unit,
    tables: tableIds(truth).map((id) => {
      const t = truth.tables[id]!;
      return {
        id,
        rows: Object.keys(t.rows).map((key) => ({ key, label: t.labels[key] ?? '', values: t.rows[key]! })),
      };
    }),
  };
}

/** Lines of one 公开NN表 in the seed (the occurrence followed by a 单位 line, not the 目录's), up to its 注. */
function seedTableText(lines: string[], id: string): string {
  const marker = new RegExp(`公开\\s*${id}\\s*表`);
  for (let i = 0; i < lines.length; i++) {
    if (!marker.test(lines[i]!) || !lines.slice(i, i + 10).some((l) => /单位[:：]/.test(l))) continue;
    const out: string[] = [];
    for (let j = i; j < lines.length && !/^\s*注[:：1１]/.test(lines[j]!); j++) out.push(lines[j]!);
    return out.join('\n');
  }
  return '';
}

/** A seed block table (narrative tables only) → model cells, one grid cell per seed cell. */
function narrativeTable(b: Extract<Block, { kind: 'table' }>): MTable | null {
  const all = [...b.header, ...b.body];
  const ncols = Math.max(0, ...all.map((r) => r.length));
  if (ncols === 0 || all.length === 0) return null;
  const toRow = (r: Cell[], head: boolean): MCell[] =>
    Array.from({ length: ncols }, (_, col) => ({
      text: r[col]?.text ?? '',
      col,
      cs: 1,
      rs: 1,
      align: head ? 'c' : r[col]?.align === 'right' ? 'r' : 'l',
      role: head ? 'head' : 'text',
    }));
  const colEm = Array.from({ length: ncols }, (_, c) =>
    Math.min(16, Math.max(3, ...all.map((r) => emWidth(r[c]?.text ?? '') + 1))),
  );
  return {
    id: null,
    title: b.preamble.join(' '),
    tag: '',
    dept: '',
    yearText: '',
    unitText: '',
    landscape: false,
    ncols,
    colEm,
    colRoles: colEm.map(() => 'text'),
    header: b.header.map((r) => toRow(r, true)),
    body: b.body.map((r) => toRow(r, false)),
    notes: [],
  };
}

export function buildDoc(src: Sources, stem: string, opts: LayoutOptions): MDoc {
  const truth = loadTruth(src.truthDir, stem);
  // Seed 003 prints Kangxi radicals: fold them, so only the kangxi option puts them back.
  const text = foldGlyphs(readFileSync(path.join(src.seedDir, `${stem}.txt`), 'utf8')).text;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks = seedBlocks(text, asGolden(truth));
  const k = (s: string) => (opts.kangxi ? toKangxi(s) : s);
  const title = `${truth.department}${truth.year}年度部门决算`;
  const t09 = seedTableText(lines, '09');
  const dash09 = t09.includes('——') ? '——' : t09.includes('---') ? '---' : null;
  const amountWord = /决算数/.test(seedTableText(lines, '01')) ? '决算数' : '金额';

  // The body's 第二部分 heading is the second one (the first is the 目录 line).
  const part2 = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === 'heading' && /^第二部分/.test(b.text));
  const part2At = part2[part2.length - 1]!.i;
  const firstTable = blocks.findIndex((b) => b.kind === 'table' && b.id !== null);
  const lastTable = blocks.map((b) => b.kind === 'table' && b.id !== null).lastIndexOf(true);
  let afterNotes = lastTable + 1;
  while (afterNotes < blocks.length && blocks[afterNotes]!.kind === 'para') afterNotes++;

  const out: MBlock[] = [];
  const seenParts = new Set<string>();
  const pushNarrative = (from: number, to: number) => {
    for (const b of blocks.slice(from, to)) {
      if (b.kind === 'heading') {
        // A part's first mention is the 目录 line; the second starts the part on a new page.
        const part = b.text.slice(0, 4);
        const real = seenParts.has(part);
        seenParts.add(part);
        out.push(real ? { kind: 'heading', text: k(b.text), newPage: true } : { kind: 'para', text: k(b.text) });
      } else if (b.kind === 'para') out.push({ kind: 'para', text: k(b.text) });
      else {
        const nt = narrativeTable(b);
        if (nt) out.push({ kind: 'table', table: kangxiTable(nt, k) });
      }
    }
  };

  out.push({ kind: 'cover', text: k(title) });
  if (opts.narrative) pushNarrative(0, part2At);
  out.push({ kind: 'heading', text: k((blocks[part2At] as { text: string }).text), newPage: true });
  seenParts.add('第二部分');
  for (let i = firstTable; i <= lastTable; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'table' || b.id === null) continue;
    const notes: string[] = [];
    for (let j = i + 1; j < blocks.length && blocks[j]!.kind === 'para'; j++)
      notes.push((blocks[j] as { text: string }).text);
    const t = truth.tables[b.id]!;
    const grid = buildGrid(b.id, t, { opts, dash09, amountWord });
    const table: MTable = {
      id: b.id,
      title: t.title,
      tag: `公开${b.id}表`,
      dept: `部门：${truth.department}`,
      yearText: `${truth.year}年度`,
      unitText: b.id === '10' ? `单位：${t.unit}` : `金额单位：${t.unit}`,
      landscape: LANDSCAPE.has(b.id),
      ...grid,
      notes,
    };
    out.push({ kind: 'table', table: kangxiTable(table, k) });
  }
  if (opts.narrative) pushNarrative(afterNotes, blocks.length);
  return { stem, title: k(title), options: opts, blocks: out };
}

function kangxiTable(t: MTable, k: (s: string) => string): MTable {
  const cells = (rows: MCell[][]) => rows.map((r) => r.map((c) => ({ ...c, text: k(c.text) })));
  return {
    ...t,
    title: k(t.title),
    tag: k(t.tag),
    dept: k(t.dept),
    yearText: k(t.yearText),
    unitText: k(t.unitText),
    header: cells(t.header),
    body: cells(t.body),
    notes: t.notes.map(k),
  };
}
