import { readFileSync } from 'node:fs';

/**
 * Test-only access to the seed reports. The lead's pipeline folds glyphs and segments parts; here a
 * local fold (NFKC over the Kangxi block plus the radical-supplement glyphs seed 003 uses) and a
 * body-not-TOC search for 第三部分 stand in for it.
 */
const SEEDS = new URL('../../samples/', import.meta.url);

const SUPPLEMENT: Record<string, string> = {
  '⻔': '门',
  '⺠': '民',
  '⻅': '见',
  '⻓': '长',
  '⻛': '风',
  '⻝': '食',
  '⻘': '青',
  '⻋': '车',
  '⻬': '齐',
  '⻚': '页',
  '⻄': '西',
};

export function fold(text: string): string {
  return text.replace(/[\u2F00-\u2FDF\u2E80-\u2EFF]/gu, (ch) => SUPPLEMENT[ch] ?? ch.normalize('NFKC'));
}

export function seed(prefix: string): string {
  const names: Record<string, string> = {
    '000': '000_d920656d4c30e573.txt',
    '001': '001_601db7814e7d3dfd.txt',
    '002': '002_a838d3b4e8b3980b.txt',
    '003': '003_a3f56a15a6024790.txt',
    '004': '004_bcb08b1b25316800.txt',
  };
  return fold(readFileSync(new URL(names[prefix] ?? prefix, SEEDS), 'utf8'));
}

/**
 * Text of one part. The 目录 lists every heading first, so take the heading occurrence with the longest
 * run of text before the next part's heading: the TOC entry is followed at once by the next entry.
 */
export function partText(text: string, n: 1 | 2 | 3): string {
  const here = '一二三'[n - 1];
  const next = '二三四'[n - 1];
  const starts = [...text.matchAll(new RegExp(`^\\s*第${here}部分[^\\n]*$`, 'gm'))].map((m) => m.index);
  let best = '';
  for (const at of starts) {
    const rest = text.slice(at);
    const end = rest.search(new RegExp(`\\n\\s*第${next}部分`));
    const body = end < 0 ? rest : rest.slice(0, end);
    if (body.length > best.length) best = body;
  }
  return best;
}
