/**
 * The two pixel limits of a PDF (issue 12): the render-size cap of a page, and the finding for an
 * image left undecoded by the image limit (pdfjs' `maxImageSize`, set from limits.ts).
 *
 * The render-size cap: a page is rendered for OCR at the OCR resolution only while its
 * pixel count stays within `maxPageArea` (limits.ts) at that resolution. A larger page is rendered
 * scaled down to the cap, as long as that keeps at least half the resolution (100 dpi at the default
 * 200 — 10 pt print is still legible there); a page that would need more shrinking than that (a
 * 5800 pt square is 4.2 m², 17 times A2) is skipped. Either way the caller logs a finding, so the
 * record says which pages were read coarser or not at all.
 *
 * Without it one blank 5800×5800 pt page rendered at 200 dpi was a 16,111² RGBA surface (1 GB) plus
 * its gray copies, 3.5 GB in all; a 20000 pt page failed inside skia.
 */
import type { Finding } from '../../schema/finding.js';
import type { GrayPage, PageImages } from '../image.js';
import { finding } from '../../findings/catalogue.js';

/** Points per metre: 72 pt per inch, 0.0254 m per inch. */
const PT_PER_M = 72 / 0.0254;

/** A page is skipped rather than rendered below this share of the requested DPI. */
export const MIN_DPI_SHARE = 0.5;

export type RenderPlan =
  | { action: 'full'; dpi: number }
  | { action: 'scaled'; dpi: number; areaM2: number; capPixels: number }
  | { action: 'skip'; areaM2: number; capPixels: number; neededDpi: number };

/** Largest pixel count of a rendered page at `dpi`: the maximum page area at that resolution. */
export function renderCapPixels(dpi: number, maxPageAreaM2: number): number {
  const inches2 = maxPageAreaM2 / (0.0254 * 0.0254);
  return Math.floor(inches2 * dpi * dpi);
}

/** How to render a page of `widthPt`×`heightPt` points for OCR at `dpi` under the area cap. */
export function planRender(widthPt: number, heightPt: number, dpi: number, maxPageAreaM2: number): RenderPlan {
  const capPixels = renderCapPixels(dpi, maxPageAreaM2);
  const pixelsAt = (d: number) => Math.ceil((widthPt * d) / 72) * Math.ceil((heightPt * d) / 72);
  if (pixelsAt(dpi) <= capPixels) return { action: 'full', dpi };
  const areaM2 = (widthPt / PT_PER_M) * (heightPt / PT_PER_M);
  // The DPI that fits the cap (a hair under, so the rounded-up pixel size fits too).
  const fit = Math.floor(dpi * Math.sqrt(maxPageAreaM2 / areaM2) * 100) / 100;
  if (fit < dpi * MIN_DPI_SHARE || !Number.isFinite(fit)) {
    return { action: 'skip', areaM2, capPixels, neededDpi: fit };
  }
  let d = fit;
  while (pixelsAt(d) > capPixels && d > 1) d -= 0.01;
  return { action: 'scaled', dpi: d, areaM2, capPixels };
}

/** A page rendered under the cap, or the reason it was not; `finding` says so when it was not rendered as asked. */
export interface CappedRender {
  gray: GrayPage | null;
  /** Page size in points (for the empty PageIR of a skipped page). */
  widthPt: number;
  heightPt: number;
  finding?: Finding;
}

/** Render page `n` for OCR at `dpi`, scaled down or skipped per planRender. */
export async function renderCapped(
  doc: PageImages,
  n: number,
  dpi: number,
  maxPageAreaM2: number,
): Promise<CappedRender> {
  const { width, height } = await doc.pageSize(n);
  const plan = planRender(width, height, dpi, maxPageAreaM2);
  const size = `${Math.round(width)}×${Math.round(height)} pt (${fmtArea(plan.action === 'full' ? 0 : plan.areaM2)} m²)`;
  if (plan.action === 'skip') {
    return {
      gray: null,
      widthPt: width,
      heightPt: height,
      finding: finding(
        'ocr.page-skipped',
        { page: n, size, dpi, cap: mpx(plan.capPixels), area: maxPageAreaM2, needed: plan.neededDpi.toFixed(0) },
        { page: n },
      ),
    };
  }
  const gray = await doc.renderGray(n, plan.dpi);
  if (plan.action === 'full') return { gray, widthPt: width, heightPt: height };
  return {
    gray,
    widthPt: width,
    heightPt: height,
    finding: finding(
      'ocr.page-scaled',
      { page: n, size, dpi, used: plan.dpi.toFixed(0), cap: mpx(plan.capPixels), area: maxPageAreaM2 },
      { page: n },
    ),
  };
}

const mpx = (px: number) => (px / 1e6).toFixed(1);
const fmtArea = (m2: number) => (m2 >= 10 ? m2.toFixed(0) : m2.toFixed(2));

/** pdfjs' warning for an image above `maxImageSize`: it leaves the image out, undecoded. */
const IMAGE_TOO_LARGE = /^Image exceeded maximum allowed size and was removed/;

/** The finding for pdfjs' "image too large" warning, or undefined for any other warning. */
export function imageLimitFinding(
  w: { message: string; page: number | null; count: number },
  maxImagePixels: number | undefined,
): Finding | undefined {
  if (!IMAGE_TOO_LARGE.test(w.message)) return undefined;
  // pdfjs warns each time it meets the image (reading the page, rendering it): no count here.
  return finding(
    'ingest.image-skipped',
    { page: w.page, limit: maxImagePixels ? mpx(maxImagePixels) : null },
    w.page !== null ? { page: w.page } : {},
  );
}
