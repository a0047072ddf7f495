/**
 * Seed text + golden JSON → blocks. Each golden table's span in the seed text (title and preamble
 * around its 公开NN表 line, then the body up to its 注 line) is replaced by a table drawn from the
 * golden; the text in between (narrative, other tables) goes through parseSeed as before. Works for
 * tab-separated seeds and space-separated ones (003) alike, since the table body is never read.
 */
import { parseSeed, type Block } from './seed.js';
import { goldenGrid, type Golden } from './golden.js';

const META = /部[门⻔][:：]|年度|单位[:：]/;
const NOTE = /^\s*注[:：1１]/;
const PART_HEADING = /^第[一二三四五]部分/;
const PAGE_FOOTER = /^\s*—\s*\d+\s*—\s*$/;

interface Span {
  id: string;
  start: number;
  bodyStart: number;
  end: number;
  preamble: string[];
}

function isTitleLine(t: string): boolean {
  return (
    t.length > 0 && t.length <= 40 && !t.includes('\t') && !t.includes('。') && !PART_HEADING.test(t) && !NOTE.test(t)
  );
}

function findSpans(lines: string[], golden: Golden): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (const t of golden.tables) {
    const marker = new RegExp(`公开\\s*${t.id}\\s*表`);
    let m = -1;
    for (let i = from; i < lines.length; i++) {
      if (!marker.test(lines[i]!)) continue;
      // The table itself, not a mention in the 目录: a unit line follows within a few lines.
      if (lines.slice(i, i + 10).some((l) => /单位[:：]/.test(l))) {
        m = i;
        break;
      }
    }
    if (m < 0) throw new Error(`公开${t.id}表 not found in the seed text`);
    // Backward: meta lines (部门, 年度, 单位), then one title line.
    let start = m;
    for (let j = m - 1; j >= from; j--) {
      const s = lines[j]!.trim();
      if (!s) continue;
      if (META.test(s) && !s.includes('\t') && s.length <= 60) {
        start = j;
        continue;
      }
      if (isTitleLine(s)) start = j;
      break;
    }
    // Forward: meta lines up to the body.
    let bodyStart = m + 1;
    for (let j = m + 1; j < lines.length; j++) {
      const s = lines[j]!.trim();
      if (!s) {
        bodyStart = j + 1;
        continue;
      }
      if (META.test(s) && !s.includes('\t') && s.length <= 60) {
        bodyStart = j + 1;
        continue;
      }
      break;
    }
    let end = bodyStart;
    while (end < lines.length && !NOTE.test(lines[end]!)) end++;
    if (end === lines.length) throw new Error(`公开${t.id}表 has no 注 line`);
    const preamble = lines
      .slice(start, bodyStart)
      .map((l) => l.trim())
      .filter((l) => l && !PAGE_FOOTER.test(l));
    spans.push({ id: t.id, start, bodyStart, end, preamble });
    from = end;
  }
  return spans;
}

export function seedBlocks(text: string, golden: Golden): Block[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => !PAGE_FOOTER.test(l));
  const spans = findSpans(lines, golden);
  // Structurally empty cells of 09, as this seed prints them.
  const s09 = spans.find((s) => s.id === '09');
  const t09 = s09 ? lines.slice(s09.bodyStart, s09.end).join('\n') : '';
  const dash09 = t09.includes('——') ? '——' : t09.includes('---') ? '---' : null;
  const blocks: Block[] = [];
  let at = 0;
  for (const s of spans) {
    blocks.push(...parseSeed(lines.slice(at, s.start).join('\n')));
    const table = golden.tables.find((t) => t.id === s.id)!;
    const seedText = lines.slice(s.bodyStart, s.end).join('\n');
    const amountWord = /决算数/.test(seedText) ? '决算数' : '金额';
    const grid = goldenGrid(table, { dash09, amountWord });
    blocks.push({ kind: 'table', id: s.id, preamble: s.preamble, header: grid.header, body: grid.body });
    at = s.end;
  }
  blocks.push(...parseSeed(lines.slice(at).join('\n')));
  return blocks;
}
