/**
 * One walk of a page's operator list: the drawn paths (table rulings are lines and thin filled
 * rectangles) and every shown glyph with its exact advance box. Part of the pdfjs adapter.
 *
 * Glyphs, not pdfjs text items: `getTextContent` joins neighbouring text runs into one item (a
 * LibreOffice page gives "293.81 一、一般公共服务支出", two cells 4.5 pt apart, as one string), while
 * the operator list keeps every `showText` and each glyph's width, so each glyph's place follows
 * from the text state exactly as the renderer computes it (pdfjs canvas.js `showText`):
 *   text space: x advances by (w × fontSize × fontMatrix[0] + Tc [+ Tw on a space]) × Th, and a TJ
 *   number n moves it by −n / 1000 × fontSize × Th; the glyph is drawn at
 *   viewport × CTM × Tm × (x + Tx, Ty + rise).
 * The text state (Tc, Tw, Th, TL, Tf, rise) is part of the graphics state (saved by q/Q); the text
 * matrix lives from BT to ET.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** A straight piece of a path, after the transform stack and the page transform. */
export interface PdfSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** An axis-aligned filled rectangle (cell borders are often thin filled rectangles). */
export type PdfRect = PdfSegment;

/** One shown glyph in top-left page coordinates. */
export interface PdfGlyph {
  /** Unicode text of the glyph (may be more than one code point, e.g. a ligature); ' ' for a space. */
  str: string;
  /** Advance box along the baseline: where the glyph starts and where the next one would. */
  x0: number;
  x1: number;
  baseline: number;
  /** Box top and bottom from the font's ascent/descent (clamped to a sane em box). */
  top: number;
  bottom: number;
  fontSize: number;
  /** Index of the showText operation: glyphs written by one operation belong together. */
  op: number;
}

/** What the glyph geometry needs of a font. */
export interface FontMetrics {
  /** fontMatrix[0]: glyph-space width units to text space (0.001 for most fonts). */
  widthScale: number;
  ascent: number;
  descent: number;
  vertical: boolean;
}

/** The ideographic em box, used when a font's metrics are missing or implausible. */
const DEFAULT_ASCENT = 0.88;
const DEFAULT_DESCENT = 0.12;

interface TextState {
  fontName: string;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  /** Stored as pdfjs does: T* moves by (0, leading). */
  leading: number;
  rise: number;
}

interface GraphicsState {
  ctm: Matrix;
  text: TextState;
  /** Bounding box of the clipping path in page space; glyphs outside it are not drawn. */
  clip?: PdfRect;
}

const OPS = pdfjs.OPS;
/** DrawOPS codes inside a constructPath buffer (pdfjs ≥ 5.0, commit be1f5671b, 2025-03). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;
const STROKE_OPS = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill]);

/** m1 ∘ m2: apply m2 first, then m1 (pdfjs' `Util.transform` order). */
export function mul(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}
function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}
function toMatrix(a: unknown): Matrix {
  const m = a as ArrayLike<number> | null | undefined;
  return m && m.length === 6 ? (Array.from(m) as Matrix) : IDENTITY;
}

interface RawGlyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

/**
 * Walk an operator list. Since pdfjs 5.0 every path arrives as one `constructPath` op with args
 * `[paintOp, [Float32Array | null], minMax | null]`, where the buffer holds DrawOPS codes followed by
 * their coordinates (`re` is expanded to moveTo + 3 lineTo + closePath). TJ, ' and " arrive as
 * showText (with nextLine / spacing ops before them). Coordinates are in the user space current at
 * each op, so the transform stack is replayed: save/restore/transform and form XObjects
 * (begin = save + matrix, end = restore). Annotation appearance streams are skipped: they are not
 * page content.
 */
