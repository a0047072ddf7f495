import { readFileSync, writeFileSync } from 'node:fs';
import { openPdf } from '../../src/ingest/pdfjs-load.js';
import { renderPageGray, toPgm } from '../../src/ingest/render.js';
const doc = await openPdf(readFileSync('/work/shared/realworld/putuo-social-2024.pdf'));
console.log('pages', doc.numPages);
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const tc = await page.getTextContent();
  const s = tc.items.map((i: any) => i.str).join('').slice(0, 60);
  console.log(p, tc.items.length, s);
}
for (const p of [5]) {
  const t = Date.now();
  const g = await renderPageGray(doc, p, 300);
  console.log('render', p, g.width, g.height, Date.now() - t, 'ms');
  writeFileSync(`/tmp/ocr-p${p}.pgm`, toPgm(g.data, g.width, g.height));
}
import { grayToPng } from '../lib/image-io.js';
{
  const g = await renderPageGray(doc, 5, 100);
  writeFileSync('/tmp/ocr-p5.png', grayToPng(g.data, g.width, g.height));
}
