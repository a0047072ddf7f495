/**
 * What the bench runs: the bundled samples sorted into input kinds, and repeated so that a timed
 * run has enough documents for concurrency to matter.
 *
 * Kinds are decided from paths (data-driven: a new sample joins its kind without code changes):
 * `*.txt` is text; a `*.pdf` whose path has a folder or name containing "scan" or "ocr" is OCR (its
 * pages are images); every other `*.pdf` is native PDF.
 */
import type { InputFile } from '../../src/batch/inputs.js';
import type { BatchInput } from '../../src/batch/run.js';

export const KINDS = ['text', 'native PDF', 'OCR'] as const;
export type Kind = (typeof KINDS)[number];

export function kindOf(rel: string): Kind | null {
  if (/\.txt$/i.test(rel)) return 'text';
  if (!/\.pdf$/i.test(rel)) return null;
  return /(^|\/)[^/]*(scan|ocr)/i.test(rel) ? 'OCR' : 'native PDF';
}

export function byKind(files: readonly InputFile[]): Map<Kind, InputFile[]> {
  const m = new Map<Kind, InputFile[]>(KINDS.map((k) => [k, []]));
  for (const f of files) {
    const k = kindOf(f.rel);
    if (k) m.get(k)!.push(f);
  }
  return m;
}

/**
 * The files repeated whole until there are at least `minDocs` documents, each repetition under its
 * own output name. Whole repetitions keep the mix of kinds and sizes the same at every count.
 */
export function repeated(files: readonly InputFile[], minDocs: number): BatchInput[] {
  if (files.length === 0) return [];
  const reps = Math.max(1, Math.ceil(minDocs / files.length));
  const out: BatchInput[] = [];
  for (let r = 0; r < reps; r++) for (const [i, f] of files.entries()) out.push({ ...f, output: `d${i}~r${r}` });
  return out;
}
