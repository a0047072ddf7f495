/**
 * Small PDFs with known content for test/ingest/pdf.test.ts (test/fixtures/pdf/). Run:
 *   npx tsx scripts/make-fixture-pdfs.ts
 * The geometry is chosen so the expected rulings and runs can be worked out by hand; the numbers
 * in the test come from the constants below, in pdfkit's top-left point coordinates.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { FONT_PATH } from './make-sample-pdfs-font.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const OUT = path.join(ROOT, 'test/fixtures/pdf');

async function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  doc.end();
  const chunks: Buffer[] = [];
  for await (const c of doc as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

function newDoc(opts: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: [400, 300], margin: 0, info: { CreationDate: new Date(0) }, ...opts });
  doc.font(FONT_PATH).fontSize(10);
  return doc;
}

/**
 * grid.pdf: a 3×3 table at x 40|160|220|340, y 40|70|100|130.
 * - horizontal borders y=40,70,100,130 and the vertical border x=160 are stroked lines;
 * - outer verticals x=40 and x=340 are 0.8pt filled rectangles (centred on the border);
 * - the vertical border x=220 is drawn inside `translate(200,0) scale(0.5)` as x=40, y 80..260;
 * - a line from (40,200) to (340,202.6) is 0.5° off horizontal: snapped to y=201.3;
 * - a diagonal (40,220)→(100,280) is not a ruling.
 */
function grid(): PDFKit.PDFDocument {
  const doc = newDoc();
  const xs = [40, 160, 220, 340];
  const ys = [40, 70, 100, 130];
  doc.lineWidth(0.5);
  for (const y of ys) doc.moveTo(40, y).lineTo(340, y).stroke();
  doc.moveTo(160, 40).lineTo(160, 130).stroke();
  doc.save().translate(200, 0).scale(0.5).moveTo(40, 80).lineTo(40, 260).stroke().restore();
  doc.rect(39.6, 40, 0.8, 90).fill('#000');
  doc.rect(339.6, 40, 0.8, 90).fill('#000');
  doc.moveTo(40, 200).lineTo(340, 202.6).stroke();
  doc.moveTo(40, 220).lineTo(100, 280).stroke();
  const rows = [
    ['项目', '行次', '金额'],
    ['一般公共服务支出', '1', '2,693.88'],
    ['Total 合计', '2', '12,345.60'],
  ];
  rows.forEach((r, i) => {
    const top = ys[i]! + 10;
    doc.text(r[0]!, xs[0]! + 5, top, { lineBreak: false });
    doc.text(r[1]!, xs[1]! + 5, top, { lineBreak: false });
    // amounts right-aligned against the right border, 5pt padding
    doc.text(r[2]!, xs[3]! - 5 - doc.widthOfString(r[2]!), top, { lineBreak: false });
  });
  // A cell without rulings: two words 4pt apart (one space) and a far column (new run).
  doc.text('Line', 40, 150, { lineBreak: false });
  doc.text('item', 40 + doc.widthOfString('Line') + 4, 150, { lineBreak: false });
  doc.text('99.50', 300, 150, { lineBreak: false });
  return doc;
}

function kangxi(): PDFKit.PDFDocument {
  const doc = newDoc();
  doc.text('\u2f00般公共服务\u2f40出', 40, 40, { lineBreak: false });
  doc.text('部\u2ed4', 40, 70, { lineBreak: false });
  return doc;
}

/** Page 1 has text; page 2 carries only an image (a scanned page), page 3 only a drawn box. */
function imageOnly(): PDFKit.PDFDocument {
  const doc = newDoc();
  doc.text('第一页有文字', 40, 40, { lineBreak: false });
  const canvas = createCanvas(200, 100);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, 200, 100);
  ctx.fillStyle = '#000';
  ctx.fillRect(20, 20, 160, 10);
  ctx.fillRect(20, 50, 120, 10);
  doc.addPage({ size: [400, 300], margin: 0 });
  doc.image(canvas.toBuffer('image/png'), 40, 40, { width: 200 });
  doc.addPage({ size: [400, 300], margin: 0 });
  doc.rect(40, 40, 100, 50).stroke();
  return doc;
}

function notAReport(): PDFKit.PDFDocument {
  const doc = newDoc();
  doc.text('Meeting notes 会议纪要', 40, 40, { lineBreak: false });
  doc.text('Nothing here is a final-accounts report.', 40, 70, { lineBreak: false });
  return doc;
}

function simple(opts: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const doc = newDoc(opts);
  doc.text('加密文档 encrypted', 40, 40, { lineBreak: false });
  return doc;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const write = (name: string, bytes: Uint8Array) => {
    writeFileSync(path.join(OUT, name), bytes);
    console.log(`${name}\t${bytes.length} bytes`);
  };
  const gridBytes = await toBuffer(grid());
  write('grid.pdf', gridBytes);
  write('kangxi.pdf', await toBuffer(kangxi()));
  write('image-only.pdf', await toBuffer(imageOnly()));
  write('not-a-report.pdf', await toBuffer(notAReport()));
  write('encrypted-user-password.pdf', await toBuffer(simple({ userPassword: 'secret', ownerPassword: 'owner' })));
  write(
    'encrypted-empty-user-password.pdf',
    await toBuffer(simple({ ownerPassword: 'owner', permissions: { printing: 'highResolution' } })),
  );
  write('zero-bytes.pdf', new Uint8Array(0));
  // Cut inside the content: header present, xref and trailer gone.
  write('truncated.pdf', gridBytes.subarray(0, Math.floor(gridBytes.length * 0.3)));
  write('not-a-pdf.pdf', Buffer.from('<html><body>404 Not Found</body></html>\n'));
}

await main();
