/**
 * Rendering one PDF page to pixels for OCR. pdfjs draws onto an @napi-rs/canvas surface made by
 * its own canvas factory (so the page canvas and pdfjs's scratch canvases come from the same native
 * build), over a white background: tesseract binarizes, and a transparent page would read as black.
 */
import type { PDFDocumentProxy } from './pdfjs-load.js';

/**
 * Chosen by measurement on the table pages of a real report (numeric cells exact / total, against
 * its text layer): 150 dpi 271/275, 200 dpi 273/275, 250 dpi 237/275, 300 dpi 218/275,
 * 400 dpi 220/275 (model 4.0.0_best_int). It misreads 6→0 and 5→3 at larger glyph sizes.
 */
export const DEFAULT_DPI = 200;

/** A rendered page: 8-bit grayscale, row-major, plus the factor from pixels back to PDF points. */
export interface GrayPage {
  page: number;
  width: number;
  height: number;
  data: Uint8Array;
  /** Pixels per PDF point (dpi / 72). */
  scale: number;
  /** Page size in PDF points (rotation applied), the coordinate space of the IR. */
  widthPt: number;
  heightPt: number;
}

interface FactoryCanvas {
  canvas: { width: number; height: number };
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
interface CanvasFactoryLike {
  create(width: number, height: number): FactoryCanvas;
  destroy(c: FactoryCanvas): void;
}

export async function renderPageGray(
  doc: PDFDocumentProxy,
  pageNumber: number,
  dpi: number = DEFAULT_DPI,
): Promise<GrayPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const scale = dpi / 72;
    const viewport = page.getViewport({ scale });
    const base = page.getViewport({ scale: 1 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    const factory = (doc as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
    const surface = factory.create(width, height);
    try {
      const ctx = surface.context;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      // The DOM canvas types are not in our lib; the factory's objects are what pdfjs expects.
      const params = { canvas: surface.canvas, canvasContext: ctx, viewport, background: '#ffffff' };
      await page.render(params as unknown as Parameters<typeof page.render>[0]).promise;
      const rgba = ctx.getImageData(0, 0, width, height).data;
      return {
        page: pageNumber,
        width,
        height,
        data: rgbaToGray(rgba, width * height),
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

/** Rec. 601 luma in integers; alpha is already composited over the white fill. */
export function rgbaToGray(rgba: Uint8ClampedArray | Uint8Array, pixels: number): Uint8Array {
  const out = new Uint8Array(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    out[i] = (77 * rgba[j]! + 150 * rgba[j + 1]! + 29 * rgba[j + 2]!) >> 8;
  }
  return out;
}

/** Binary PGM (P5): Leptonica inside tesseract reads it directly, and it costs no encoder. */
export function toPgm(data: Uint8Array, width: number, height: number): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

/** Copy a rectangle out of a gray page (clamped to the page). */
export function cropGray(
  src: { data: Uint8Array; width: number; height: number },
  x: number,
  y: number,
  w: number,
  h: number,
): { data: Uint8Array; width: number; height: number } {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(src.width, Math.ceil(x + w));
  const y1 = Math.min(src.height, Math.ceil(y + h));
  const cw = Math.max(0, x1 - x0);
  const ch = Math.max(0, y1 - y0);
  const data = new Uint8Array(cw * ch);
  for (let r = 0; r < ch; r++) {
    const s = (y0 + r) * src.width + x0;
    data.set(src.data.subarray(s, s + cw), r * cw);
  }
  return { data, width: cw, height: ch };
}
