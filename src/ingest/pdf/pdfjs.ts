/**
 * The one adapter around pdfjs-dist (pinned 5.6.205, legacy build for Node 20). Nothing else in the
 * project imports pdfjs: a PDF is opened once here, and each page is handed over as plain values in
 * TOP-LEFT page coordinates (PDF points, y grows downward) — its glyphs and drawn paths from one
 * walk of the operator list (operators.ts), or its pixels rendered for OCR. A pdfjs upgrade touches
 * this folder and its fixture tests only.
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
import { rgbaToGray, type GrayPage, type PageImages } from '../image.js';
import { walkOperators, type FontMetrics, type PdfGlyph, type PdfRect, type PdfSegment } from './operators.js';
import { PooledCanvasFactory } from './canvas-pool.js';

export type { PdfGlyph, PdfRect, PdfSegment };

export interface PdfPageContent {
  page: number;
  width: number;
  height: number;
  /** Every shown glyph, in content-stream order, with its advance box. */
  glyphs: PdfGlyph[];
  /** Stroked path pieces (lines and the sides of stroked rectangles). */
  segments: PdfSegment[];
  /** Filled axis-aligned rectangles; the ruling builder keeps only the thin ones. */
  filledRects: PdfRect[];
}

export interface PdfWarning {
  message: string;
  page: number | null;
  count: number;
}

/** An open PDF. Every call runs with the document's warning sink, whoever calls it. */
export interface PdfFile extends PageImages {
  readPage(n: number): Promise<PdfPageContent>;
  /** pdfjs warnings so far, distinct messages with their counts. */
  warnings(): PdfWarning[];
  close(): Promise<void>;
}

const pkgDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Asset folders of the installed package, as pdfjs' Node factories want them (trailing slash). */
export const PDFJS_ASSETS = {
  cMapUrl: path.join(pkgDir, 'cmaps') + path.sep,
  standardFontDataUrl: path.join(pkgDir, 'standard_fonts') + path.sep,
  wasmUrl: path.join(pkgDir, 'wasm') + path.sep,
};

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

/** What a caller may bound when opening a PDF. */
export interface OpenOptions {
  /** Images above this many pixels (width × height) are not decoded; pdfjs warns instead. */
  maxImagePixels?: number;
}

/** Options shared by the ingest stage and the bare baseline, so the bench compares like with like. */
function documentParams(bytes: Uint8Array, open: OpenOptions = {}) {
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
    // Canvases reused page after page (canvas-pool.ts): each new one leaked native memory until a GC.
    CanvasFactory: PooledCanvasFactory,
    ...(open.maxImagePixels ? { maxImageSize: open.maxImagePixels } : {}),
  };
}

/**
 * Open a PDF. Errors are pdfjs' own (`InvalidPDFException`, `PasswordException`, …): the caller
 * maps them to the project's taxonomy by name.
 */
export function openPdf(bytes: Uint8Array, open: OpenOptions = {}): Promise<PdfFile> {
  return openWithSink(bytes, { page: null, warnings: new Map() }, open);
}

async function openWithSink(bytes: Uint8Array, sink: WarningSink, open: OpenOptions = {}): Promise<PdfFile> {
  hookConsole();
  const inSink = <T>(page: number | null, fn: () => Promise<T>): Promise<T> =>
    sinkStore.run(sink, () => {
      sink.page = page;
      return fn();
    });
  const task = pdfjs.getDocument(documentParams(bytes, open));
  let doc: pdfjs.PDFDocumentProxy;
  try {
    doc = await inSink(null, () => task.promise);
  } catch (err) {
    await task.destroy();
    throw err;
  }
  return {
    numPages: doc.numPages,
    readPage: (n) => inSink(n, () => readPage(doc, n)),
    pageSize: (n) => inSink(n, () => pageSize(doc, n)),
    renderGray: (n, dpi) => inSink(n, () => renderGray(doc, n, dpi)),
    warnings: () => [...sink.warnings].map(([message, w]) => ({ message, ...w })),
    // Frees the worker-side document and its font/image caches, so memory stays flat in a batch.
    close: () => task.destroy(),
  };
}

