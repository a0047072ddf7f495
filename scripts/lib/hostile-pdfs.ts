/**
 * Hostile PDFs made on the fly, for the hostile-input tests and `npm run bench` (issue 12): nothing
 * large is committed, and each file is a few hundred bytes to a few hundred KB however many pages
 * or pixels it claims.
 *
 * - `blankPagesPdf`: N pages of a given size in points and nothing on them (every page is OCR'd in
 *   `--ocr auto`: no text layer);
 * - `scannedPdf`: N pages, each one full-page gray JPEG of a ruled table with ink in a few cells
 *   (a scan, as offices publish them); `distinctImages` images are drawn in turn, so pdfjs decodes
 *   images page after page rather than once;
 * - `hugeImagePdf`: one A4 page drawing a `side`×`side` gray image whose Flate stream holds side²
 *   zero bytes in a few hundred KB (a decompression bomb for any reader that decodes it), written
 *   byte by byte because no PDF library would build it without allocating the pixels.
 */
import { deflateRawSync, constants } from 'node:zlib';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';

export async function blankPagesPdf(pages: number, widthPt = 595, heightPt = 842): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([widthPt, heightPt]);
  return doc.save({ useObjectStreams: false });
}

/** A gray "scan" of a ruled table at `dpi` (JPEG), `seed` moving the inked cells. */
export async function scanJpeg(seed: number, dpi = 200, widthPt = 595, heightPt = 842): Promise<Buffer> {
  const w = Math.round((widthPt * dpi) / 72);
  const h = Math.round((heightPt * dpi) / 72);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f4f4f4';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#202020';
  const s = dpi / 72;
  // A heading: a row of glyph-sized blots above the table.
  for (let i = 0; i < 12; i++) ctx.fillRect((150 + i * 16) * s, 60 * s, 11 * s, 11 * s);
  const rows = 24;
  const cols = 5;
  const x0 = 50 * s;
  const y0 = 100 * s;
  const cw = ((widthPt - 100) * s) / cols;
  const rh = 26 * s;
  for (let r = 0; r <= rows; r++) ctx.fillRect(x0, y0 + r * rh, cols * cw, Math.max(1, s));
  for (let c = 0; c <= cols; c++) ctx.fillRect(x0 + c * cw, y0, Math.max(1, s), rows * rh);
  // Ink in a few cells (three "digits" each), the rest empty.
  for (let k = 0; k < 4; k++) {
    const r = (seed * 7 + k * 5) % rows;
    const c = 1 + ((seed + k) % (cols - 1));
    for (let d = 0; d < 3; d++) ctx.fillRect(x0 + c * cw + (10 + d * 9) * s, y0 + r * rh + 8 * s, 6 * s, 11 * s);
  }
  return canvas.encode('jpeg', 75);
}

export async function scannedPdf(pages: number, distinctImages = 4): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const images = [];
  for (let i = 0; i < Math.min(pages, distinctImages); i++) images.push(await doc.embedJpg(await scanJpeg(i)));
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595, 842]);
    page.drawImage(images[i % images.length]!, { x: 0, y: 0, width: 595, height: 842 });
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * A zlib stream inflating to `n` zero bytes, built without allocating them: one raw-deflate chunk
 * of zeros, sync-flushed so it ends on a byte boundary, is repeated (its back-references only ever
 * reach zeros), then a final empty block and the Adler-32 of n zeros (a = 1, b = n mod 65521).
 */
export function zerosZlib(n: number): Buffer {
  const chunkLen = 1 << 20;
  const chunk = deflateRawSync(Buffer.alloc(chunkLen), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const full = Math.floor(n / chunkLen);
  const rest = n - full * chunkLen;
  const parts: Buffer[] = [Buffer.from([0x78, 0xda])];
  for (let i = 0; i < full; i++) parts.push(chunk);
  if (rest > 0) parts.push(deflateRawSync(Buffer.alloc(rest), { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));
  parts.push(Buffer.from([0x03, 0x00])); // final block, fixed Huffman, end-of-block only
  const b = n % 65521;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | 1) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

/** One A4 page painting a side×side 8-bit gray image that inflates to side² bytes. */
export function hugeImagePdf(side: number): Uint8Array {
  const image = zerosZlib(side * side);
  const content = Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q\n', 'latin1');
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    ),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray ` +
          `/BitsPerComponent 8 /Filter /FlateDecode /Length ${image.length} >>\nstream\n`,
      ),
      image,
      Buffer.from('\nendstream'),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let pos = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(pos);
    parts.push(obj);
    pos += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n'];
  for (const o of offsets) xref.push(`${String(o).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${pos}\n%%EOF\n`);
  parts.push(Buffer.from(xref.join(''), 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
