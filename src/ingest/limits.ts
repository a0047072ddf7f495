/**
 * Size limits of one input (issue 12): what a single document may cost before it is refused or
 * cut down, so a worker's memory stays bounded whatever the file claims. All are per document and
 * have CLI flags (README, "Limits").
 *
 * - `maxInputBytes`: any input file above it is refused (`TooLarge`) before it is read. A PDF is
 *   held twice while read (our bytes and pdfjs' copy), so 256 MB stays well inside a worker's budget;
 *   published reports are a few MB, scanned ones rarely past 100 MB.
 * - `maxTextBytes`: a text input above it is refused (`TooLarge`). The text path builds line and
 *   run objects per token: measured ~110 MB of RSS per MB of dense text ("1 2 3 …", 907 MB peak for
 *   8 MB), ~20 MB per MB of a real report; a 200 MB dump ran the worker out of memory. Reports are
 *   about 50 KB as text, so 8 MB refuses nothing real.
 * - `maxImagePixels`: a PDF image above it (width × height) is not decoded (pdfjs' `maxImageSize`);
 *   decoding one costs up to ~8 bytes a pixel (RGBA, the canvas it is drawn from, its scaled copies).
 * - `maxPageArea`: the largest page, in m², rendered at the full OCR resolution; the render cap in
 *   pixels is this area at the DPI (render-cap.ts). A2 = 0.25 m² by default: 15.5 Mpx at 200 dpi.
 */
import { ExtractionError } from '../errors.js';

export interface IngestLimits {
  maxInputBytes: number;
  maxTextBytes: number;
  maxImagePixels: number;
  /** m² (A0 = 1, A2 = 0.25, A4 = 0.0625). */
  maxPageArea: number;
}

export const MB = 1024 * 1024;

export const DEFAULT_LIMITS: IngestLimits = {
  maxInputBytes: 256 * MB,
  maxTextBytes: 8 * MB,
  maxImagePixels: 100_000_000,
  maxPageArea: 0.25,
};

export function withDefaults(limits: Partial<IngestLimits> | undefined): IngestLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

export type InputFormat = 'pdf' | 'text';

/** How an input is read: as a PDF when its first KB holds `%PDF-` or its name ends in .pdf. */
export function inputFormat(path: string, head: Uint8Array): InputFormat {
  const text = new TextDecoder('latin1').decode(head.subarray(0, 1024));
  return text.includes('%PDF-') || /\.pdf$/i.test(path) ? 'pdf' : 'text';
}

/** A size for a message: `300 MB`, `8.0 MB`, `1 KB`. */
const mb = (bytes: number): string =>
  bytes < MB ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;

/** The refusal of an input of `size` bytes, or undefined when it is within the limits. */
export function sizeRefusal(format: InputFormat, size: number, limits: IngestLimits): ExtractionError | undefined {
  if (size > limits.maxInputBytes) {
    return new ExtractionError(
      'TooLarge',
      `file of ${mb(size)} is above the input limit of ${mb(limits.maxInputBytes)} (--max-input-mb); not read`,
    );
  }
  if (format === 'text' && size > limits.maxTextBytes) {
    return new ExtractionError(
      'TooLarge',
      `text file of ${mb(size)} is above the text limit of ${mb(limits.maxTextBytes)} (--max-text-mb); not read`,
    );
  }
  return undefined;
}
