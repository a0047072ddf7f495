/**
 * Planting problems in a real report: edits to a seed's text, or to the lines of a real PDF after
 * ingest (no re-typesetting), and the findings a planted copy gains over the original.
 */
import { readFileSync } from 'node:fs';
import type { Finding } from '../../src/schema/finding.js';
import type { Ingested } from '../../src/ingest/ingest.js';
import { ingest } from '../../src/ingest/ingest.js';
import { extractDocument, fromIngested, type DocumentResult } from '../../src/pipeline.js';

/** Replace the `nth` (default: the only) occurrence of `find`; a find that does not occur so is a test bug. */
export interface Edit {
  find: string | RegExp;
  replace: string;
  /** Which occurrence (0-based); without it the text (or the lines `line` selects) must hold exactly one. */
  nth?: number;
  /** PDF edits: only on this page. */
  page?: number;
  /** PDF edits: the line to edit is the one holding this text (default: the one holding `find`). */
  line?: string;
}

const global = (find: string | RegExp): RegExp =>
  typeof find === 'string'
    ? new RegExp(find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')
    : new RegExp(find.source, find.flags.includes('g') ? find.flags : `${find.flags}g`);

function matches(text: string, find: string | RegExp): RegExpExecArray[] {
  return [...text.matchAll(global(find))];
}

export function plantText(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of edits) {
    const found = matches(out, e.find);
    if (e.nth === undefined && found.length !== 1)
      throw new Error(`edit ${String(e.find)}: ${found.length} occurrences`);
    const m = found[e.nth ?? 0];
    if (!m) throw new Error(`edit ${String(e.find)}: no occurrence ${e.nth}`);
    // Replace at the match, with the rest of the text in view (a look-ahead may need it).
    const re = global(e.find);
    const rest = out.slice(m.index).replace(new RegExp(`^(?:${re.source})`, re.flags.replace('g', '')), e.replace);
    out = out.slice(0, m.index) + rest;
  }
  return out;
}

export async function extractText(path: string, text: string): Promise<DocumentResult> {
  return extractDocument({ path, bytes: new TextEncoder().encode(text) });
}

export async function ingestPdf(path: string): Promise<Ingested> {
  return ingest({ path, bytes: new Uint8Array(readFileSync(path)) }, { ocr: 'never' });
}

/**
 * Apply edits to the lines of an ingested PDF (a deep copy): the line's text and the one run (or run
 * piece) that holds the text to change, so tables and text read the same edit.
 */
export function plantPdf(ingested: Ingested, edits: Edit[]): Ingested {
  const copy = structuredClone(ingested);
  for (const e of edits) {
    const lines = copy.ir.pages.filter((p) => e.page === undefined || p.page === e.page).flatMap((p) => p.lines);
    const hits = lines.filter((l) => matches(l.text, e.line ?? e.find).length > 0);
    const line = e.nth === undefined ? (hits.length === 1 ? hits[0] : undefined) : hits[e.nth];
    if (!line) throw new Error(`edit ${String(e.find)}: ${hits.length} lines`);
    line.text = plantText(line.text, [{ ...e, nth: 0 }]);
    const run = line.runs.find((r) => matches(r.text, e.find).length > 0);
    if (!run) throw new Error(`edit ${String(e.find)}: not inside one run of "${line.text}"`);
    run.text = plantText(run.text, [{ ...e, nth: 0 }]);
    for (const piece of run.pieces ?? []) {
      if (matches(piece.text, e.find).length > 0) piece.text = plantText(piece.text, [{ ...e, nth: 0 }]);
    }
  }
  return copy;
}

export function extractPlantedPdf(path: string, ingested: Ingested, edits: Edit[]): DocumentResult {
  return fromIngested({ path, bytes: readFileSync(path) }, plantPdf(ingested, edits));
}

const placeKey = (f: Finding): string =>
  [f.level, f.check, f.table ?? '', f.row ?? '', f.column ?? '', f.page ?? '', f.actual ?? ''].join('|');

/** The warn/error findings `after` has beyond `before` (as a multiset, by rule, place and actual value). */
export function gained(before: Finding[], after: Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const f of before.filter((x) => x.level !== 'info')) left.set(placeKey(f), (left.get(placeKey(f)) ?? 0) + 1);
  return after.filter((f) => {
    if (f.level === 'info') return false;
    const n = left.get(placeKey(f)) ?? 0;
    if (n > 0) {
      left.set(placeKey(f), n - 1);
      return false;
    }
    return true;
  });
}
