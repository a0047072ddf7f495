/**
 * Opening a PDF with pdfjs-dist (legacy build, the one that runs on Node 20) the same way everywhere:
 * every asset pdfjs may ask for (CMaps for CJK fonts, the 14 standard fonts, the JPX/JBIG2 wasm
 * decoders) comes from the installed package, so nothing is fetched at run time.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

const require = createRequire(import.meta.url);
const PDFJS_ROOT = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** pdfjs reads these as URLs (or paths) and wants the trailing slash. */
function assetDir(name: string): string {
  return pathToFileURL(path.join(PDFJS_ROOT, name)).href.replace(/\/?$/, '/');
}

// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a type-only view of a module loaded lazily
type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfjsModule> | null = null;

/** Load the legacy build once; it is large and its module state (worker port) is process-wide. */
export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

export type { PDFDocumentProxy };

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy so callers keep theirs.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetDir('standard_fonts'),
    wasmUrl: assetDir('wasm'),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  return task.promise;
}
