/**
 * Many small crops recognized in few calls. The crops are stacked one above the other on a white
 * sheet, with gaps wider than a text line so tesseract never joins two crops into one line, read as
 * a block (psm 6), and every word is sent back to the crop whose slot holds its centre. A table page
 * of 60–210 cells takes 3–9 calls instead of one each (a call costs ~8.5 ms before any glyph is
 * read); measured, the page time barely moved, since LSTM work on the label cells dominates, but a
 * cell printed on two lines now reads line by line where a single-line read made it "1".
 */
import type { Gray } from '../image.js';
import type { OcrPool, OcrWord } from './ocr.js';
import { cropGray } from '../image.js';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface StackOptions {
  /** Turns each crop into the image tesseract sees (binarization for a second reading). */
  prepare?: (crop: Gray) => Gray;
  /** Integer factor the prepared crops were enlarged by; boxes are mapped back through it. */
  scale?: number;
  whitelist?: string;
}

/** A crop this many times taller than the sheet's median is shrunk to the median. */
const TALL = 1.4;

/** Does the crop hold a single band of ink rows (no blank row between two lines of text)? */
function oneLine(img: Gray): boolean {
  let bands = 0;
  let inInk = false;
  for (let y = 0; y < img.height; y++) {
    let ink = false;
    for (let x = 0, i = y * img.width; x < img.width && !ink; x++, i++) ink = img.data[i]! < 160;
    if (ink && !inInk) bands++;
    inInk = ink;
  }
  return bands <= 1;
}

/** Area-averaged downscale by `f` < 1. */
function shrink(img: Gray, f: number): Gray {
  const width = Math.max(1, Math.round(img.width * f));
  const height = Math.max(1, Math.round(img.height * f));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy0 = Math.floor(y / f);
    const sy1 = Math.max(sy0 + 1, Math.min(img.height, Math.floor((y + 1) / f)));
    for (let x = 0; x < width; x++) {
      const sx0 = Math.floor(x / f);
      const sx1 = Math.max(sx0 + 1, Math.min(img.width, Math.floor((x + 1) / f)));
      let sum = 0;
      for (let yy = sy0; yy < sy1; yy++) for (let xx = sx0; xx < sx1; xx++) sum += img.data[yy * img.width + xx]!;
      data[y * width + x] = Math.round(sum / ((sy1 - sy0) * (sx1 - sx0)));
    }
  }
  return { data, width, height };
}

/** White margin left of the crops: tesseract misreads glyphs that touch the image edge. */
const MARGIN = 12;
/**
 * Crops per sheet: a table page of 60–210 cells gives 3–9 sheets, enough to keep every worker of
 * the pool busy, and each sheet stays far below tesseract's image limits.
 */
const SLOTS = 24;

/** Words of each box (page pixels), in the order the boxes were given. */
export async function recognizeStacked(
  pool: OcrPool,
  img: Gray,
  boxes: Box[],
  options: StackOptions = {},
): Promise<OcrWord[][]> {
  const out: OcrWord[][] = boxes.map(() => []);
  if (boxes.length === 0) return out;
  // Fixed-size runs in reading order, never sized by the pool: tesseract's reading of a crop
  // depends a little on its sheet-mates, and a record must not depend on the machine's cores.
  const groups: number[][] = [];
  for (let i = 0; i < boxes.length; i += SLOTS) groups.push(boxes.slice(i, i + SLOTS).map((_, k) => i + k));
  await Promise.all(
    groups.map(async (idx) => {
      const words = await recognizeSheet(
        pool,
        img,
        idx.map((i) => boxes[i]!),
        options,
      );
      words.forEach((ws, k) => {
        out[idx[k]!] = ws;
      });
    }),
  );
  return out;
}

