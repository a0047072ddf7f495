/**
 * The narrative is laid out for print: sentences wrap mid-word, mid-number ("27.87 万" / "元") and
 * even mid-label ("年末结转" / "和结余"), with blank lines and page footers (`— 22 —`) between.
 * Matching figures needs one continuous string, but facts must still point back at the original
 * text (for `page`), so flattening keeps an offset map.
 */
export interface FlatText {
  text: string;
  /** `origin[i]` is the offset in the input of `text[i]`. */
  origin: number[];
}

const FOOTER = /^\s*[—–-]+\s*\d+\s*[—–-]+\s*$/;

/** Join lines without separators (Chinese wraps need none), dropping page footers. */
export function flatten(input: string): FlatText {
  let text = '';
  const origin: number[] = [];
  let offset = 0;
  for (const line of input.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (FOOTER.test(line)) continue;
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    for (let i = 0; i < body.length; i++) {
      text += body[i];
      origin.push(start + lead + i);
    }
  }
  return { text, origin };
}

/** The numbered sections of 第三部分 that carry figures, recognised by their heading's words. */
export type SectionKind =
  'income' | 'expenditure' | 'fiscal' | 'basic' | 'sangong' | 'operating' | 'procurement' | 'assets' | 'performance';

export interface Section {
  kind: SectionKind;
  heading: string;
  /** Body range in the flat text (after the heading, up to the next heading). */
  start: number;
  end: number;
}

// Order matters: 财政拨款支出决算 and 基本支出决算 also contain 支出决算.
const KINDS: Array<[RegExp, SectionKind]> = [
  [/三公/, 'sangong'],
  [/基本支出/, 'basic'],
  [/财政拨款支出/, 'fiscal'],
  [/收入决算/, 'income'],
  [/支出决算/, 'expenditure'],
  [/机关运行经费/, 'operating'],
  [/政府采购/, 'procurement'],
  [/国有资产/, 'assets'],
  [/绩效/, 'performance'],
];

const HEADING = /[一二三四五六七八九十]{1,3}、([^、。，；：:]{2,30}?情况说明)/g;

/**
 * Split the flat text at the "一、…情况说明" headings. Headings are found by pattern, not line start,
 * because flattening glued each heading to its body (and 004 has sub-headings mid-line). The first
 * heading of each kind wins, so a later 绩效 sub-heading cannot steal a section.
 */
export function sections(flat: FlatText): Section[] {
  const found: Array<{ kind: SectionKind; heading: string; at: number; bodyAt: number }> = [];
  const seen = new Set<SectionKind>();
  for (const m of flat.text.matchAll(HEADING)) {
    const title = m[1] ?? '';
    const kind = KINDS.find(([re]) => re.test(title))?.[1];
    if (!kind || seen.has(kind)) continue;
    seen.add(kind);
    found.push({ kind, heading: m[0], at: m.index, bodyAt: m.index + m[0].length });
  }
  return found.map((f, i) => ({
    kind: f.kind,
    heading: f.heading,
    start: f.bodyAt,
    end: found[i + 1]?.at ?? flat.text.length,
  }));
}
