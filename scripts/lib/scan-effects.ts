/**
 * What a scanner and a photocopier do to a page, applied to gray pixels, reproducibly (seeded):
 * a slight turn, a soft blur, sensor noise. JPEG compression is applied when the page is encoded.
 */
import { rotateGray } from '../../src/ingest/ocr/deskew.js';
import type { Gray } from '../../src/ingest/image.js';

/** mulberry32: a tiny seeded PRNG, so regenerated samples are byte-identical. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Separable [1 2 1]/4 kernel: about the softening of a 200-dpi office scan. */
export function blur3(img: Gray): Gray {
  const { width, height, data } = img;
  const tmp = new Float32Array(width * height);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const l = data[x > 0 ? i - 1 : i]!;
      const r = data[x < width - 1 ? i + 1 : i]!;
      tmp[i] = (l + 2 * data[i]! + r) / 4;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const u = tmp[y > 0 ? i - width : i]!;
      const d = tmp[y < height - 1 ? i + width : i]!;
      out[i] = Math.round((u + 2 * tmp[i]! + d) / 4);
    }
  }
  return { data: out, width, height };
}

/** Gaussian noise of `sigma` gray levels (Box–Muller), clamped. */
export function addNoise(img: Gray, sigma: number, rand: () => number): Gray {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) {
    const n = Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
    out[i] = Math.max(0, Math.min(255, Math.round(img.data[i]! + sigma * n)));
  }
  return { data: out, width: img.width, height: img.height };
}

export interface ScanParams {
  /** Degrees, positive turns the content clockwise; |angle| ≤ 1. */
  angle: number;
  noiseSigma: number;
}

export function scanEffects(img: Gray, params: ScanParams, rand: () => number): Gray {
  return addNoise(blur3(rotateGray(img, params.angle)), params.noiseSigma, rand);
}
