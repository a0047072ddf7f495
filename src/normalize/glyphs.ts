/**
 * Text normalization for the normalize stage: glyph folding, odd spaces, full-width numbers.
 *
 * Each function is narrow on purpose. NFKC over the whole text would also turn the full-width
 * brackets and punctuation of Chinese prose (（室）, ：, ，) into ASCII, and those must survive;
 * so NFKC runs only on the Kangxi Radicals block, and everything else is explicit data.
 * All regexes and lookups are built once, at module load; every pass is linear in the text.
 */
import { RADICAL_SUPPLEMENT_FOLD } from './fold-table.js';

export interface FoldResult {
  text: string;
  /** Number of code points changed by glyph folding (Kangxi + radical supplement). */
  folds: number;
}

export interface NormalizeOptions {
  /** Fold radical glyphs to unified ideographs (default true); false is the off switch. */
  foldGlyphs?: boolean;
}

const KANGXI_LO = 0x2f00;
const KANGXI_HI = 0x2fdf;

/**
 * One lookup for both blocks: the reviewed supplement table, plus NFKC of every Kangxi radical
 * (NFKC is right for all 214 of them, so they need no table). Unassigned code points, whose NFKC
 * is themselves, stay out of the map and so are not counted as folds.
 */
const GLYPH_FOLD: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>(RADICAL_SUPPLEMENT_FOLD);
  for (let cp = KANGXI_LO; cp <= KANGXI_HI; cp++) {
    const ch = String.fromCodePoint(cp);
    const folded = ch.normalize('NFKC');
    if (folded !== ch) map.set(ch, folded);
  }
  return map;
})();

// Both blocks are in the BMP, so no `u` flag is needed (and matching is faster without it).
const RADICAL_RE = /[\u2E80-\u2FDF]/g;

/** Folds Kangxi radicals (NFKC on U+2F00–U+2FDF only) and CJK radical-supplement glyphs. */
export function foldGlyphs(text: string): FoldResult {
  let folds = 0;
  const out = text.replace(RADICAL_RE, (ch) => {
    const folded = GLYPH_FOLD.get(ch);
    if (folded === undefined) return ch;
    folds++;
    return folded;
  });
  return { text: out, folds };
}

/**
 * Spaces that PDF text layers and Word exports scatter through text. Each becomes one ASCII space
 * (so column positions in space-separated lines keep their count); zero-width characters and the
 * BOM are removed. \t, \n, \r are never touched: tabs separate table cells downstream.
 *   U+00A0 NBSP, U+2000–U+200A (en/em quads and spaces, thin, hair, figure, punctuation),
 *   U+202F narrow NBSP, U+205F medium mathematical space, U+3000 ideographic space.
 *   Removed: U+200B–U+200D (zero-width space, non-joiner, joiner), U+2060 word joiner, U+FEFF.
 */
const SPACE_RE = /[\u00A0\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]/g;
const ZERO_WIDTH = new Set(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']);

/** Odd spaces → ' ', zero-width characters removed; tabs and line breaks kept. */
export function normalizeSpaces(text: string): string {
  return text.replace(SPACE_RE, (ch) => (ZERO_WIDTH.has(ch) ? '' : ' '));
}

/** Candidates: full-width digits, comma, full stop, hyphen-minus, and U+2212 MINUS SIGN. */
const NUMBER_CHAR_RE = /[\uFF0C-\uFF0E\uFF10-\uFF19\u2212]/g;

/** ASCII or full-width digit at index i (false past either end). */
function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i); // NaN out of range: both tests false
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/**
 * Decides one candidate from its neighbours (the regex only finds candidates, so the scan stays
 * a single linear pass with no lookaround at every position):
 * - a full-width digit becomes ASCII anywhere;
 * - ， is a thousands separator only after a digit and before exactly three digits
 *   (so `１，２` in a list and `2022，2023` stay as they are);
 * - ． is a decimal point only between two digits;
 * - － or − is a minus only right before a digit.
 */
function asciiNumberChar(ch: string, at: number, s: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xfee0);
  if (c === 0xff0c) {
    const group =
      isDigitAt(s, at - 1) &&
      isDigitAt(s, at + 1) &&
      isDigitAt(s, at + 2) &&
      isDigitAt(s, at + 3) &&
      !isDigitAt(s, at + 4);
    return group ? ',' : ch;
  }
  if (c === 0xff0e) return isDigitAt(s, at - 1) && isDigitAt(s, at + 1) ? '.' : ch;
  return isDigitAt(s, at + 1) ? '-' : ch; // U+FF0D or U+2212
}

/**
 * Full-width digits → ASCII everywhere; full-width comma, full stop and minus → ASCII only where
 * they are part of a number (`２，６９３．８８` → `2,693.88`, `－５` → `-5`). The same characters
 * in prose (`（一）`, `，` between words, `1，2` in a list) are left alone.
 */
export function normalizeNumbers(text: string): string {
  return text.replace(NUMBER_CHAR_RE, asciiNumberChar);
}

/**
 * The whole normalize-stage text pass: spaces, then glyph folding (unless turned off), then
 * numbers. `folds` is 0 when folding is off.
 */
export function normalizeText(text: string, opts: NormalizeOptions = {}): FoldResult {
  const spaced = normalizeSpaces(text);
  const folded = opts.foldGlyphs === false ? { text: spaced, folds: 0 } : foldGlyphs(spaced);
  return { text: normalizeNumbers(folded.text), folds: folded.folds };
}
