/**
 * Audit checks a reviewer runs besides the arithmetic (issue 13), refs E1–E8 (README, "Checks"):
 * years, the department's name, placeholders, comparison words against their numbers, the 目录
 * against the body, template residue and red flags. A unit slip in a narrative figure (E7) is found
 * while the narrative rules compare it (narrative-support.ts, `audit.unit-magnitude`). Every finding
 * names its place — page, part, table/row/column — and quotes the line or sentence.
 */
import { Decimal } from '../decimal.js';
import type { Fact, TableId } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import { defineRule as rule, type CheckContext, type Rule } from './rule.js';
import type { DocView } from './doc-view.js';
import {
  PART_NAMES,
  auditFinding,
  docOf,
  lineText,
  narrativeText,
  notEvaluatedAudit,
  placeOf,
  sentenceAround,
  tableAt,
  type NarrativeText,
} from './audit-support.js';
import { budgetClusters } from '../narrative/facts.js';
import { sangongBudgetColumn } from './narrative.js';
import * as N from '../narrative/names.js';
import { NUM } from '../narrative/patterns.js';
import { departmentField } from '../segment/meta.js';
import { matchTitle } from '../segment/tables.js';
import { squash } from '../text/compact.js';
import { templateNamed } from '../../parsers/templates.js';
import { tableIds } from '../../parsers/template.js';

const num = (s: string | undefined): Decimal => new Decimal((s ?? '0').replace(/,/g, ''));

/** Line ranges of the 附件 (第五部分): quoted documents (an earlier year's 决算公开, another unit's name). */
function inAnnex(doc: DocView, i: number): boolean {
  return doc.parts.some((p) => p.part === 5 && i >= p.from && i < p.to);
}

/** Every part of the body but the 附件, flattened, with the part number. */
function bodyTexts(doc: DocView, parts = [1, 2, 3, 4]): Array<[number, NarrativeText]> {
  return parts.flatMap((n) => {
    const t = narrativeText(doc, n);
    return t ? [[n, t] as [number, NarrativeText]] : [];
  });
}

// ───────────────────────────── E1 year ─────────────────────────────

const YEAR_DU = /(20\d\d)\s*年\s*度/g;
const TITLE_LINE = /^(.{0,40}?)(20\d\d)年度?(?:部门|单位)?决算(?:表|公开|报告|情况说明)?$/;
const AS_OF = /(?:截至|截止|至)\s*(20\d\d)\s*年\s*12\s*月\s*31\s*日/g;

