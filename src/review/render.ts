/**
 * Page images for the review site: each page drawn by pdfjs (the project's one adapter,
 * src/ingest/pdf/pdfjs.ts — a scanned page is its scan) onto @napi-rs/canvas and encoded as a gray
 * JPEG within a byte budget: first at the requested resolution, then at lower quality, then at
 * lower resolutions, never below a floor where 9 pt print stops being legible. The overlay is laid
 * in percent of the page's size in points, so the image's resolution never moves a box.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { openPdf, type PdfFile } from '../ingest/pdf/pdfjs.js';

// libjpeg-turbo's SIMD encoder inside @napi-rs/canvas 0.1.100 segfaults on some CPUs (an AMD EPYC
// with AVX-512 here) for noisy pages (a scan); its portable C path does not, at ~12 % more CPU for
// the site. Read at the first encode from the process's environment, which worker threads share
// (set here, in the thread that loads this module first, before any page is encoded).
process.env.JSIMD_FORCENONE ??= '1';
import type { GrayPage } from '../ingest/image.js';

export interface RenderBudget {
  /** Resolution tried first. */
  dpi: number;
  /** Bytes one page image may take. */
  maxBytes: number;
  /** Lowest resolution tried (a page still over budget there is kept at that size). */
  minDpi: number;
  /** Largest image in pixels (width × height), whatever the page size. */
  maxPixels: number;
}

export const DEFAULT_BUDGET: RenderBudget = { dpi: 96, maxBytes: 200_000, minDpi: 60, maxPixels: 4_000_000 };

export interface PageImage {
  page: number;
  /** Page size in PDF points (rotation applied): the coordinate space of the record's boxes. */
  widthPt: number;
  heightPt: number;
  width: number;
  height: number;
  dpi: number;
  jpeg: Buffer;
}

const QUALITIES = [72, 55];

/**
 * Render the given pages (1-based; pages the PDF lacks are skipped) of one PDF. A page's JPEG is
 * encoded off the main thread (@napi-rs/canvas runs `encode` on libuv's pool) while the next page
 * is drawn; `onPage` gets the pages in order.
 */
export async function renderPages(
  bytes: Uint8Array,
  pages: readonly number[],
  budget: RenderBudget = DEFAULT_BUDGET,
  onPage: (p: PageImage) => Promise<void> | void = () => {},
): Promise<number> {
  const pdf = await openPdf(bytes);
  let pending: Promise<void> = Promise.resolve();
  let n = 0;
  try {
    for (const page of pages) {
      if (page < 1 || page > pdf.numPages) continue;
      const size = await pdf.pageSize(page);
      const capDpi = 72 * Math.sqrt(budget.maxPixels / Math.max(1, size.width * size.height));
      const gray = await pdf.renderGray(page, Math.max(1, Math.min(budget.dpi, capDpi)));
      const done = fit(pdf, gray, budget);
      // At most one page in flight: memory stays two pages deep.
      await pending;
      pending = done.then((img) => onPage(img));
      n++;
    }
    await pending;
  } finally {
    await pending.catch(() => {});
    await pdf.close();
  }
  return n;
}

/** The page's JPEG within the budget: lower quality first, then lower resolutions down to the floor. */
async function fit(pdf: PdfFile, first: GrayPage, budget: RenderBudget): Promise<PageImage> {
  let gray = first;
  for (;;) {
    const canvas = toCanvas(gray);
    let jpeg: Buffer | undefined;
    for (const q of QUALITIES) {
      jpeg = await canvas.encode('jpeg', q);
      if (jpeg.length <= budget.maxBytes) break;
    }
    const dpi = gray.scale * 72;
    const next = Math.round(dpi * 0.8);
    if (jpeg!.length <= budget.maxBytes || next < budget.minDpi) {
      return {
        page: gray.page,
        widthPt: gray.widthPt,
        heightPt: gray.heightPt,
        width: gray.width,
        height: gray.height,
        dpi: Math.round(dpi),
        jpeg: jpeg!,
      };
    }
    gray = await pdf.renderGray(gray.page, next);
  }
}

function toCanvas(g: GrayPage) {
  const canvas = createCanvas(g.width, g.height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(g.width, g.height);
  // One 32-bit write per pixel (little-endian RGBA: alpha in the high byte).
  const px = new Uint32Array(img.data.buffer, img.data.byteOffset, g.width * g.height);
  for (let i = 0; i < px.length; i++) {
    const v = g.data[i]!;
    px[i] = 0xff000000 | (v << 16) | (v << 8) | v;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** One document's pages to draw into `dir` as `p<N>.jpg` (plain data: it crosses to a worker thread). */
export interface RenderJob {
  bytes: Uint8Array;
  pages: number[];
  budget: RenderBudget;
  dir: string;
}

export type PageMeta = Omit<PageImage, 'jpeg'> & { bytes: number };

export async function renderToFiles(job: RenderJob): Promise<PageMeta[]> {
  const out: PageMeta[] = [];
  if (!job.pages.length) return out;
  mkdirSync(job.dir, { recursive: true });
  await renderPages(job.bytes, job.pages, job.budget, (img) => {
    writeFileSync(join(job.dir, `p${img.page}.jpg`), img.jpeg);
    const { jpeg, ...meta } = img;
    out.push({ ...meta, bytes: jpeg.length });
  });
  return out;
}
