/**
 * Encoding gray pages for people and for scanned samples (PNG to look at, JPEG to wrap in PDFs).
 * Scripts only: the OCR path itself hands tesseract raw PGM and needs no encoder.
 */
import { createCanvas } from '@napi-rs/canvas';

function grayCanvas(data: Uint8Array, width: number, height: number) {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(width, height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const v = data[i]!;
    img.data[j] = v;
    img.data[j + 1] = v;
    img.data[j + 2] = v;
    img.data[j + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return canvas;
}

export function grayToPng(data: Uint8Array, width: number, height: number): Buffer {
  return grayCanvas(data, width, height).toBuffer('image/png');
}

// Synchronous on purpose: the async `encode` of @napi-rs/canvas runs on a thread while nothing holds
// the temporary canvas, and a collection in between crashed the process (SIGSEGV, 3 runs in 4).
export function grayToJpeg(data: Uint8Array, width: number, height: number, quality: number): Buffer {
  return grayCanvas(data, width, height).toBuffer('image/jpeg', quality);
}
