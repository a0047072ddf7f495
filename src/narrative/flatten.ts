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
  | 'overview'
  | 'fiscal-overview'
  | 'income'
  | 'expenditure'
  | 'fiscal'
  | 'basic'
  | 'sangong'
  | 'operating'
  | 'procurement'
  | 'assets'
  | 'performance'
  /** A numbered heading of no known kind: it only ends the section before it. */
  | 'other';

export interface Section {
  kind: SectionKind;
  heading: string;
  /** Where the heading starts in the flat text. */
  at: number;
  /** Body range in the flat text (after the heading, up to the next heading). */
  start: number;
  end: number;
}

// Order matters: 财政拨款支出决算 and 基本支出决算 also contain 支出决算, and Shanghai's / the national
// template's 收入支出决算总体情况 and 财政拨款收入支出决算总体情况 contain both.
const KINDS: Array<[RegExp, SectionKind]> = [
  // 政府性基金 / 国有资本经营 sections state no figures the rules read (C16 reads their "无…" sentence).
  [/政府性基金|国有资本经营/, 'other'],
  [/三公/, 'sangong'],
  [/基本支出/, 'basic'],
  [/财政拨款收入[、和及]?支出/, 'fiscal-overview'],
  [/收入[、和及]?支出决算总体|收支决算总体|收入支出总体/, 'overview'],
  [/财政拨款支出/, 'fiscal'],
  [/收入决算/, 'income'],
  [/支出决算/, 'expenditure'],
  [/机关运行经费/, 'operating'],
  [/政府采购/, 'procurement'],
  [/国有资产/, 'assets'],
  [/绩效/, 'performance'],
];

const ORDINAL = '[一二三四五六七八九十]{1,3}';
/** "一、…情况说明", and the headings some templates print without 说明 (上海: "十、预算绩效管理情况"). */
const HEADING = new RegExp(
  `(${ORDINAL})、((?:[^、。，；：:]{2,30}?情况说明)|(?:预算绩效管理情况|其他重要事项[^、。，；：:]{0,8}?(?:说明|情况)))`,
  'g',
);
/**
 * Sub-headings that carry a section of their own in Shanghai's and the national template's "其他重要事项"
 * ("（一）机关运行经费支出情况", "（三）国有资产占有使用情况说明").
 */
const SUB_HEADING = new RegExp(
  `[（(]${ORDINAL}[）)]\\s*((?:机关运行经费|政府采购|国有资产)[^。，；：:]{0,12}?情况)`,
  'g',
);

const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 一 → 1, 十一 → 11, 二十 → 20. */
export function ordinal(s: string): number {
  if (s.length === 1) return NUMERALS[s] ?? 0;
  const [a, b, c] = [...s];
  if (a === '十') return 10 + (NUMERALS[b ?? ''] ?? 0);
  if (b === '十') return (NUMERALS[a ?? ''] ?? 0) * 10 + (NUMERALS[c ?? ''] ?? 0);
  return 0;
}

/**
 * Split the flat text at the "一、…情况说明" headings. Headings are found by pattern, not line start,
 * because flattening glued each heading to its body (and 004 has sub-headings mid-line). The first
 * heading of each kind wins, so a later 绩效 sub-heading cannot steal a section. A numbered heading of
 * no known kind ends the section before it when its number follows on (so Shanghai's "十一、其他重要
 * 事项的情况说明" does not leave its 机关运行经费 inside the 三公 section), and the sub-headings of such a
 * section that name a known kind become sections of their own.
 */
export function sections(flat: FlatText): Section[] {
  const found: Array<{ kind: SectionKind; heading: string; at: number; bodyAt: number }> = [];
  const seen = new Set<SectionKind>();
  let last = 0;
  for (const m of flat.text.matchAll(HEADING)) {
    const n = ordinal(m[1] ?? '');
    const title = m[2] ?? '';
    const kind = KINDS.find(([re]) => re.test(title))?.[1] ?? 'other';
    if (kind !== 'other' && !seen.has(kind)) {
      seen.add(kind);
      found.push({ kind, heading: m[0], at: m.index, bodyAt: m.index + m[0].length });
      last = n;
    } else if (n === last + 1) {
      found.push({ kind: 'other', heading: m[0], at: m.index, bodyAt: m.index + m[0].length });
      last = n;
    }
  }
  const others = found.filter((f) => f.kind === 'other');
  for (const o of others) {
    const end = found.find((f) => f.at > o.at)?.at ?? flat.text.length;
    for (const m of flat.text.slice(o.bodyAt, end).matchAll(SUB_HEADING)) {
      const kind = KINDS.find(([re]) => re.test(m[1] ?? ''))?.[1];
      if (!kind || seen.has(kind)) continue;
      seen.add(kind);
      const at = o.bodyAt + m.index;
      found.push({ kind, heading: m[0], at, bodyAt: at + m[0].length });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return found.map((f, i) => ({
    kind: f.kind,
    heading: f.heading,
    at: f.at,
    start: f.bodyAt,
    end: found[i + 1]?.at ?? flat.text.length,
  }));
}
