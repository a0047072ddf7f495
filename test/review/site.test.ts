/**
 * The review site in a real browser: headless Chromium (Debian's `chromium`, which .ci/run
 * installs) driven by playwright-core, over the site built from real extractions — a native PDF
 * with one cell misread on purpose (so its identities flag it), a text input and a failed input.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildReviewSite, type ReviewSummary } from '../../src/review/site.js';
import { readManifest } from '../../src/batch/manifest.js';
import { exportCommand } from '../../src/cli/dataset.js';
import { DocumentRecord } from '../../src/schema/record.js';
import { tempDir } from '../helpers/build.js';
import { MISREAD, sample, extractFolder } from '../helpers/misread.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KEY = `${MISREAD.table}|${MISREAD.row}|${MISREAD.column}`;

let out: string;
let site: string;
let summary: ReviewSummary;
let context: BrowserContext;
let page: Page;
let record: DocumentRecord;

const url = (rel: string) => pathToFileURL(join(site, rel)).href;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: the review tests need Debian's chromium (apt-get install -y chromium)`);
  const root = tempDir('review-in');
  writeFileSync(join(root, 'misread.pdf'), sample('pdf/000-clean.pdf'));
  writeFileSync(join(root, 'text.txt'), sample('001_601db7814e7d3dfd.txt'));
  writeFileSync(join(root, 'broken.txt'), 'CORRUPT');
  out = tempDir('review-out');
  await extractFolder(root, out);
  record = DocumentRecord.parse(JSON.parse(readFileSync(join(out, 'misread.json'), 'utf8')));
  site = tempDir('review-site');
  summary = await buildReviewSite(out, site);
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'juesuan-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
      errors.push(`network request: ${r.url()}`);
  });
  (globalThis as { reviewErrors?: string[] }).reviewErrors = errors;
}, 180_000);

afterAll(async () => {
  await context?.close();
});

const errors = () => (globalThis as { reviewErrors?: string[] }).reviewErrors ?? [];

describe('review site in Chromium', () => {
  it('the index lists every document of the manifest, worst first', async () => {
    await page.goto(url('index.html'));
    const rows = await page.$$eval('tr.doc', (trs) => trs.map((tr) => tr.getAttribute('data-document')));
    const outputs = readManifest(out, '').documents.map((e) => e.output);
    expect([...rows].sort()).toEqual([...outputs].sort());
    expect(rows[0]).toBe('broken'); // failed first
    expect(rows[1]).toBe('misread'); // then the one with warnings
    expect(summary.documents).toBe(3);
    expect(summary.pages).toBeGreaterThan(0);
    expect(errors()).toEqual([]);
  });

  it("a flagged cell's outline is on its page at the record's box", async () => {
    await page.goto(url('docs/misread.html'));
    const box = record.tables.find((t) => t.id === MISREAD.table)!.rows.find((r) => r.key === MISREAD.row)!.boxes![
      MISREAD.column
    ] as [number, number, number, number, number];
    const section = page.locator(`section.page#page-${box[0]}`);
    await section.scrollIntoViewIfNeeded();
    const img = section.locator('img');
    // The image has loaded (lazy, so once scrolled to): the outline is checked against it.
    type Img = { complete: boolean; naturalWidth: number };
    await page.waitForFunction(
      (el) => (el as unknown as Img).complete && (el as unknown as Img).naturalWidth > 0,
      await img.elementHandle(),
    );
    const cell = section.locator(`.box.cell.flagged[data-cell="${KEY}"]`);
    expect(await cell.count()).toBe(1);
    const c = (await cell.boundingBox())!;
    const s = (await img.boundingBox())!;
    const w = Number(await section.getAttribute('data-width-pt'));
    const h = Number(await section.getAttribute('data-height-pt'));
    const expected = {
      x: s.x + (box[1] / w) * s.width,
      y: s.y + (box[2] / h) * s.height,
      width: ((box[3] - box[1]) / w) * s.width,
      height: ((box[4] - box[2]) / h) * s.height,
    };
    for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(c[k] - expected[k])).toBeLessThan(1.5);
    // Every read cell of the record on that page is outlined.
    const onPage = record.tables.flatMap((t) =>
      t.rows.flatMap((r) => Object.keys(r.values).filter((col) => r.boxes?.[col]?.[0] === box[0])),
    ).length;
    expect(await section.locator('.box.cell').count()).toBe(onPage);
  });

  it('clicking a finding scrolls to and highlights its cell; n goes to the next flagged cell', async () => {
    await page.goto(url('docs/misread.html'));
    const finding = page.locator(`li.finding[data-key="${KEY}"]`).first();
    expect(await finding.locator('.msg').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await finding.click();
    const cell = page.locator(`.box.cell[data-cell="${KEY}"]`);
    expect(await cell.getAttribute('class')).toContain('hl');
    const b = (await cell.boundingBox())!;
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height).toBeLessThanOrEqual(900);
    expect(await page.locator('#sel-value').textContent()).toContain(MISREAD.read);
    const shot = join(tmpdir(), 'juesuan-review-flagged.png');
    await page.screenshot({ path: shot });
    console.log(`review screenshot: ${shot}`);

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const flagged = await page.locator('.box.cell.flagged').count();
    await page.keyboard.press('n');
    const hl = page.locator('.box.cell.flagged.hl');
    expect(await hl.count()).toBe(1);
    if (flagged > 1) expect(await hl.getAttribute('data-cell')).not.toBe(KEY);
  });

  it('a correction typed and saved downloads a corrections.json that export --corrections applies', async () => {
    await page.goto(url('docs/misread.html'));
    await page.locator(`li.finding[data-key="${KEY}"]`).first().click();
    await page.fill('#reviewer', '审核员甲');
    await page.locator('#reviewer').dispatchEvent('change');
    await page.fill('#sel-input', ` ${MISREAD.printed.replace('.', '．')} `); // full-width point, spaces
    await page.click('#sel-save');
    expect(await page.locator(`.box.cell.corrected[data-cell="${KEY}"]`).count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#corr-download')]);
    expect(download.suggestedFilename()).toBe('corrections.json');
    const file = join(tempDir('dl'), 'corrections.json');
    await download.saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { kind: string; corrections: Record<string, unknown>[] };
    expect(saved.kind).toBe('juesuan-corrections');
    expect(saved.corrections).toHaveLength(1);
    expect(saved.corrections[0]).toMatchObject({
      sha256: record.source.sha256,
      document: 'misread',
      table: MISREAD.table,
      row: MISREAD.row,
      column: MISREAD.column,
      value: MISREAD.printed,
      was: MISREAD.read,
      by: '审核员甲',
    });

    const to = join(tempDir('x'), 'd.jsonl');
    const code = await exportCommand(out, { format: 'jsonl', to, logLevel: 'silent', corrections: [file] });
    expect(code).toBe(0);
    const lines = readFileSync(to, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const cell = lines.find(
      (l) =>
        l.kind === 'cells' &&
        l.document === 'misread' &&
        l.table_id === MISREAD.table &&
        l.row_key === MISREAD.row &&
        l.column_no === Number(MISREAD.column),
    )!;
    expect([cell.value, cell.confidence]).toEqual([MISREAD.printed, 1]);
    const review = lines.find((l) => l.kind === 'findings' && l.check === 'review.corrected')!;
    expect([review.actual, review.expected]).toEqual([MISREAD.read, MISREAD.printed]);
    const doc = lines.find((l) => l.kind === 'documents' && l.document === 'misread')!;
    expect([doc.status, doc.error]).toEqual(['ok', 0]);
    expect(errors()).toEqual([]);
  });

  it('a text input shows its lines with each read cell as a span', async () => {
    await page.goto(url('docs/text.html'));
    const rec = DocumentRecord.parse(JSON.parse(readFileSync(join(out, 'text.json'), 'utf8')));
    const cells = rec.tables.flatMap((t) => t.rows.flatMap((r) => Object.keys(r.values).filter((c) => r.boxes?.[c])));
    expect(await page.locator('pre.text .box.cell').count()).toBe(cells.length);
    const row = rec.tables[0]!.rows.find((r) => r.boxes?.['1'])!;
    const text = await page.locator(`pre.text [data-cell="${rec.tables[0]!.id}|${row.key}|1"]`).textContent();
    expect(text?.replace(/,/g, '')).toBe(row.values['1']);
  });
});