async function recognizeSheet(pool: OcrPool, img: Gray, boxes: Box[], options: StackOptions): Promise<OcrWord[][]> {
  const prepared = boxes.map((b) => {
    const c = cropGray(img, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
    return options.prepare ? options.prepare(c) : c;
  });
  // One text size on a sheet: tesseract dropped a bold 15 pt title stacked with 9 pt lines (it
  // reads it alone), so a one-line crop much taller than the sheet's usual one is shrunk to it.
  const usual = [...prepared.map((c) => c.height)].sort((a, b) => a - b)[Math.floor(prepared.length / 2)]!;
  const shrinkBy = prepared.map((c) => (c.height > TALL * usual && oneLine(c) ? usual / c.height : 1));
  const crops = prepared.map((c, k) => (shrinkBy[k]! < 1 ? shrink(c, shrinkBy[k]!) : c));
  const heights = crops.map((c) => c.height).sort((a, b) => a - b);
  // Wider than the usual line so no two crops look like one line, or like one line's ascenders.
  const gap = Math.max(MARGIN, Math.round(heights[Math.floor(heights.length / 2)]! * 0.8));
  const width = Math.max(...crops.map((c) => c.width)) + 2 * MARGIN;
  const tops: number[] = [];
  let y = gap;
  for (const c of crops) {
    tops.push(y);
    y += c.height + gap;
  }
  const sheet: Gray = { width, height: y, data: new Uint8Array(width * y).fill(255) };
  crops.forEach((c, k) => {
    for (let r = 0; r < c.height; r++)
      sheet.data.set(c.data.subarray(r * c.width, (r + 1) * c.width), (tops[k]! + r) * width + MARGIN);
  });

  const words = await pool.recognize(sheet, options.whitelist === undefined ? {} : { whitelist: options.whitelist });
  const out: OcrWord[][] = boxes.map(() => []);
  for (const w of words) {
    const cy = (w.y0 + w.y1) / 2;
    // The slot whose band (crop plus half the gap on each side) holds the word's centre.
    const k = tops.findIndex((t, i) => cy >= t - gap / 2 && cy < t + crops[i]!.height + gap / 2);
    if (k < 0) continue;
    const b = boxes[k]!;
    const s = (options.scale ?? 1) * shrinkBy[k]!;
    const x = (v: number) => (v - MARGIN) / s + b.x0;
    const y = (v: number) => (v - tops[k]!) / s + b.y0;
    out[k]!.push({ ...w, x0: x(w.x0), x1: x(w.x1), y0: y(w.y0), y1: y(w.y1) });
  }
  return out;
}

/**
 * Black and white with the cut near the paper: blurred scans print light, thin strokes, and
 * tesseract's own global threshold breaks them (a blurred `2.71` read as CJK glyphs at confidence 0,
 * binarized it reads `2.71`). The cut sits three quarters of the way from the darkest ink to the
 * paper of this crop, so it adapts to faint and dark prints alike.
 */
export function binarizeNearPaper(img: Gray): Gray {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v]!++;
  const n = img.data.length;
  const quantile = (q: number) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += hist[v]!;
      if (acc >= q * n) return v;
    }
    return 255;
  };
  const ink = quantile(0.02);
  const paper = quantile(0.6);
  if (paper - ink < 40) return img; // no contrast: nothing to cut
  const cut = ink + 0.75 * (paper - ink);
  return { ...img, data: img.data.map((v) => (v > cut ? 255 : 0)) };
}

/** Twice the size, bilinear: small glyphs (a lone 1, a blurred 7) read better with more pixels. */
export function enlarge2(img: Gray): Gray {
  const width = img.width * 2;
  const height = img.height * 2;
  const data = new Uint8Array(width * height);
  const at = (x: number, y: number) =>
    img.data[Math.min(img.height - 1, Math.max(0, y)) * img.width + Math.min(img.width - 1, Math.max(0, x))]!;
  for (let y = 0; y < height; y++) {
    const sy = (y + 0.5) / 2 - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = (x + 0.5) / 2 - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
      const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
      data[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { data, width, height };
}
