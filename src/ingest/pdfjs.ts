/**
 * The one adapter around pdfjs-dist (pinned 5.6.205, legacy build for Node 20). Nothing else in the
 * project imports pdfjs: this file turns its text items and operator lists into plain, library-free
 * values in TOP-LEFT page coordinates (PDF points, y grows downward), so a pdfjs upgrade touches
 * this file and its fixture test only.
 *
 * Node notes, checked against the installed 5.6.205:
 * - The legacy build polyfills `DOMMatrix`/`Path2D`/`ImageData` itself by `require('@napi-rs/canvas')`
 *   at import time; it only warns when the package is missing. We keep @napi-rs/canvas installed and
 *   need no polyfill of our own.
 * - `cMapUrl`, `standardFontDataUrl` and `wasmUrl` are read with `fs.readFile(url + name)`, so they
 *   must be plain directory paths ending in '/', not `file://` URLs.
 * - `getDocument({data})` transfers (detaches) the buffer it is given: we always pass a copy.
 * - Warnings are printed by `warn()` as `console.warn("Warning: …")` in the main thread (Node uses
 *   the in-process "fake worker"). We route them to the document being read through an
 *   AsyncLocalStorage, so concurrent documents in one process each get their own warnings.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A text item in top-left coordinates. `baseline` is the y of the glyphs' baseline. */
export interface PdfTextItem {
  str: string;
  x0: number;
  x1: number;
  baseline: number;
  /** Box top and bottom from the font's ascent/descent (or an ideographic em box without them). */
  top: number;
  bottom: number;
  fontSize: number;
}

/** A straight piece of a path, after the transform stack and the page transform. */
export interface PdfSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** An axis-aligned filled rectangle (cell borders are often thin filled rectangles). */
export interface PdfRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPageContent {
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  /** Stroked path pieces (lines and the sides of stroked rectangles). */
  segments: PdfSegment[];
  /** Filled axis-aligned rectangles; the ruling builder keeps only the thin ones. */
  filledRects: PdfRect[];
}

export interface PdfHandle {
  numPages: number;
  readPage(n: number): Promise<PdfPageContent>;
  destroy(): Promise<void>;
}

const pkgDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Asset folders of the installed package, as pdfjs' Node factories want them (trailing slash). */
export const PDFJS_ASSETS = {
  cMapUrl: path.join(pkgDir, 'cmaps') + path.sep,
  standardFontDataUrl: path.join(pkgDir, 'standard_fonts') + path.sep,
  wasmUrl: path.join(pkgDir, 'wasm') + path.sep,
};

/** Fallback ascent/descent (fractions of the font size) when pdfjs gives none: the ideographic em box. */
const DEFAULT_ASCENT = 0.88;
const DEFAULT_DESCENT = 0.12;
/** At most this many distinct warnings are kept per document; a broken font can warn per glyph. */
const MAX_WARNINGS = 50;

interface WarningSink {
  page: number | null;
  warnings: Map<string, { page: number | null; count: number }>;
}
const sinkStore = new AsyncLocalStorage<WarningSink>();
let consoleHooked = false;

/** Route pdfjs' `console.warn("Warning: …")` to the sink of the document in whose async context it ran. */
function hookConsole(): void {
  if (consoleHooked) return;
  consoleHooked = true;
  const original = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const sink = sinkStore.getStore();
    const first = args[0];
    if (sink && typeof first === 'string' && /^(Warning|Info): /.test(first)) {
      const msg = first.replace(/^(Warning|Info): /, '');
      const seen = sink.warnings.get(msg);
      if (seen) seen.count++;
      else if (sink.warnings.size < MAX_WARNINGS) sink.warnings.set(msg, { page: sink.page, count: 1 });
      return;
    }
    original(...args);
  };
}

export interface PdfWarning {
  message: string;
  page: number | null;
  count: number;
}

/** Options shared by the ingest stage and the bare baseline, so the bench compares like with like. */
function documentParams(bytes: Uint8Array) {
  return {
    // A copy: pdfjs detaches the buffer it is given.
    data: new Uint8Array(bytes),
    ...PDFJS_ASSETS,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
  };
}

