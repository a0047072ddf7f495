/**
 * What a producer actually wrote, for the fixtures' README: info Producer/Creator and page count
 * (pdfinfo), fonts with type and embedding (pdffonts), and how rules and text are drawn, counted on
 * the decompressed file (mutool clean -d): stroked path operators (S) against filled rectangles
 * (`re … f`), and text-showing operators against shown characters (one per glyph = glyph by glyph).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PdfFacts {
  producer: string;
  creator: string;
  pages: number;
  bytes: number;
  fonts: { name: string; type: string; embedded: boolean }[];
  strokes: number;
  /** Fills of `re` rectangles. */
  rectFills: number;
  /** Fills of straight-line closed paths (m … l … h f): rectangles written as paths (MuPDF). */
  pathFills: number;
  textOps: number;
  /** Bytes of string operands shown: compared with textOps it tells run-wise from glyph-wise text. */
  textBytes: number;
}

const sh = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

export function inspectPdf(file: string): PdfFacts {
  const info = sh('pdfinfo', [file]);
  const field = (k: string) => new RegExp(`^${k}:[ \\t]*(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  const fonts = sh('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object, id — parse from the right.
      const parts = l.trim().split(/\s+/);
      const emb = parts[parts.length - 5] === 'yes';
      const name = parts[0]!;
      const type = parts.slice(1, parts.length - 6).join(' ');
      return { name, type, embedded: emb };
    });
  const dir = mkdtempSync(path.join(tmpdir(), 'corpus-inspect-'));
  const ops = { strokes: 0, rectFills: 0, pathFills: 0, textOps: 0, textBytes: 0 };
  try {
    const out = path.join(dir, 'd.pdf');
    execFileSync('mutool', ['clean', '-d', file, out], { stdio: 'ignore' });
    for (const content of contentStreams(readFileSync(out).toString('latin1'))) countOps(content, ops);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    producer: field('Producer'),
    creator: field('Creator'),
    pages: Number(field('Pages')),
    bytes: readFileSync(file).length,
    fonts,
    ...ops,
  };
}

/**
 * The page content streams and form XObjects of a decompressed PDF (mutool clean -d writes no object
 * streams), so font programs and images are not mistaken for drawing operators.
 */
function contentStreams(pdf: string): string[] {
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.search(/stream\r?\n/);
    objects.set(
      m[1]!,
      at < 0
        ? { dict: body, stream: null }
        : {
            dict: body.slice(0, at),
            stream: body.slice(body.indexOf('\n', at) + 1, body.lastIndexOf('endstream')),
          },
    );
  }
  const ids = new Set<string>();
  for (const o of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(o.dict)) continue;
    const c = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(o.dict)?.[1] ?? '';
    for (const r of c.matchAll(/(\d+) 0 R/g)) ids.add(r[1]!);
  }
  for (const [id, o] of objects) if (o.stream !== null && /\/Subtype\s*\/Form\b/.test(o.dict)) ids.add(id);
  return [...ids].map((id) => objects.get(id)?.stream ?? '').filter(Boolean);
}

/**
 * Count painting and text operators of a content stream with a small tokenizer (strings and hex
 * strings are skipped as operands, so glyph codes are never read as operators). A rectangle (re)
 * painted by a fill is a "filled rect" rule; any stroke (S, s) counts as a stroked path.
 */
function countOps(
  s: string,
  acc: { strokes: number; rectFills: number; pathFills: number; textOps: number; textBytes: number },
): void {
  let i = 0;
  let rect = false;
  let lines = false;
  let curve = false;
  let strBytes = 0;
  const n = s.length;
  while (i < n) {
    const ch = s[i]!;
    if (ch === '(') {
      let depth = 1;
      let bytes = 0;
      i++;
      while (i < n && depth > 0) {
        const c = s[i]!;
        if (c === '\\') {
          i += 1 + (/^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4))?.[0].length ?? 1);
          bytes++;
          continue;
        }
        if (c === '(') depth++;
        else if (c === ')') depth--;
        if (depth > 0) bytes++;
        i++;
      }
      strBytes += bytes;
    } else if (ch === '<' && s[i + 1] !== '<') {
      const end = s.indexOf('>', i);
      strBytes += s.slice(i + 1, end).replace(/\s/g, '').length / 2;
      i = end + 1;
    } else if (ch === '/') {
      i++;
      while (i < n && !/[\s/[\]()<>{}]/.test(s[i]!)) i++;
    } else if (/[A-Za-z'"*]/.test(ch)) {
      let j = i;
      while (j < n && /[A-Za-z'"*0-9]/.test(s[j]!)) j++;
      const op = s.slice(i, j);
      i = j;
      if (op === 're') rect = true;
      else if (op === 'l') lines = true;
      else if (op === 'c' || op === 'v' || op === 'y') curve = true;
      else if (op === 'f' || op === 'F' || op === 'f*') {
        if (rect && !curve) acc.rectFills++;
        else if (lines && !curve) acc.pathFills++;
        rect = lines = curve = false;
      } else if (op === 'S' || op === 's') {
        acc.strokes++;
        rect = lines = curve = false;
      } else if (op === 'B' || op === 'B*' || op === 'b' || op === 'b*' || op === 'n') rect = lines = curve = false;
      else if (op === 'Tj' || op === 'TJ' || op === "'" || op === '"') {
        acc.textOps++;
        acc.textBytes += strBytes;
      }
      strBytes = 0; // operands belong to the operator that follows them
    } else i++;
  }
}
