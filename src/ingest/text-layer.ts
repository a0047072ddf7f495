/**
 * Whether a page's text layer is usable. A scanned page has no text at all; a PDF whose fonts lack
 * a ToUnicode map often yields only U+FFFD or private-use code points. Either way the page needs OCR.
 */

/** Replacement char, private-use areas (BMP and planes 15–16), C0/C1 controls. */
const GARBAGE = /[\ufffd\ue000-\uf8ff\u{f0000}-\u{10ffff}\u0000-\u001f\u007f-\u009f]/u;

/**
 * Usable when at least one visible character is meaningful and meaningful characters are not
 * outnumbered by garbage ones (a few stray PUA bullets on a real page are fine).
 */
export function hasUsableText(text: string): boolean {
  let good = 0;
  let bad = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    if (GARBAGE.test(ch)) bad++;
    else good++;
  }
  return good > 0 && bad <= good;
}
