import type { Line } from '../ir/types.js';
import { compactCjk, squash } from '../text/compact.js';
import type { PartSpan } from './parts.js';

/**
 * Department, fiscal year and money unit, read from the report itself: the `部门：` / `单位名称：` line
 * of the tables first (it is the most uniform), then the cover line "XX 2024 年度 部门决算", then the
 * 第一部分 title ("XX概况").
 */
export interface DocumentMeta {
  department: string;
  year: number | null;
  unit: string;
}

const DEPT_FIELD = /^(?:部门|单位|编制部门|编制单位|单位名称|部门名称)[:：](.+)$/;
const COVER = /^(.+?)(\d{4})年度?(?:部门|单位)?决算(?:公开)?$/;

export function readMeta(lines: Line[], parts: PartSpan[]): DocumentMeta {
  return { department: department(lines, parts), year: year(lines, parts), unit: unit(lines) };
}

/** The department a table's "部门：…" (单位名称：, 编制单位：…) line names, if the line is one. */
export function departmentField(text: string): string | undefined {
  const m = DEPT_FIELD.exec(squash(text));
  if (!m?.[1]) return undefined;
  const name = m[1]
    .replace(/\d{4}年度?.*$/, '')
    .replace(/(?:金额)?单位[:：].*$/, '')
    .replace(/公开\d+表.*$/, '');
  // "单位：万元" is a unit, not a department.
  if (name.length >= 2 && !/^(?:万元|元|千元|亿元|台|辆|套)/.test(name)) return compactCjk(name);
  return undefined;
}

function department(lines: Line[], parts: PartSpan[]): string {
  for (const l of lines) {
    const name = departmentField(
      l.runs.length && l.separation !== 'space' ? l.runs.map((r) => r.text).join('') : l.text,
    );
    if (name) return name;
  }
  for (const l of lines.slice(0, 20)) {
    const m = COVER.exec(squash(l.text));
    if (m?.[1] && m[1].length >= 2) return m[1];
  }
  const p1 = parts.find((p) => p.part === 1);
  if (p1) return p1.title.replace(/(?:部门|单位)?概况$/, '');
  return '';
}

function year(lines: Line[], parts: PartSpan[]): number | null {
  const texts = [...lines.slice(0, 20).map((l) => l.text), ...parts.map((p) => p.title), ...lines.map((l) => l.text)];
  for (const t of texts) {
    const m = /(20\d{2})\s*年\s*度/.exec(t);
    if (m?.[1]) return Number(m[1]);
  }
  return null;
}

function unit(lines: Line[]): string {
  for (const l of lines) {
    const m = /(?:金额)?单位[:：]\s*(万元|元|千元|亿元)/.exec(squash(l.text));
    if (m?.[1]) return m[1];
  }
  return '万元';
}