const year = rule(
  'audit.year',
  'E1',
  '报告年度一致：封面、目录、各部分标题、表头、“截至YYYY年12月31日”和“YYYY年度”都应是报告年度（与上年比较时为上一年）',
  (ctx, r) => {
    const Y = ctx.record.document.year;
    if (Y === null) return [notEvaluatedAudit(r, '报告年度未识别')];
    const doc = docOf(ctx);
    const out: Finding[] = [];
    // A heading or header line is reported once whichever pass finds it; in running text each phrase.
    const flagged = new Set<string>();
    const flag = (line: number, found: number, what: string, expected = Y, key = `L${line}`, quote?: string): void => {
      if (found === expected || flagged.has(key) || flagged.has(`L${line}`)) return;
      flagged.add(key);
      out.push(
        auditFinding(
          r,
          'warn',
          `年度不符：报告年度为 ${Y} 年，${placeOf(doc, line)}的${what}写作 ${found} 年${expected !== Y ? `（应为上一年 ${expected} 年）` : ''}：「${quote ?? lineText(doc, line)}」`,
          { page: doc.lines[line]?.page, table: tableAt(doc, line), expected: String(expected), actual: String(found) },
        ),
      );
    };
    // Cover and 目录.
    if (doc.frontMatter) {
      for (let i = 0; i < doc.body; i++) {
        const t = doc.lines[i]!.text;
        for (const m of t.matchAll(YEAR_DU)) flag(i, Number(m[1]), placeOf(doc, i) === '目录' ? '条目' : '标题');
        const s = TITLE_LINE.exec(squash(t));
        if (s) flag(i, Number(s[2]), '标题');
      }
    }
    // Part headings, title lines ("XX 2024 年度部门决算表"), table header lines.
    for (const p of doc.parts) {
      const m = /(20\d\d)\s*年/.exec(doc.lines[p.from]?.text ?? '');
      if (m) flag(p.from, Number(m[1]), '标题');
    }
    doc.lines.forEach((l, i) => {
      if (i < doc.body || inAnnex(doc, i)) return;
      const s = TITLE_LINE.exec(squash(l.text));
      if (s && squash(l.text).length <= 60) flag(i, Number(s[2]), '标题');
    });
    for (const t of doc.tables) {
      for (let i = t.at; i < Math.min(t.to, t.at + 8); i++) {
        const text = doc.lines[i]!.text;
        // Column headers may name other years ("2023年度决算数"); the title and 部门/年度 lines may not.
        if (squash(text).length > 60 || /决算数|预算数|上年|增减|同期|比较/.test(text)) continue;
        for (const m of text.matchAll(YEAR_DU)) flag(i, Number(m[1]), '表头');
      }
    }
    // "截至 YYYY 年 12 月 31 日" and "YYYY 年度" in the text (not in 绩效 sections, not in the 附件).
    for (const [part, nt] of bodyTexts(doc)) {
      const text = nt.flat.text;
      for (const m of text.matchAll(AS_OF)) {
        const quote = sentenceAround(text, m.index, m.index + m[0].length, 60);
        flag(nt.lineAt(m.index), Number(m[1]), '“截至…12月31日”', Y, `P${part}:${m.index}`, quote);
      }
      if (part !== 1 && part !== 3) continue;
      for (const m of text.matchAll(YEAR_DU)) {
        const sec = nt.sectionAt(m.index);
        if (part === 3 && (!sec || sec.kind === 'performance')) continue;
        const before = text.slice(Math.max(0, m.index - 6), m.index);
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
        const comparison = /(?:比|较|与|同|对比)\s*$/.test(before) || /^\s*(?:决算数?)?\s*(?:相比|同期)/.test(after);
        // The year a sentence is about opens it ("本部门 2024 年度收入总计…", "XX部 2024 年度无…"); a year
        // inside a sentence may be any year the sentence talks of.
        const opening = text.slice(Math.max(0, m.index - 30), m.index);
        const leading =
          /(?:^|[。；：:）)]|说明|情况)[^。；：:，,]{0,24}$/.test(opening) && !/[，,]/.test(opening.slice(-24));
        if (!comparison && !leading) continue;
        const quote = sentenceAround(text, m.index, m.index + m[0].length, 60);
        flag(
          nt.lineAt(m.index),
          Number(m[1]),
          comparison ? '比较年份' : '“年度”',
          comparison ? Y - 1 : Y,
          `P${part}:${m.index}`,
          quote,
        );
      }
    }
    return out;
  },
);

// ───────────────────────────── E2 department ─────────────────────────────

const PLACEHOLDER =
  /(?<![A-Za-z])(?:[XＸ]{2,}|[xｘ]{3,}|[Xx]{3,})(?![A-Za-z])|[×✕╳]{2,}|[*＊]{3,}|□{2,}|待填写|请填写|待补充|请补充|此处请|[（(]略[）)]/;

const normalizeName = (n: string): string =>
  squash(n)
    .replace(/[（(]本级[）)]/g, '')
    .replace(/^[-—–·•]+/, '');
const compatible = (a: string, b: string): boolean => a === b || a.includes(b) || b.includes(a);
const ORG_END = /(?:部|局|委|办|处|中心|院|所|会|站|队|室|馆|厅|社|团|校|园|署|组|司|行|台|区|县|市|镇|乡|街道)$/;

/** A sentence opening that is no department's name ("根据市委", "本部门", "全区"). */
const NOT_A_NAME =
  /^(?:本|我|全|各|该|根据|按照|依据|经|在|对|为|由|于|从|自|截至|截止|其中|主要|一是|二是|三是|通过|围绕|结合)/;

interface Mention {
  name: string;
  line: number;
  what: string;
  /** A name read from running text: only a name sharing the department's first two characters counts. */
  loose?: boolean;
}

