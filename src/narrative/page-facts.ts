/**
 * Facts stated in 第一部分 (staff) and 第三部分 (figures), each with the page it was read on: a
 * part's text is its lines joined by newlines, so an offset into it maps back to a line's page.
 */
import type { Line } from '../ir/types.js';
import type { Fact } from '../schema/record.js';
import type { PartSpan } from '../segment/parts.js';
import { extractFacts } from './facts.js';
import { extractStaffFacts } from './staff.js';

export function narrativeFacts(parts: PartSpan[], lines: Line[], unit: string): Fact[] {
  const p1 = parts.find((p) => p.part === 1);
  const p3 = parts.find((p) => p.part === 3);
  return [
    ...(p1 ? extractStaffFacts(p1.text, { pageOf: pageOf(p1, lines) }) : []),
    ...(p3 ? extractFacts(p3.text, { unit, pageOf: pageOf(p3, lines) }) : []),
  ];
}

function pageOf(part: PartSpan, lines: Line[]): (offset: number) => number | null {
  const starts: { at: number; page: number | null }[] = [];
  let at = 0;
  for (const l of lines.slice(part.from, part.to)) {
    starts.push({ at, page: l.page });
    at += l.text.length + 1;
  }
  return (offset) => {
    let page: number | null = null;
    for (const s of starts) {
      if (s.at > offset) break;
      page = s.page;
    }
    return page;
  };
}