/**
 * Open a PDF. Everything that runs inside `fn` (and the pdfjs work it triggers) reports its warnings
 * to `warnings`. Errors are pdfjs' own (`InvalidPDFException`, `PasswordException`, …): the caller
 * maps them to the project's taxonomy by name.
 */
export async function withPdf<T>(
  bytes: Uint8Array,
  fn: (pdf: PdfHandle) => Promise<T>,
): Promise<{ result: T; warnings: PdfWarning[] }> {
  hookConsole();
  const sink: WarningSink = { page: null, warnings: new Map() };
  return sinkStore.run(sink, async () => {
    const task = pdfjs.getDocument(documentParams(bytes));
    try {
      const d = await task.promise;
      const handle: PdfHandle = {
        numPages: d.numPages,
        readPage: async (n) => {
          sink.page = n;
          return readPage(d, n);
        },
        destroy: () => d.destroy(),
      };
      const result = await fn(handle);
      const warnings = [...sink.warnings].map(([message, w]) => ({ message, ...w }));
      return { result, warnings };
    } finally {
      // Frees the worker-side document and its font/image caches, so memory stays flat in a batch.
      await task.destroy();
    }
  });
}

async function readPage(doc: pdfjs.PDFDocumentProxy, n: number): Promise<PdfPageContent> {
  const page = await doc.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const vt = viewport.transform as Matrix;
    const [text, ops] = await Promise.all([
      page.getTextContent({ includeMarkedContent: false, disableNormalization: true }),
      page.getOperatorList(),
    ]);
    const items: PdfTextItem[] = [];
    for (const it of text.items) {
      if (!('str' in it) || it.str === '') continue;
      const style = text.styles[it.fontName];
      items.push(toTextItem(it.str, it.transform as Matrix, it.width, vt, style));
    }
    const { segments, filledRects } = readPaths(ops.fnArray, ops.argsArray, vt);
    return { page: n, width: viewport.width, height: viewport.height, items, segments, filledRects };
  } finally {
    page.cleanup();
  }
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 ∘ m2: apply m2 first, then m1 (pdfjs' `Util.transform` order). */
function mul(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}
function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function toTextItem(
  str: string,
  transform: Matrix,
  width: number,
  vt: Matrix,
  style: { ascent?: number; descent?: number } | undefined,
): PdfTextItem {
  // The item's text matrix in top-left space: origin is the baseline start, (c,d) is the "up"
  // vector scaled by the font size, so its length is the rendered font size.
  const m = mul(vt, transform);
  const fontSize = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
  const [x, baseline] = [m[4], m[5]];
  // `width` is in user space along the text direction; the viewport scale is 1.
  const ascent = style?.ascent && style.ascent > 0 ? style.ascent : DEFAULT_ASCENT;
  const descent = style?.descent && style.descent < 0 ? -style.descent : DEFAULT_DESCENT;
  return {
    str,
    x0: x,
    x1: x + width,
    baseline,
    top: baseline - ascent * fontSize,
    bottom: baseline + descent * fontSize,
    fontSize,
  };
}

const OPS = pdfjs.OPS;
/** DrawOPS codes inside a constructPath buffer (pdfjs ≥ 5.0, commit be1f5671b, 2025-03). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;
const STROKE_OPS = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill]);

/**
 * Walk an operator list and collect path geometry. Since pdfjs 5.0 every path arrives as one
 * `constructPath` op with args `[paintOp, [Float32Array | null], minMax | null]`, where the buffer
 * holds DrawOPS codes followed by their coordinates (`re` is expanded to moveTo + 3 lineTo +
 * closePath). Coordinates are in the user space current at that op, so we replay the transform
 * stack: save/restore/transform and form XObjects (begin = save + matrix, end = restore).
 * Annotation appearance streams are skipped: they are not page content.
 */
export function readPaths(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  pageTransform: Matrix,
): { segments: PdfSegment[]; filledRects: PdfRect[] } {
  const segments: PdfSegment[] = [];
  const filledRects: PdfRect[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let inAnnotation = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.transform:
        ctm = mul(ctm, (args ?? IDENTITY) as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const m = args?.[0] as ArrayLike<number> | null | undefined;
        if (m && m.length === 6) ctm = mul(ctm, Array.from(m) as Matrix);
        break;
      }
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.beginAnnotation:
        inAnnotation++;
        break;
      case OPS.endAnnotation:
        inAnnotation = Math.max(0, inAnnotation - 1);
        break;
      case OPS.constructPath: {
        if (inAnnotation > 0 || !args) break;
        const paintOp = args[0] as number;
        const buf = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
        if (!buf) break;
        const toPage = mul(pageTransform, ctm);
        if (STROKE_OPS.has(paintOp)) segments.push(...pathSegments(buf, toPage));
        else if (FILL_OPS.has(paintOp)) filledRects.push(...pathRects(buf, toPage));
        break;
      }
      default:
        break;
    }
  }
  return { segments, filledRects };
}