/** Open, run `fn`, close; the warnings raised meanwhile come back with the result. */
export async function withPdf<T>(
  bytes: Uint8Array,
  fn: (pdf: PdfFile) => Promise<T>,
  open: OpenOptions = {},
): Promise<{ result: T; warnings: PdfWarning[] }> {
  const sink: WarningSink = { page: null, warnings: new Map() };
  const pdf = await openWithSink(bytes, sink, open);
  try {
    // The caller's own work on the document reports to the same sink.
    const result = await sinkStore.run(sink, () => fn(pdf));
    return { result, warnings: pdf.warnings() };
  } finally {
    await pdf.close();
  }
}

async function readPage(doc: pdfjs.PDFDocumentProxy, n: number): Promise<PdfPageContent> {
  const page = await doc.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const ops = await page.getOperatorList();
    const fonts = new Map<string, FontMetrics | undefined>();
    const fontOf = (name: string): FontMetrics | undefined => {
      if (!fonts.has(name)) fonts.set(name, fontMetrics(page, name));
      return fonts.get(name);
    };
    const walked = walkOperators(ops.fnArray, ops.argsArray, viewport.transform as Matrix, fontOf);
    return { page: n, width: viewport.width, height: viewport.height, ...walked };
  } finally {
    page.cleanup();
  }
}

type Matrix = [number, number, number, number, number, number];

/** Page size in points (rotation applied), without reading its content. */
async function pageSize(doc: pdfjs.PDFDocumentProxy, n: number): Promise<{ width: number; height: number }> {
  const page = await doc.getPage(n);
  const { width, height } = page.getViewport({ scale: 1 });
  return { width, height };
}

/** The metrics of a loaded font the glyph geometry needs; undefined when pdfjs has none. */
function fontMetrics(page: pdfjs.PDFPageProxy, name: string): FontMetrics | undefined {
  if (!page.commonObjs.has(name)) return undefined;
  const f = page.commonObjs.get(name) as {
    fontMatrix?: number[];
    ascent?: number;
    descent?: number;
    vertical?: boolean;
  } | null;
  if (!f) return undefined;
  return {
    widthScale: f.fontMatrix?.[0] || 0.001,
    ascent: f.ascent ?? 0,
    descent: f.descent ?? 0,
    vertical: f.vertical === true,
  };
}

interface FactoryCanvas {
  /** `data()` is @napi-rs/canvas's: a snapshot of the raw pixels (RGBA), valid until the canvas is resized. */
  canvas: { width: number; height: number; data(): Uint8Array };
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
  };
}
interface CanvasFactoryLike {
  create(width: number, height: number): FactoryCanvas;
  destroy(c: FactoryCanvas): void;
}

/**
 * pdfjs draws onto an @napi-rs/canvas surface made by the document's canvas factory (the pooled
 * one, canvas-pool.ts, which also makes pdfjs's scratch canvases), over a white background:
 * tesseract binarizes, and a transparent page would read as black. The caller caps the size
 * (render-cap.ts).
 */
async function renderGray(doc: pdfjs.PDFDocumentProxy, pageNumber: number, dpi: number): Promise<GrayPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const scale = dpi / 72;
    const viewport = page.getViewport({ scale });
    const base = page.getViewport({ scale: 1 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    // pdfjs keeps its factory on the document proxy; its type is not exported.
    const factory = (doc as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
    const surface = factory.create(width, height);
    try {
      const ctx = surface.context;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      // The DOM canvas types are not in our lib; the factory's objects are what pdfjs expects.
      const params = { canvas: surface.canvas, canvasContext: ctx, viewport, background: '#ffffff' };
      await page.render(params as unknown as Parameters<typeof page.render>[0]).promise;
      // Not getImageData: its pixels live in native memory V8 does not count, so nothing prompts a
      // GC and every page's RGBA stayed resident (~15.5 MB per A4 page at 200 dpi). `data()` is read
      // here, before factory.destroy frees the surface it belongs to, and copied into our gray array.
      const data = rgbaToGray(surface.canvas.data(), width * height);
      return {
        page: pageNumber,
        width,
        height,
        data,
        scale,
        widthPt: base.width,
        heightPt: base.height,
      };
    } finally {
      factory.destroy(surface);
    }
  } finally {
    page.cleanup();
  }
}

/**
 * The baseline the bench compares against: only `getOperatorList` on every page (all the ingest
 * stage asks of pdfjs for a native page), with the same document options. Returns the page count.
 */
export async function bareExtract(bytes: Uint8Array): Promise<{ pages: number }> {
  const task = pdfjs.getDocument(documentParams(bytes));
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      page.cleanup();
    }
    return { pages: doc.numPages };
  } finally {
    await task.destroy();
  }
}
