import type { DocumentIR, Line, Run } from '../../ir/types.js';
import { ExtractionError } from '../../errors.js';

/**
 * Plain-text ingest: one Line per text line. Tab-separated lines keep their cells as runs whose x is
 * the cell index (so an empty cell still occupies a column position); other lines are split into
 * whitespace tokens whose x is the character offset — their columns must be recovered later.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ExtractionError('InputUnreadable', 'empty file (0 bytes)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ExtractionError('InputUnreadable', 'not UTF-8 text (binary or another encoding)');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Control characters other than tab/newline/CR/form feed mean this is not a text dump.
  const controls = countControls(text);
  if (controls > Math.max(8, text.length / 1000)) {
    throw new ExtractionError('InputUnreadable', `binary content: ${controls} control characters`);
  }
  if (text.trim() === '') throw new ExtractionError('InputUnreadable', 'file contains only whitespace');
  return text;
}

/**
 * Control characters (not tab, newline, vertical tab, form feed, CR), counted without building an
 * array of matches: a large binary file as text made one entry per NUL byte, and V8 aborts the
 * whole process (not just the worker) on an array that long.
 */
function countControls(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0e && c <= 0x1f)) n++;
  }
  return n;
}

export function textToIR(text: string): DocumentIR {
  const lines: Line[] = [];
  text.split(/\r\n|\r|\n|\f/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    lines.push(toLine(raw, index));
  });
  return {
    format: 'text',
    pageCount: null,
    textLayer: 'native',
    pages: [{ page: null, width: 0, height: 0, lines, rulings: [] }],
  };
}

function toLine(raw: string, index: number): Line {
  // `at`: 1-based line and first/last column of the text, for provenance.
  const run = (text: string, x0: number, x1: number, start: number): Run => ({
    text,
    x0,
    x1,
    y0: index,
    y1: index + 1,
    conf: 1,
    origin: 'text',
    at: { line: index + 1, start: start + 1, end: start + Math.max(1, text.length) },
  });
  if (raw.includes('\t')) {
    let offset = 0;
    const runs = raw.split('\t').map((cell, i) => {
      const lead = cell.length - cell.trimStart().length;
      const r = run(cell.trim(), i, i + 1, offset + lead);
      offset += cell.length + 1;
      return r;
    });
    return { page: null, index, y: index, runs, separation: 'tab', text: raw };
  }
  const runs: Run[] = [];
  for (const m of raw.matchAll(/\S+/g)) {
    runs.push(run(m[0], m.index, m.index + m[0].length, m.index));
  }
  return { page: null, index, y: index, runs, separation: 'space', text: raw.trim() };
}
