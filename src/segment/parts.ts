import type { Line } from '../ir/types.js';
import type { Part } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import { compactCjk, squash } from '../text/compact.js';
import { finding } from '../findings/catalogue.js';

/**
 * 第一部分 … 第五部分 in the body. Reports often list all five in a 目录 first; the body is the last
 * run of headings in ascending order, so every time the part number fails to increase we start over.
 */
const HEADING = /^第([一二三四五])部分(.*)$/;
const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };

export interface PartSpan extends Part {
  /** Index range into the line array handed to `findParts` (end exclusive). */
  from: number;
  to: number;
}

interface Heading {
  part: number;
  at: number;
  title: string;
}

export function findParts(lines: Line[]): { parts: PartSpan[]; findings: Finding[] } {
  const headings: Heading[] = [];
  lines.forEach((l, at) => {
    const m = HEADING.exec(squash(l.text));
    if (!m || !m[1]) return;
    headings.push({ part: NUM[m[1]]!, at, title: headingTitle(lines, at, l.text) });
  });
  let body: Heading[] = [];
  for (const h of headings) {
    const last = body[body.length - 1];
    if (last && h.part <= last.part) body = [];
    body.push(h);
  }
  // A 目录 that lists parts with nothing between them is not the body: require text between headings
  // unless it is the only run we have.
  const parts: PartSpan[] = body.map((h, i) => {
    const to = body[i + 1]?.at ?? lines.length;
    const span = lines.slice(h.at, to);
    const pages = span.map((l) => l.page).filter((p): p is number => p !== null);
    return {
      part: h.part,
      title: h.title,
      from: h.at,
      to,
      pageStart: pages.length ? Math.min(...pages) : null,
      pageEnd: pages.length ? Math.max(...pages) : null,
      text: span.map((l) => l.text).join('\n'),
    };
  });
  const findings: Finding[] = [];
  for (let p = 1; p <= 5; p++) {
    if (!parts.some((x) => x.part === p)) {
      // The tables' part missing matters more: it explains a report without tables.
      findings.push(
        finding(
          'segment.part-missing',
          { part: `第${['一', '二', '三', '四', '五'][p - 1]}部分` },
          p === 2 ? { level: 'warn' } : {},
        ),
      );
    }
  }
  return { parts, findings };
}

function headingTitle(lines: Line[], at: number, text: string): string {
  let title = compactCjk(text.replace(/^\s*第\s*[一二三四五]\s*部\s*分/, ''));
  // A heading split over lines ("第一部分 XX联络处" / "概 况"): take a short next line that is not a
  // list item or another heading.
  const next = lines[at + 1];
  if (next) {
    const t = squash(next.text);
    const complete = /(?:概况|决算表|情况说明|名词解释|附件|附表)$/.test(squash(title));
    if (!complete && t.length > 0 && t.length <= 6 && !/^[一二三四五六七八九十]+、|^第|^[（(]|\d/.test(t)) title += t;
  }
  return title;
}
