/**
 * pdfjs' canvas factory for Node, with the canvases kept for reuse (issue 12). Every
 * @napi-rs/canvas canvas holds ~0.2 MB of native memory until V8 collects its JS wrapper, and V8
 * does not know that memory is there: a run over blank pages (no JS garbage, so no GC) grew by
 * that much per page, ~400 MB over 2,000 pages. Here a destroyed canvas is shrunk to 1×1 (its
 * pixels freed at once) and kept; the next `create` of this thread resizes it and resets its
 * context, so a document of any length makes a handful of canvases in all.
 *
 * Handed to pdfjs as `getDocument({ CanvasFactory })`; the contract is pdfjs' BaseCanvasFactory
 * (create / reset / destroy of `{canvas, context}`).
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';

interface CanvasAndContext {
  canvas: Canvas | null;
  context: SKRSContext2D | null;
}

/** Idle canvases kept per thread; pdfjs rarely holds more than a few at once. */
const MAX_IDLE = 8;
const idle: Canvas[] = [];

export class PooledCanvasFactory {
  // pdfjs passes `{ enableHWA }`; there is no hardware acceleration in Node.
  constructor(_options?: unknown) {}

  create(width: number, height: number): CanvasAndContext {
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    const canvas = idle.pop();
    if (!canvas) {
      const fresh = createCanvas(width, height);
      return { canvas: fresh, context: fresh.getContext('2d') };
    }
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    // Resizing resets only part of the state in @napi-rs/canvas (fillStyle survives): reset it all.
    context.reset();
    return { canvas, context };
  }

  reset(entry: CanvasAndContext, width: number, height: number): void {
    if (!entry.canvas) throw new Error('Canvas is not specified');
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    entry.canvas.width = width;
    entry.canvas.height = height;
    entry.canvas.getContext('2d').reset();
  }

  destroy(entry: CanvasAndContext): void {
    const { canvas } = entry;
    if (!canvas) throw new Error('Canvas is not specified');
    // 1×1, not 0×0: @napi-rs/canvas takes a 0 as "default" and keeps a 350×150 surface.
    canvas.width = 1;
    canvas.height = 1;
    if (idle.length < MAX_IDLE) idle.push(canvas);
    entry.canvas = null;
    entry.context = null;
  }
}