/** The straight pieces of a path buffer, transformed to page space; curves are skipped. */
function pathSegments(buf: ArrayLike<number>, m: Matrix): PdfSegment[] {
  const out: PdfSegment[] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < buf.length;) {
    const op = buf[i++];
    if (op === DRAW.moveTo) {
      cx = sx = buf[i++]!;
      cy = sy = buf[i++]!;
    } else if (op === DRAW.lineTo) {
      const x = buf[i++]!;
      const y = buf[i++]!;
      out.push(seg(m, cx, cy, x, y));
      cx = x;
      cy = y;
    } else if (op === DRAW.curveTo) {
      i += 4;
      cx = buf[i++]!;
      cy = buf[i++]!;
    } else if (op === DRAW.quadraticCurveTo) {
      i += 2;
      cx = buf[i++]!;
      cy = buf[i++]!;
    } else if (op === DRAW.closePath) {
      if (cx !== sx || cy !== sy) out.push(seg(m, cx, cy, sx, sy));
      cx = sx;
      cy = sy;
    } else {
      break; // unknown code: the format changed; the fixture test catches this
    }
  }
  return out;
}

function seg(m: Matrix, x0: number, y0: number, x1: number, y1: number): PdfSegment {
  const [a, b] = apply(m, x0, y0);
  const [c, d] = apply(m, x1, y1);
  return { x0: a, y0: b, x1: c, y1: d };
}

/**
 * Filled subpaths that are axis-aligned rectangles (4 corners, only straight sides), as boxes in
 * page space. Anything else that is filled (glyph-like shapes, curves) is not a table border.
 */
function pathRects(buf: ArrayLike<number>, m: Matrix): PdfRect[] {
  const out: PdfRect[] = [];
  let pts: [number, number][] = [];
  let curved = false;
  const flush = () => {
    if (!curved && pts.length >= 4 && pts.length <= 5) {
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const distinctX = new Set(xs.map((v) => v.toFixed(2))).size;
      const distinctY = new Set(ys.map((v) => v.toFixed(2))).size;
      if (distinctX <= 2 && distinctY <= 2) {
        out.push({ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
      }
    }
    pts = [];
    curved = false;
  };
  for (let i = 0; i < buf.length;) {
    const op = buf[i++];
    if (op === DRAW.moveTo) {
      flush();
      pts.push(apply(m, buf[i++]!, buf[i++]!));
    } else if (op === DRAW.lineTo) {
      pts.push(apply(m, buf[i++]!, buf[i++]!));
    } else if (op === DRAW.curveTo) {
      i += 6;
      curved = true;
    } else if (op === DRAW.quadraticCurveTo) {
      i += 4;
      curved = true;
    } else if (op === DRAW.closePath) {
      // the closing corner repeats the start; flush happens at the next moveTo or the end
    } else {
      break;
    }
  }
  flush();
  return out;
}

/**
 * The baseline the bench compares against: only `getTextContent` + `getOperatorList` on every
 * page, with the same document options as the ingest stage. Returns the page count.
 */
export async function bareExtract(bytes: Uint8Array): Promise<{ pages: number }> {
  const task = pdfjs.getDocument(documentParams(bytes));
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await Promise.all([page.getTextContent(), page.getOperatorList()]);
      page.cleanup();
    }
    return { pages: doc.numPages };
  } finally {
    await task.destroy();
  }
}
