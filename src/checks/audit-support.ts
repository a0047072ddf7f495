/**
 * Plumbing of the audit rules: the document view of a context, 第三部分 as one flat string with its
 * sections and pages, sentences around a match, and the finding shape (message in Chinese, with the
 * place: page, table/row/column, and the sentence).
 */
import type { Finding, Level } from '../schema/finding.js';
import type { CheckContext, Rule } from './rule.js';
import { docViewFromRecord, type DocView } from './doc-view.js';
import { flatten, sections, type FlatText, type Section } from '../narrative/flatten.js';
import { squash } from '../text/compact.js';

type RuleHead = Pick<Rule, 'id' | 'ref'>;

export function docOf(ctx: CheckContext): DocView {
  return ctx.doc ?? docViewFromRecord(ctx.record);
}

export const PART_NAMES = ['', '第一部分', '第二部分', '第三部分', '第四部分', '第五部分'];

/** Where a line is: 封面, 目录, 第N部分 (公开NN表). */
export function placeOf(doc: DocView, line: number): string {
  if (doc.frontMatter && line < doc.body) {
    const toc = doc.lines.findIndex((l, i) => i < doc.body && /^目录$/.test(squash(l.text)));
    return toc >= 0 && line >= toc ? '目录' : '封面';
  }
  const table = doc.tables.find((t) => line >= t.at && line < t.to);
  const part = doc.parts.find((p) => line >= p.from && line < p.to);
  const where = part ? PART_NAMES[part.part]! : '正文';
  return table ? `${where} 公开${table.id}表` : where;
}

/** The 公开表 whose region holds a line, if any. */
export function tableAt(doc: DocView, line: number): string | undefined {
  return doc.tables.find((t) => line >= t.at && line < t.to)?.id;
}

/** 第三部分 flattened (see src/narrative/flatten.ts), with each flat offset's line and page. */
export interface NarrativeText {
  flat: FlatText;
  sections: Section[];
  /** Offset (flat) where the first section starts: before it is the part's heading. */
  lineAt(flatOffset: number): number;
  pageAt(flatOffset: number): number | null;
  /** Section the offset falls in. */
  sectionAt(flatOffset: number): Section | undefined;
}

export function narrativeText(doc: DocView, part = 3): NarrativeText | undefined {
  const p = doc.parts.find((x) => x.part === part);
  if (!p) return undefined;
  const starts: number[] = [];
  let text = '';
  for (let i = p.from; i < p.to; i++) {
    starts.push(text.length);
    text += doc.lines[i]!.text + '\n';
  }
  const flat = flatten(text);
  const secs = sections(flat);
  const lineAt = (off: number): number => {
    const origin = flat.origin[Math.min(off, flat.origin.length - 1)] ?? 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= origin) lo = mid;
      else hi = mid - 1;
    }
    return p.from + lo;
  };
  return {
    flat,
    sections: secs,
    lineAt,
    pageAt: (off) => doc.lines[lineAt(off)]?.page ?? null,
    sectionAt: (off) => secs.find((s) => off >= s.at && off < s.end),
  };
}

/** The sentence (between 。；) around [start, end) of a text, trimmed to `max` characters. */
export function sentenceAround(text: string, start: number, end: number, max = 90): string {
  const before = Math.max(text.lastIndexOf('。', start - 1), text.lastIndexOf('；', start - 1));
  const rest = text.slice(end).search(/[。；]/);
  const s = text.slice(before + 1, rest < 0 ? text.length : end + rest + 1).replace(/\s+/g, '');
  if (s.length <= max) return s;
  // Keep the match in view.
  const at = Math.max(0, start - before - 1 - Math.floor(max / 3));
  return `${at > 0 ? '…' : ''}${s.slice(at, at + max)}…`;
}

export interface AuditPlace {
  page?: number | null;
  table?: string;
  row?: string;
  column?: string;
  expected?: string;
  actual?: string;
}

export function auditFinding(rule: RuleHead, level: Level, message: string, place: AuditPlace = {}): Finding {
  const f: Finding = { level, stage: 'check', check: rule.id, message: `${rule.ref} ${message}`, evaluated: true };
  if (place.page != null) f.page = place.page;
  if (place.table) f.table = place.table;
  if (place.row) f.row = place.row;
  if (place.column) f.column = place.column;
  if (place.expected !== undefined) f.expected = place.expected;
  if (place.actual !== undefined) f.actual = place.actual;
  return f;
}

export function notEvaluatedAudit(rule: RuleHead, why: string): Finding {
  return { level: 'info', stage: 'check', check: rule.id, message: `${rule.ref} 未核对：${why}`, evaluated: false };
}

/** A line as a reader would quote it: whitespace squeezed, at most `max` characters. */
export function lineText(doc: DocView, i: number, max = 60): string {
  const t = doc.lines[i]?.text.replace(/\s+/g, ' ').trim() ?? '';
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
