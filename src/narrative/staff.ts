import type { Fact } from '../schema/record.js';
import { flatten } from './flatten.js';
import { STAFF } from './names.js';

/** Components that reports add into 年末实有人数 besides 在职/离休/退休 (002 counts all of them). */
export const STAFF_EXTRA = {
  other: '其他人员',
  students: '学生人数',
  pensioners: '养老保险基金发放养老金的离退休人员',
} as const;

const PATTERNS: Array<[string, RegExp]> = [
  [STAFF.actual, /实有人数\s*(\d+)\s*人/],
  [STAFF.active, /在职人员\s*(\d+)\s*人/],
  // "离退休人员" is neither 离休 nor 退休 alone; the look-behinds keep them apart.
  [STAFF.retiredLi, /(?<!退)离休人员\s*(\d+)\s*人/],
  [STAFF.retiredTui, /(?<!离)退休人员\s*(\d+)\s*人/],
  [STAFF_EXTRA.other, /其他人员\s*(\d+)\s*人/],
  [STAFF_EXTRA.students, /学生人数\s*(\d+)\s*人/],
  [STAFF_EXTRA.pensioners, /由养老保险基金发放养老金的离退休人员\s*(\d+)\s*人/],
];

/** Staff figures of 第一部分 (概况) for C17, as facts with `part: 1`. */
export function extractStaffFacts(
  part1Text: string,
  opts: { pageOf?: (offset: number) => number | null } = {},
): Fact[] {
  const flat = flatten(part1Text);
  const out: Fact[] = [];
  for (const [name, re] of PATTERNS) {
    const m = re.exec(flat.text);
    if (!m) continue;
    const origin = flat.origin[m.index];
    const from = Math.max(flat.text.lastIndexOf('。', m.index) + 1, m.index - 80);
    const to = flat.text.indexOf('。', m.index);
    out.push({
      name,
      value: m[1] ?? '0',
      unit: '人',
      page: origin !== undefined && opts.pageOf ? opts.pageOf(origin) : null,
      part: 1,
      sentence: flat.text.slice(from, to < 0 ? undefined : to + 1),
    });
  }
  return out;
}