export function walkOperators(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  pageTransform: Matrix,
  fontOf: (name: string) => FontMetrics | undefined = () => undefined,
): { segments: PdfSegment[]; filledRects: PdfRect[]; glyphs: PdfGlyph[] } {
  const segments: PdfSegment[] = [];
  const filledRects: PdfRect[] = [];
  const glyphs: PdfGlyph[] = [];
  const stack: GraphicsState[] = [];
  let gs: GraphicsState = {
    ctm: IDENTITY,
    text: { fontName: '', fontSize: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 },
  };
  const clone = (s: GraphicsState): GraphicsState => ({
    ctm: s.ctm,
    text: { ...s.text },
    ...(s.clip ? { clip: s.clip } : {}),
  });
  // W / W* mark the next path as a clip (pdfjs emits the clip op before the path it applies to).
  let pendingClip = false;
  // Text object state (BT … ET).
  let tm: Matrix = IDENTITY;
  let lineX = 0;
  let lineY = 0;
  let x = 0;
  let y = 0;
  let inAnnotation = 0;
  const moveText = (dx: number, dy: number) => {
    x = lineX += dx;
    y = lineY += dy;
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(clone(gs));
        break;
      case OPS.restore:
        gs = stack.pop() ?? gs;
        break;
      case OPS.transform:
        gs.ctm = mul(gs.ctm, toMatrix(args));
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(clone(gs));
        gs.ctm = mul(gs.ctm, toMatrix(args?.[0]));
        break;
      case OPS.paintFormXObjectEnd:
        gs = stack.pop() ?? gs;
        break;
      case OPS.beginAnnotation:
        inAnnotation++;
        break;
      case OPS.endAnnotation:
        inAnnotation = Math.max(0, inAnnotation - 1);
        break;
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.constructPath: {
        if (inAnnotation > 0 || !args) break;
        const paintOp = args[0] as number;
        const buf = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
        if (!buf) break;
        const toPage = mul(pageTransform, gs.ctm);
        if (pendingClip) {
          pendingClip = false;
          const box = pathBox(buf, toPage);
          if (box) gs.clip = gs.clip ? intersect(gs.clip, box) : box;
        }
        if (STROKE_OPS.has(paintOp)) segments.push(...pathSegments(buf, toPage));
        else if (FILL_OPS.has(paintOp)) filledRects.push(...pathRects(buf, toPage));
        break;
      }
      case OPS.beginText:
        tm = IDENTITY;
        x = lineX = 0;
        y = lineY = 0;
        break;
      case OPS.setTextMatrix:
        tm = toMatrix(args?.length === 1 ? args[0] : args);
        x = lineX = 0;
        y = lineY = 0;
        break;
      case OPS.moveText:
        moveText(Number(args?.[0] ?? 0), Number(args?.[1] ?? 0));
        break;
      case OPS.setLeadingMoveText:
        gs.text.leading = Number(args?.[1] ?? 0);
        moveText(Number(args?.[0] ?? 0), Number(args?.[1] ?? 0));
        break;
      case OPS.nextLine:
        moveText(0, gs.text.leading);
        break;
      case OPS.setLeading:
        gs.text.leading = -Number(args?.[0] ?? 0);
        break;
      case OPS.setCharSpacing:
        gs.text.charSpacing = Number(args?.[0] ?? 0);
        break;
      case OPS.setWordSpacing:
        gs.text.wordSpacing = Number(args?.[0] ?? 0);
        break;
      case OPS.setHScale:
        gs.text.hScale = Number(args?.[0] ?? 100) / 100;
        break;
      case OPS.setTextRise:
        gs.text.rise = Number(args?.[0] ?? 0);
        break;
      case OPS.setFont:
        gs.text.fontName = String(args?.[0] ?? '');
        gs.text.fontSize = Number(args?.[1] ?? 0);
        break;
      case OPS.showText: {
        if (inAnnotation > 0) break;
        const list = (args?.[0] ?? []) as (RawGlyph | number)[];
        const font = fontOf(gs.text.fontName);
        const toPage = mul(pageTransform, mul(gs.ctm, tm));
        x += showText(list, gs.text, font, toPage, x, y, i, glyphs, gs.clip);
        break;
      }
      default:
        break;
    }
  }
  return { segments, filledRects, glyphs };
}

/** Emit the glyphs of one showText; returns the advance in text space (already × Th). */
function showText(
  list: (RawGlyph | number)[],
  t: TextState,
  font: FontMetrics | undefined,
  toPage: Matrix,
  x: number,
  y: number,
  op: number,
  out: PdfGlyph[],
  clip: PdfRect | undefined,
): number {
  const size = Math.abs(t.fontSize);
  if (size === 0) return 0;
  const widthScale = size * (font?.widthScale ?? 0.001);
  const ascent = font && font.ascent > 0.5 && font.ascent < 1.5 ? font.ascent : DEFAULT_ASCENT;
  const descent = font && font.descent < 0 && font.descent > -0.5 ? -font.descent : DEFAULT_DESCENT;
  const vertical = font?.vertical === true;
  const base = y + t.rise;
  // The rendered size: the length of the text-space "up" vector through the page transform.
  const scaleY = Math.hypot(toPage[2], toPage[3]);
  let adv = 0;
  for (const g of list) {
    if (typeof g === 'number') {
      // Vertical fonts advance downwards; TJ numbers move against the writing direction.
      adv += ((vertical ? 1 : -1) * g * size) / 1000;
      continue;
    }
    const w = (g.width ?? 0) * widthScale;
    const spacing = (g.isSpace ? t.wordSpacing : 0) + t.charSpacing;
    const str = g.unicode ?? '';
    if (str !== '' && !vertical) {
      const gx0 = x + adv * t.hScale;
      const gx1 = x + (adv + w) * t.hScale;
      const corners = [
        apply(toPage, gx0, base - descent * size),
        apply(toPage, gx1, base - descent * size),
        apply(toPage, gx0, base + ascent * size),
        apply(toPage, gx1, base + ascent * size),
      ];
      const [bx, by] = apply(toPage, gx0, base);
      const [ex] = apply(toPage, gx1, base);
      const ys = corners.map((c) => c[1]);
      // Text clipped away is not printed (Calc draws a long name on across the next cell, clipped).
      const cx = (bx + ex) / 2;
      const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
      const visible =
        !clip || (cx >= clip.x0 - 0.5 && cx <= clip.x1 + 0.5 && cy >= clip.y0 - 0.5 && cy <= clip.y1 + 0.5);
      if (visible)
        out.push({
          // isSpace only says the char code is 32 (word spacing applies); subset fonts put real glyphs
          // there (LibreOffice's Type 1 subsets encode 收 as 32), so the text is the unicode.
          str,
          x0: Math.min(bx, ex),
          x1: Math.max(bx, ex),
          baseline: by,
          top: Math.min(...ys),
          bottom: Math.max(...ys),
          fontSize: size * scaleY,
          op,
        });
    }
    adv += vertical ? w - spacing : w + spacing;
  }
  return adv * t.hScale;
}

