import { describe, it, expect } from 'vitest';
import { imageLimitFinding, planRender, renderCapPixels, renderCapped } from '../../src/ingest/pdf/render-cap.js';
import { PooledCanvasFactory } from '../../src/ingest/pdf/canvas-pool.js';
import type { GrayPage, PageImages } from '../../src/ingest/image.js';

const A2 = 0.25;

describe('render-size cap (issue 12, case 3)', () => {
  it('is the maximum page area at the DPI: A2 at 200 dpi is 15.5 Mpx', () => {
    expect(renderCapPixels(200, A2)).toBe(15_500_031);
  });

  it('renders pages up to A2 at full resolution', () => {
    expect(planRender(595, 842, 200, A2)).toEqual({ action: 'full', dpi: 200 }); // A4
    expect(planRender(1191, 1684, 200, A2)).toEqual({ action: 'full', dpi: 200 }); // A2
    expect(planRender(1684, 1191, 200, A2)).toEqual({ action: 'full', dpi: 200 }); // A2 landscape
  });

  it('scales a larger page down to the cap while that keeps half the DPI', () => {
    const p = planRender(2000, 2800, 200, A2);
    expect(p.action).toBe('scaled');
    if (p.action !== 'scaled') return;
    expect(p.dpi).toBeGreaterThanOrEqual(100);
    expect(p.dpi).toBeLessThan(120);
    expect(Math.ceil((2000 * p.dpi) / 72) * Math.ceil((2800 * p.dpi) / 72)).toBeLessThanOrEqual(p.capPixels);
  });

  it('skips a page that would need less than half the DPI (5800 pt, 20000 pt)', () => {
    for (const side of [5800, 20000]) {
      const p = planRender(side, side, 200, A2);
      expect(p.action).toBe('skip');
    }
    expect(planRender(5800, 5800, 200, A2)).toMatchObject({ areaM2: expect.closeTo(4.19, 2) });
  });

  it('renderCapped asks for the capped DPI and says so in a finding, or renders nothing', async () => {
    const asked: [number, number][] = [];
    const sizes = new Map([
      [1, { width: 595, height: 842 }],
      [2, { width: 2000, height: 2800 }],
      [3, { width: 5800, height: 5800 }],
    ]);
    const doc: PageImages = {
      numPages: 3,
      pageSize: (n) => Promise.resolve(sizes.get(n)!),
      renderGray: (n, dpi) => {
        asked.push([n, dpi]);
        const { width, height } = sizes.get(n)!;
        return Promise.resolve({
          page: n,
          width: 1,
          height: 1,
          data: new Uint8Array(1),
          scale: dpi / 72,
          widthPt: width,
          heightPt: height,
        } satisfies GrayPage);
      },
    };
    const [a4, big, huge] = await Promise.all([1, 2, 3].map((n) => renderCapped(doc, n, 200, A2)));
    expect(a4!.finding).toBeUndefined();
    expect(big!.finding).toMatchObject({ level: 'warn', stage: 'ocr', check: 'ocr.page-scaled', page: 2 });
    expect(big!.finding!.message).toMatch(
      /按 1\d\d dpi 而非 200 dpi 做 OCR：2000×2800 pt .* 超过渲染上限 15\.5 Mpx（--max-page-area 0\.25 m²）/,
    );
    expect(huge!.gray).toBeNull();
    expect(huge!.finding).toMatchObject({ check: 'ocr.page-skipped', page: 3 });
    expect(asked.map(([n]) => n)).toEqual([1, 2]); // the 5800 pt page is never rendered
  });

  it('names the image limit when pdfjs left an image undecoded', () => {
    const f = imageLimitFinding(
      { message: 'Image exceeded maximum allowed size and was removed.', page: 4, count: 2 },
      100e6,
    );
    expect(f).toMatchObject({ check: 'ingest.image-skipped', page: 4 });
    expect(f!.message).toBe('图像（首见于第 4 页）未解码：超过图像上限 100.0 Mpx（--max-image-mpx）');
    expect(imageLimitFinding({ message: 'TT: undefined function', page: 1, count: 1 }, 100e6)).toBeUndefined();
  });
});

describe('pooled canvas factory (issue 12, case 2)', () => {
  it('reuses destroyed canvases, shrunk to 1×1 meanwhile, with their state reset', () => {
    const f = new PooledCanvasFactory();
    const a = f.create(50, 40);
    const canvas = a.canvas!;
    a.context!.fillStyle = '#ff0000';
    a.context!.translate(5, 5);
    f.destroy(a);
    expect([canvas.width, canvas.height]).toEqual([1, 1]);
    expect(a.canvas).toBeNull();
    const b = f.create(30, 20);
    expect(b.canvas).toBe(canvas);
    expect([canvas.width, canvas.height]).toEqual([30, 20]);
    expect(b.context!.fillStyle).toBe('#000000');
    expect(b.context!.getTransform().isIdentity).toBe(true);
    f.destroy(b);
  });
});
