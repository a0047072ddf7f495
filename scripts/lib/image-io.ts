/**
 * Encoding gray pages for people and for scanned samples (PNG to look at, JPEG to wrap in PDFs).
 * Scripts only: the OCR path itself hands tesseract raw PGM and needs no encoder.
 */
import { createCanvas } from '@napi-rs/canvas';

// libjpeg-turbo's SIMD encoder inside @napi-rs/canvas 0.1.100 segfaults on some CPUs (an AMD EPYC
// with AVX-512 here) for noisy pages, such as the scans made at test time; its portable C path does
// not. It reads this variable at the first encode, from the process's environment.
process.env.JSIMD_FORCENONE ??= '1';

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

// Synchronous too: the async `encode` ran on a thread while nothing held the temporary canvas, and
// that crashed as well (SIGSEGV in 3 runs of 4 here; none once the canvas was held or encoded here).
export function grayToJpeg(data: Uint8Array, width: number, height: number, quality: number): Buffer {
  return grayCanvas(data, width, height).toBuffer('image/jpeg', quality);
}