/** The bounding box of a path's points in page space (control points included: a safe bound). */
function pathBox(buf: ArrayLike<number>, m: Matrix): PdfRect | undefined {
  const xs: number[] = [];
  const ys: number[] = [];
  const take = (n: number, i: number) => {
    for (let k = 0; k < n; k++) {
      const [x, y] = apply(m, buf[i + 2 * k]!, buf[i + 2 * k + 1]!);
      xs.push(x);
      ys.push(y);
    }
  };
  for (let i = 0; i < buf.length;) {
    const op = buf[i++];
    if (op === DRAW.moveTo || op === DRAW.lineTo) {
      take(1, i);
      i += 2;
    } else if (op === DRAW.curveTo) {
      take(3, i);
      i += 6;
    } else if (op === DRAW.quadraticCurveTo) {
      take(2, i);
      i += 4;
    } else if (op !== DRAW.closePath) break;
  }
  if (xs.length === 0) return undefined;
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function intersect(a: PdfRect, b: PdfRect): PdfRect {
  return { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
}

/** The straight pieces of a path buffer, transformed to page space; curves are skipped. */
function pathSegments(buf: ArrayLike<number>, m: Matrix): PdfSegment[] {
  const out: PdfSegment[] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < buf.length;) {
    const op = buf[i++];
    if (op === DRAW.moveTo) {
      cx = sx = buf[i++]!;
      cy = sy = buf[i++]!;
    } else if (op === DRAW.lineTo) {
      const x = buf[i++]!;
      const y = buf[i++]!;
      out.push(seg(m, cx, cy, x, y));
      cx = x;
      cy = y;
    } else if (op === DRAW.curveTo) {
      i += 4;
      cx = buf[i++]!;
      cy = buf[i++]!;
    } else if (op === DRAW.quadraticCurveTo) {
      i += 2;
      cx = buf[i++]!;
      cy = buf[i++]!;
    } else if (op === DRAW.closePath) {
      if (cx !== sx || cy !== sy) out.push(seg(m, cx, cy, sx, sy));
      cx = sx;
      cy = sy;
    } else {
      break; // unknown code: the format changed; the fixture test catches this
    }
  }
  return out;
}

function seg(m: Matrix, x0: number, y0: number, x1: number, y1: number): PdfSegment {
  const [a, b] = apply(m, x0, y0);
  const [c, d] = apply(m, x1, y1);
  return { x0: a, y0: b, x1: c, y1: d };
}

/**
 * Filled subpaths that are axis-aligned rectangles (4 corners, only straight sides), as boxes in
 * page space. Anything else that is filled (glyph-like shapes, curves) is not a table border.
 */
function pathRects(buf: ArrayLike<number>, m: Matrix): PdfRect[] {
  const out: PdfRect[] = [];
  let pts: [number, number][] = [];
  let curved = false;
  const flush = () => {
    if (!curved && pts.length >= 4 && pts.length <= 5) {
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const distinctX = new Set(xs.map((v) => v.toFixed(2))).size;
      const distinctY = new Set(ys.map((v) => v.toFixed(2))).size;
      if (distinctX <= 2 && distinctY <= 2) {
        out.push({ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
      }
    }
    pts = [];
    curved = false;
  };
  for (let i = 0; i < buf.length;) {
    const op = buf[i++];
    if (op === DRAW.moveTo) {
      flush();
      pts.push(apply(m, buf[i++]!, buf[i++]!));
    } else if (op === DRAW.lineTo) {
      pts.push(apply(m, buf[i++]!, buf[i++]!));
    } else if (op === DRAW.curveTo) {
      i += 6;
      curved = true;
    } else if (op === DRAW.quadraticCurveTo) {
      i += 4;
      curved = true;
    } else if (op === DRAW.closePath) {
      // the closing corner repeats the start; flush happens at the next moveTo or the end
    } else {
      break;
    }
  }
  flush();
  return out;
}