const department = rule(
  'audit.department',
  'E2',
  '部门名称一致：封面、目录与各部分标题、各表“部门：”行、第三部分句首的部门名称应为同一部门',
  (ctx, r) => {
    const doc = docOf(ctx);
    const fields: Mention[] = [];
    const others: Mention[] = [];
    doc.lines.forEach((l, i) => {
      if (i < doc.body || inAnnex(doc, i)) return;
      const name = departmentField(l.text);
      if (name) fields.push({ name, line: i, what: '“部门：”行' });
    });
    if (doc.frontMatter) {
      const toc = doc.lines.findIndex((l, i) => i < doc.body && /^目录$/.test(squash(l.text)));
      const cover = doc.lines
        .slice(0, toc >= 0 ? toc : doc.body)
        .map((l) => squash(l.text))
        .join('');
      const m = /^(.*?)(20\d\d)年度?(?:部门|单位)?决算/.exec(cover);
      if (m?.[1] && m[1].length >= 4) others.push({ name: m[1], line: 0, what: '' });
      for (let i = Math.max(toc, 0); i < doc.body; i++) {
        const e = /^第[一二三四五]部分[:：]?(.+)$/.exec(squash(doc.lines[i]!.text));
        const name = e?.[1] && headingName(e[1]);
        if (name) others.push({ name, line: i, what: '' });
      }
    }
    for (const p of doc.parts) {
      const name = headingName(squash(p.title));
      if (name) others.push({ name, line: p.from, what: '标题' });
    }
    doc.lines.forEach((l, i) => {
      if (i < doc.body || inAnnex(doc, i) || doc.parts.some((p) => p.from === i)) return;
      const s = TITLE_LINE.exec(squash(l.text));
      if (s?.[1] && s[1].length >= 4 && !/^第[一二三四五]部分/.test(s[1])) {
        others.push({ name: s[1], line: i, what: '标题' });
      }
    });
    const nt = narrativeText(doc, 3);
    if (nt) {
      const text = nt.flat.text;
      const starts = [...nt.sections.map((s) => s.start), ...[...text.matchAll(/[。；]/g)].map((m) => m.index + 1)];
      for (const at of starts) {
        const m = /^\s*([^\s，。；：:、\d（）()“”]{5,40}?)\s*(20\d\d)\s*年\s*度/.exec(text.slice(at, at + 60));
        if (!m?.[1] || NOT_A_NAME.test(m[1]) || !ORG_END.test(m[1])) continue;
        others.push({ name: m[1], line: nt.lineAt(at), what: '句首', loose: true });
      }
    }
    // The department is what most "部门：" lines say, else what most mentions say (a placeholder never).
    const vote = (ms: Mention[]): [string, number] | undefined => {
      const counts = new Map<string, number>();
      for (const m of ms) {
        const n = normalizeName(m.name);
        if (!PLACEHOLDER.test(n)) counts.set(n, (counts.get(n) ?? 0) + 1);
      }
      return [...counts].sort((a, b) => b[1] - a[1])[0];
    };
    const byField = vote(fields);
    const recorded = normalizeName(ctx.record.document.department);
    const canon =
      byField?.[0] ??
      vote(others)?.[0] ??
      (recorded && !/未识别/.test(recorded) && !PLACEHOLDER.test(recorded) ? recorded : undefined);
    if (!canon) return [notEvaluatedAudit(r, '报告的部门名称未识别')];
    const out: Finding[] = [];
    const flagged = new Set<number>();
    for (const m of [...fields, ...others]) {
      const name = normalizeName(m.name);
      if (PLACEHOLDER.test(name) || compatible(name, canon) || flagged.has(m.line)) continue;
      if (m.loose && name.slice(0, 2) !== canon.slice(0, 2)) continue;
      flagged.add(m.line);
      out.push(
        auditFinding(
          r,
          'warn',
          `部门名称不一致：${placeOf(doc, m.line)}${m.what ? `（${m.what}）` : ''}写作「${m.name}」，而报告${byField ? `各表“部门：”行（${byField[1]} 处）` : '其他各处'}为「${canon}」：「${lineText(doc, m.line)}」`,
          { page: doc.lines[m.line]?.page, table: tableAt(doc, m.line), expected: canon, actual: m.name },
        ),
      );
    }
    return out;
  },
);

/** The department a part heading names: "XX概况", "XX 2024 年度部门决算表 / 情况说明". */
function headingName(title: string): string | undefined {
  const t = squash(title);
  const a = /^(.{2,40}?)(?:部门|单位)?概况$/.exec(t);
  if (a?.[1] && a[1].length >= 2 && !/^(?:部门|单位|基本)$/.test(a[1])) return a[1];
  const b = /^(.{4,40}?)20\d\d年度?/.exec(t);
  return b?.[1];
}

// ───────────────────────────── E3 placeholders ─────────────────────────────

const placeholder = rule(
  'audit.placeholder',
  'E3',
  '占位符：XX、××、xxx、待填写、请填写、请补充、（略）等模板占位文字不应留在报告中',
  (ctx, r) => {
    const doc = docOf(ctx);
    const out: Finding[] = [];
    doc.lines.forEach((l, i) => {
      const m = PLACEHOLDER.exec(l.text);
      if (!m) return;
      out.push(
        auditFinding(
          r,
          'warn',
          `占位符未替换：${placeOf(doc, i)}「${m[0]}」：「${around(l.text, m.index, m[0].length)}」`,
          {
            page: l.page,
            table: tableAt(doc, i),
            actual: m[0],
          },
        ),
      );
    });
    return out;
  },
);

/** Up to 30 characters either side of a match in a line. */
function around(text: string, at: number, length: number, reach = 30): string {
  const from = Math.max(0, at - reach);
  const to = Math.min(text.length, at + length + reach);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

// ───────────────────────────── E4 comparison words ─────────────────────────────

type Relation = 'gt' | 'lt' | 'eq';
const WORD = '大于|小于|等于|高于|低于|超过|超出|多于|少于|增加|减少|上升|下降|增长|持平|一致|相等|相同';
const RELATION: Record<string, Relation> = {
  大于: 'gt',
  高于: 'gt',
  超过: 'gt',
  超出: 'gt',
  多于: 'gt',
  增加: 'gt',
  上升: 'gt',
  增长: 'gt',
  小于: 'lt',
  低于: 'lt',
  少于: 'lt',
  减少: 'lt',
  下降: 'lt',
  等于: 'eq',
  持平: 'eq',
  一致: 'eq',
  相等: 'eq',
  相同: 'eq',
};
const RELATION_WORD: Record<Relation, string> = { gt: '大于', lt: '小于', eq: '等于' };

/** A stated difference after the word: an amount, never a percent ("增长 5%" is a rate). */
const DELTA = String.raw`(?:\s*(${NUM})(?![\d.]*\s*[%％])\s*(?:万元|元)?)?`;

/** "决算数（比/较/与）（年初/全年）预算数 WORD (Δ)"; "决算数 WORD （年初/全年）预算数 (Δ)"; "预算（数）与决算（数）（基本）持平". */
const BUDGET_WORDS = [
  new RegExp(
    String.raw`决算数?\s*(?:比|较|与|同)\s*(年初|全年|调整后?)?预算数?\s*(?:相比\s*[，,]?\s*)?(基本)?(${WORD})${DELTA}`,
    'g',
  ),
  new RegExp(String.raw`决算数?\s*(基本)?(${WORD})\s*(年初|全年|调整后?)?预算数?${DELTA}`, 'g'),
  new RegExp(String.raw`(年初|全年)?预算数?\s*(?:与|和)\s*决算数?\s*(基本)?(持平|一致|相等|相同)`, 'g'),
];
/** "A 万元，比/较 …B 万元 WORD (Δ 万元)": both amounts in the sentence itself. */
const PAIR = new RegExp(
  String.raw`(${NUM})\s*(万元|元)\s*[，,]?\s*(?:比|较)\s*([^，。；\d]{0,12}?)\s*(${NUM})\s*(万元|元)\s*(?:的)?\s*(基本)?(${WORD})${DELTA}`,
  'g',
);

function holds(rel: Relation, loose: boolean, a: Decimal, b: Decimal, delta?: Decimal): boolean {
  const d = a.minus(b);
  if (rel === 'eq')
    return loose
      ? d.abs().lte(Decimal.max(new Decimal('0.01'), Decimal.max(a.abs(), b.abs()).times(0.1)))
      : d.abs().lte('0.01');
  const dirOk = rel === 'gt' ? d.gt(0) : d.lt(0);
  if (!dirOk) return false;
  return delta === undefined || d.abs().minus(delta.abs()).abs().lte('0.015');
}

const comparison = rule(
  'audit.comparison-word',
  'E4',
  '比较用词与数额一致：大于/小于/等于/持平/增加/减少/上升/下降 与句中（或紧前的）预算数、决算数、上年数相符',
  (ctx, r) => {
    const doc = docOf(ctx);
    const nt = narrativeText(doc, 3);
    if (!nt) return [notEvaluatedAudit(r, '没有第三部分')];
    const text = nt.flat.text;
    const out: Finding[] = [];
    const reported: Array<[number, number]> = [];
    const report = (
      start: number,
      end: number,
      word: string,
      expected: string,
      why: string,
      level: 'warn' | 'info' = 'warn',
    ): void => {
      if (reported.some(([a, b]) => start < b && end > a)) return;
      reported.push([start, end]);
      out.push(
        auditFinding(r, level, `比较用词与数额不符：「${word}」，而${why}：「${sentenceAround(text, start, end)}」`, {
          page: nt.pageAt(start),
          expected,
          actual: word,
        }),
      );
    };
    const scope = nt.sections.filter((s) => s.kind !== 'performance');
    for (const sec of scope) {
      const body = text.slice(sec.start, sec.end);
      // Pairs stated in one sentence.
      for (const m of body.matchAll(PAIR)) {
        const a = num(m[1]);
        const b = num(m[4]);
        if (m[2] !== m[5]) continue;
        const word = m[7] ?? '';
        const rel = RELATION[word]!;
        const delta = m[8] !== undefined ? num(m[8]) : undefined;
        if (holds(rel, !!m[6], a, b, delta)) continue;
        const start = sec.start + m.index;
        const actual = a.gt(b) ? 'gt' : a.lt(b) ? 'lt' : 'eq';
        report(
          start,
          start + m[0].length,
          `${m[6] ?? ''}${word}${m[8] ? ` ${m[8]}` : ''}`,
          `${RELATION_WORD[actual]}${actual !== 'eq' ? ` ${a.minus(b).abs().toFixed(2)}` : ''}`,
          `${m[1]}${m[2]} ${RELATION_WORD[actual]} ${m[3]?.trim() || '比较数'} ${m[4]}${m[5]}`,
        );
      }
      // Comparison statements after a budget/final statement.
      const clusters = budgetClusters(body);
      clusters.forEach((c, i) => {
        const from = c.end;
        const to = clusters[i + 1]?.start ?? body.length;
        const window = body.slice(from, to);
        const final = num(c.final[2]);
        const budgets: Array<['年初' | '全年', Decimal, string]> = [];
        if (c.opening) budgets.push(['年初', num(c.opening[2]), c.opening[2] ?? '']);
        if (c.annual) budgets.push(['全年', num(c.annual[2]), c.annual[2] ?? '']);
        for (const [k, re] of BUDGET_WORDS.entries()) {
          for (const m of window.matchAll(re)) {
            const qualifier = k === 1 ? m[3] : m[1];
            const loose = !!(k === 1 ? m[1] : m[2]);
            const word = (k === 1 ? m[2] : m[3]) ?? '';
            const delta = k === 2 ? undefined : m[4] !== undefined ? num(m[4]) : undefined;
            const rel = RELATION[word]!;
            const which = budgets.filter(([kind]) =>
              qualifier === '年初' ? kind === '年初' : qualifier ? kind === '全年' : true,
            );
            if (which.length === 0) continue;
            if (which.some(([, b]) => holds(rel, loose, final, b, delta))) continue;
            const [kind, b, printed] = which[0]!;
            const actual: Relation = final.gt(b) ? 'gt' : final.lt(b) ? 'lt' : 'eq';
            const start = sec.start + from + m.index;
            // Printed amounts equal, a strict word: only wrong for sure when both are 0.
            const level = actual === 'eq' && rel !== 'eq' && !b.isZero() ? 'info' : 'warn';
            report(
              start,
              start + m[0].length,
              `${loose ? '基本' : ''}${word}${delta !== undefined ? ` ${m[4]}` : ''}`,
              `${RELATION_WORD[actual]}${actual !== 'eq' ? ` ${final.minus(b).abs().toFixed(2)}` : ''}`,
              `决算数 ${c.final[2]} ${RELATION_WORD[actual]} ${kind}预算数 ${printed}`,
              level,
            );
          }
        }
      });
    }
    return out;
  },
);

// ───────────────────────────── E5 目录 against body ─────────────────────────────

interface TocEntry {
  line: number;
  part?: number;
  table?: TableId;
  title: string;
}

const toc = rule(
  'audit.toc',
  'E5',
  '目录与正文一致：目录列出的各部分和各表在正文中都有，顺序相同；正文多出的部分或表记为 info',
  (ctx, r) => {
    const doc = docOf(ctx);
    if (!doc.frontMatter) return [notEvaluatedAudit(r, '只有记录，没有封面和目录')];
    const start = doc.lines.findIndex((l, i) => i < doc.body && /^目录$/.test(squash(l.text)));
    const entries: TocEntry[] = [];
    for (let i = start >= 0 ? start + 1 : 0; i < doc.body; i++) {
      const t = squash(doc.lines[i]!.text)
        .replace(/^[-•·]+/, '')
        .replace(/(?:[.．…·]{2,}|PAGEREF.*)?\d*$/, '');
      const p = /^第([一二三四五])部分[:：]?(.*)$/.exec(t);
      if (p) {
        entries.push({ line: i, part: '一二三四五'.indexOf(p[1]!) + 1, title: p[2] ?? '' });
        continue;
      }
      const spec = t.length <= 60 ? matchTitle(t) : undefined;
      if (spec) entries.push({ line: i, table: spec.id, title: t });
    }
    const parts = entries.filter((e) => e.part);
    if (parts.length === 0) return [notEvaluatedAudit(r, '报告没有目录')];
    // Tables listed under one part of the 目录 (the part the tables are in); others are section names.
    const groups = new Map<number, TocEntry[]>();
    let current = -1;
    for (const e of entries) {
      if (e.part) current = e.line;
      else groups.set(current, [...(groups.get(current) ?? []), e]);
    }
    const listed = [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    const seen = new Set<string>();
    const tables = listed.filter((e) => !seen.has(e.table!) && seen.add(e.table!));
    const out: Finding[] = [];
    const body = doc.lines.slice(doc.body).map((l) => squash(l.text));
    const bodyTables = [...new Set(doc.tables.map((t) => t.id))];
    for (const e of parts) {
      const n = e.part!;
      const present =
        doc.parts.some((p) => p.part === n) ||
        (e.title.length >= 4 && body.includes(squash(e.title))) ||
        (n === 2 && bodyTables.length > 0);
      if (present) continue;
      out.push(
        auditFinding(r, 'warn', `目录列出${PART_NAMES[n]}「${e.title}」，正文中没有这一部分`, {
          page: doc.lines[e.line]?.page,
          expected: `${PART_NAMES[n]}${e.title}`,
          actual: '（正文中没有）',
        }),
      );
    }
    const required = new Set<string>(tableIds(templateNamed(ctx.record.template)));
    for (const e of tables) {
      if (bodyTables.includes(e.table!)) continue;
      // A table the template prints is already reported missing (table.missing): say it once.
      out.push(
        auditFinding(
          r,
          required.has(e.table!) ? 'info' : 'warn',
          `目录列出「${e.title}」（公开${e.table}表），正文中没有这张表`,
          { page: doc.lines[e.line]?.page, table: e.table!, expected: e.title, actual: '（正文中没有）' },
        ),
      );
    }
    const listedIds = tables.map((e) => e.table!);
    const inBody = bodyTables.filter((id) => listedIds.includes(id));
    const inToc = listedIds.filter((id) => bodyTables.includes(id));
    const firstDiff = inToc.findIndex((id, i) => inBody[i] !== id);
    if (firstDiff >= 0) {
      const id = inBody[firstDiff]!;
      const t = doc.tables.find((x) => x.id === id);
      out.push(
        auditFinding(
          r,
          'warn',
          `正文中各表的顺序与目录不同：目录为 ${inToc.map((x) => `公开${x}表`).join('、')}；正文为 ${inBody.map((x) => `公开${x}表`).join('、')}（第一处不同：公开${id}表）`,
          {
            page: t ? doc.lines[t.at]?.page : undefined,
            table: id,
            expected: inToc.join(','),
            actual: inBody.join(','),
          },
        ),
      );
    }
    if (tables.length > 0) {
      for (const id of bodyTables.filter((x) => !listedIds.includes(x))) {
        const t = doc.tables.find((x) => x.id === id)!;
        out.push(
          auditFinding(r, 'info', `正文有公开${id}表「${lineText(doc, t.at)}」，目录没有列出`, {
            page: doc.lines[t.at]?.page,
            table: id,
          }),
        );
      }
    }
    for (const p of doc.parts.filter((x) => !parts.some((e) => e.part === x.part))) {
      out.push(
        auditFinding(r, 'info', `正文有${PART_NAMES[p.part]}「${p.title}」，目录没有列出`, {
          page: doc.lines[p.from]?.page,
        }),
      );
    }
    return out;
  },
);

// ───────────────────────────── E6 template residue ─────────────────────────────

const UNDECIDED =
  /增加[（(]减少[）)]|减少[（(]增加[）)]|增长[（(]下降[）)]|下降[（(]增长[）)]|上升[（(]下降[）)]|大于[（(]小于[）)]|小于[（(]大于[）)]|(?:增加|增长|大于)[／/](?:减少|下降|小于)|(?:增加|减少|增长|下降)持平|持平(?:增加|减少)/g;
const EMPTY_REASON = /原因(?:是|为|如下)?\s*[：:]\s*(?=[。；;，,]|$)|原因(?:是|为)\s*[。；;]/g;
/** A money-like amount (2 decimals) that no unit follows; not a share or rate (C15's). */
const BARE_NUMBER = new RegExp(
  String.raw`(?<![\d.,:：])(\d[\d,]*\.\d{2})(?![\d.])(?!\s*(?:[万千亿]?元|[%％‰]|个|人|辆|台|套|批|次|倍|分|年|月|日|项|天|户|家|平方米|米|公里|吨|条|件|所|张|份|场|期|小时|km|元))`,
  'g',
);
/** Shares and rates printed without % are C15's (a figure after 占 / 完成…的 / 增长 / 下降). */
const PERCENT_CONTEXT = /(?:占[^，。；\d]{0,12}|完成[^，。；\d]{0,10}的?|增长|下降|率(?:为|是)?)\s*$/;
/** A unit with no number before it: "全年购置公务用车 辆。" (the figure left blank). */
const MISSING_NUMBER = /[\u4e00-\u9fa5]([ \t\u3000]+)(辆|批次?|人次|个|万元)(?=[，。；、,])/g;
const LONG_PERCENT = /(\d+\.\d{3,})\s*[%％]/g;

const residue = rule(
  'audit.template-residue',
  'E6',
  '模板残留：“增加（减少）”“增加持平”等未选定的用词、空的“主要原因：”、没有单位的金额（warn）；小数超过两位的百分比（info）',
  (ctx, r) => {
    const doc = docOf(ctx);
    const out: Finding[] = [];
    for (const [part, nt] of bodyTexts(doc, [1, 3])) {
      const text = nt.flat.text;
      const inScope = (at: number): boolean => {
        if (part !== 3) return true;
        const sec = nt.sectionAt(at);
        return sec !== undefined && sec.kind !== 'performance';
      };
      const add = (at: number, end: number, level: 'warn' | 'info', what: string, actual: string): void => {
        out.push(
          auditFinding(r, level, `${what}：${PART_NAMES[part]}「${sentenceAround(text, at, end)}」`, {
            page: nt.pageAt(at),
            actual,
          }),
        );
      };
      for (const m of text.matchAll(UNDECIDED))
        add(m.index, m.index + m[0].length, 'warn', `模板用词未选定「${m[0]}」`, m[0]);
      for (const m of text.matchAll(EMPTY_REASON)) {
        add(m.index, m.index + m[0].length, 'warn', '“主要原因”后面是空的', m[0]);
      }
      if (part !== 3) continue;
      for (const m of text.matchAll(BARE_NUMBER)) {
        if (!inScope(m.index) || PERCENT_CONTEXT.test(text.slice(Math.max(0, m.index - 14), m.index))) continue;
        // A table printed inside 第三部分 (amounts in columns under a "单位：万元" line) is no sentence.
        const line = doc.lines[nt.lineAt(m.index)]?.text ?? '';
        if ((line.match(/\d\.\d{2}/g)?.length ?? 0) >= 2 && !/元/.test(line)) continue;
        add(m.index, m.index + m[0].length, 'warn', `数额 ${m[1]} 没有单位`, m[1]!);
      }
      for (const m of text.matchAll(MISSING_NUMBER)) {
        if (!inScope(m.index)) continue;
        add(m.index, m.index + m[0].length, 'warn', `单位「${m[2]}」前没有数字（「${m[0]}」）`, m[0]);
      }
      for (const m of text.matchAll(LONG_PERCENT)) {
        if (!inScope(m.index)) continue;
        add(m.index, m.index + m[0].length, 'info', `百分比 ${m[1]}% 超过两位小数`, m[1]!);
      }
    }
    return out;
  },
);

// ───────────────────────────── E8 red flags ─────────────────────────────

const DEVIATION = new Decimal('0.3');

const redFlags = rule(
  'audit.red-flags',
  'E8',
  '风险提示：三公经费决算数超过预算数（warn）；决算数偏离预算数 30% 以上而没有说明原因（info）',
  (ctx, r) => {
    const out: Finding[] = [];
    const t09 = ctx.table('09');
    const over = new Set<string>();
    if (t09 && t09.rows.length > 0) {
      const budgetCol = sangongBudgetColumn(t09);
      for (const [name, line] of N.SANGONG) {
        const row = t09.rows.find((x) => x.key === `line:${line}`);
        const budget = row?.values[budgetCol];
        const final = row?.values['3'];
        if (!row || budget === undefined || final === undefined || !num(final).gt(num(budget))) continue;
        over.add(name);
        out.push(
          auditFinding(r, 'warn', `三公经费超预算：公开09表「${row.label}」决算数 ${final} 大于预算数 ${budget}`, {
            page: t09.pages[0],
            table: '09',
            row: row.key,
            column: '3',
            expected: `≤ ${budget}`,
            actual: final,
          }),
        );
      }
    }
    for (const [name] of N.SANGONG) {
      if (over.has(name) || (t09 && t09.rows.length > 0)) continue;
      const b = ctx.facts.find((f) => f.name === name + N.BUDGET_ANNUAL);
      const f = ctx.facts.find((x) => x.name === name + N.FINAL);
      if (b && f && num(f.value).gt(num(b.value))) {
        out.push(
          auditFinding(
            r,
            'warn',
            `三公经费超预算：第三部分「${name}」决算数 ${f.value} 大于预算数 ${b.value}：「${f.sentence.slice(0, 80)}」`,
            {
              page: f.page,
              expected: `≤ ${b.value}`,
              actual: f.value,
            },
          ),
        );
      }
    }
    // 决算 far from 预算 with no reason given.
    const finals = ctx.facts.filter((f) => f.name.endsWith(N.FINAL));
    for (const f of finals) {
      const stem = f.name.slice(0, -N.FINAL.length);
      const budget =
        factOf(ctx.facts, stem + N.BUDGET_ANNUAL, f.subject) ?? factOf(ctx.facts, stem + N.BUDGET_OPENING, f.subject);
      if (!budget || budget.sentence !== f.sentence) continue;
      const b = num(budget.value);
      const v = num(f.value);
      const far = b.isZero() ? !v.isZero() : v.minus(b).abs().div(b).gt(DEVIATION);
      if (!far || /原因/.test(f.sentence)) continue;
      out.push(
        auditFinding(
          r,
          'info',
          `决算数偏离预算数 30% 以上而没有说明原因：「${f.name.replace(/\.决算数$/, '')}${f.subject ? `（${f.subject}）` : ''}」预算数 ${budget.value}、决算数 ${f.value}：「${f.sentence.slice(0, 80)}」`,
          { page: f.page, expected: budget.value, actual: f.value },
        ),
      );
    }
    return out;
  },
);

function factOf(facts: Fact[], name: string, subject?: string): Fact | undefined {
  return facts.find((f) => f.name === name && f.subject === subject);
}

/** The audit rules, run by the pipeline after the narrative rules. */
export const auditRules: Rule[] = [year, department, placeholder, comparison, toc, residue, redFlags];

export function runAuditRules(ctx: CheckContext): Finding[] {
  return auditRules.flatMap((rl) => rl.run(ctx));
}
