/**
 * Every finding the pipeline writes, once: its code, stage, default level and Chinese message
 * template (the place — table, row, column, page — is part of the message as a reader sees it). The
 * identity rules (parsers/identities.ts) and narrative rules (src/checks/narrative.ts) add their
 * own ids; test/schema/finding-codes.test.ts holds every written code to the union of the three.
 */
import type { Finding, Level, Stage } from '../schema/finding.js';

interface Entry<P> {
  stage: Stage;
  level: Level;
  message: (p: P) => string;
}
const entry = <P>(stage: Stage, level: Level, message: (p: P) => string): Entry<P> => ({ stage, level, message });

interface Cell {
  table: string;
  row: string;
  col: number | string;
}
const at = (c: Cell) => `公开${c.table}表 ${c.row} 栏${c.col}`;

export const CATALOGUE = {
  // ingest
  'ingest.no-text-layer': entry<{ pages: number[] }>(
    'ingest',
    'warn',
    ({ pages }) => `第 ${pages.join('、')} 页没有可用的文本层，需要 OCR`,
  ),
  'ingest.pdfjs-warning': entry<{ message: string; count: number }>(
    'ingest',
    'warn',
    ({ message, count }) => `pdfjs 警告：${message}${count > 1 ? `（×${count}）` : ''}`,
  ),
  'ocr.pages': entry<{ pages: number[] }>('ocr', 'info', ({ pages }) => `OCR 识别了第 ${pages.join('、')} 页`),
  'ocr.page-skipped': entry<{ page: number; size: string; dpi: number; cap: string; area: number; needed: string }>(
    'ocr',
    'warn',
    (p) =>
      `第 ${p.page} 页未做 OCR：${p.size} 按 ${p.dpi} dpi 超过渲染上限 ${p.cap} Mpx（--max-page-area ${p.area} m²），缩到上限需要 ${p.needed} dpi，低于 ${p.dpi} dpi 的一半`,
  ),
  'ocr.page-scaled': entry<{ page: number; size: string; dpi: number; used: string; cap: string; area: number }>(
    'ocr',
    'warn',
    (p) =>
      `第 ${p.page} 页按 ${p.used} dpi 而非 ${p.dpi} dpi 做 OCR：${p.size} 超过渲染上限 ${p.cap} Mpx（--max-page-area ${p.area} m²）`,
  ),
  'ingest.image-skipped': entry<{ page: number | null; limit: string | null }>(
    'ingest',
    'warn',
    ({ page, limit }) =>
      `图像${page !== null ? `（首见于第 ${page} 页）` : ''}未解码：超过图像上限${limit ? ` ${limit} Mpx（--max-image-mpx）` : ''}`,
  ),
  // normalize
  'normalize.glyph-fold': entry<{ folds: number; pages: number[] }>(
    'normalize',
    'info',
    ({ folds, pages }) =>
      `把 ${folds} 个康熙部首 / 部首补充字形折叠为统一汉字${pages.length ? `（第 ${pages.join('、')} 页）` : ''}`,
  ),
  // segment
  'segment.part-missing': entry<{ part: string }>('segment', 'info', ({ part }) => `正文中未找到${part}`),
  'segment.table-missing': entry<{ missing: string[]; none: boolean; hasTablePart: boolean }>(
    'segment',
    'warn',
    ({ missing, none, hasTablePart }) =>
      none
        ? `未找到任何公开表：${hasTablePart ? '第二部分没有表格文字（表格可能是图片，需要 OCR）' : '正文没有第二部分，也没有表格标题'}`
        : `报告中未找到公开${missing.join('/')}表`,
  ),
  'segment.table-repeated': entry<{ table: string; title: string }>(
    'segment',
    'warn',
    ({ table, title }) => `公开${table}表（${title}）印了两次，保留行数多的一份`,
  ),
  'segment.title-unread': entry<{ table: string; label: string; title: string }>(
    'segment',
    'warn',
    ({ table, label, title }) => `公开${table}表按其表号“${label}”找到：没有一行读作标题“${title}”`,
  ),
  'segment.department-missing': entry<{ recorded: string }>(
    'segment',
    'warn',
    ({ recorded }) => `未找到部门名称（无“部门：”行、封面行或第一部分标题），记为${recorded}`,
  ),
  'table.missing': entry<{ table: string }>('segment', 'warn', ({ table }) => `报告中未找到公开${table}表`),
  // tables
  'table.unit-differs': entry<{ table: string; unit: string; reportUnit: string }>(
    'table',
    'warn',
    ({ table, unit, reportUnit }) => `公开${table}表的金额单位是${unit}，而报告用${reportUnit}`,
  ),
  'table.no-rows-keyed': entry<{ table: string }>(
    'table',
    'warn',
    ({ table }) => `公开${table}表：没有一行能按印刷的行次或模板标签取键，表格输出为空行`,
  ),
  'table.duplicate-key': entry<{ table: string; row: string }>(
    'table',
    'warn',
    ({ table, row }) => `公开${table}表：${row} 印了两次，保留第一次`,
  ),
  'table.line-inferred': entry<{ table: string; line: number; label: string; read?: string }>(
    'table',
    'info',
    ({ table, line, label, read }) =>
      read === undefined
        ? `公开${table}表：未印行次；“${label}”按其标签取为行次 ${line}`
        : `公开${table}表：标签为“${label}”的行，行次读作 ${read}，模板行次为 ${line}；取为 ${line}`,
  ),
  'table.rows-missing': entry<{ table: string; lines: number[]; of: number }>(
    'table',
    'warn',
    ({ table, lines, of }) =>
      `公开${table}表：模板的 ${of} 个行次中有 ${lines.length} 个未读出（行次 ${lines.join('、')}）；它们印有的数值缺失，本表其他空白单元格也可能是漏读`,
  ),
  'table.children-missing': entry<{ table: string; code: string; label: string }>(
    'table',
    'warn',
    ({ table, code, label }) =>
      `公开${table}表：${code}（${label}）印有数值，其下却没有一个下级科目；下级科目的行可能未读出，它们的数值缺失`,
  ),
  'table.label-missing': entry<{ table: string; line: number; want: string }>(
    'table',
    'info',
    ({ table, line, want }) => `公开${table}表 行次 ${line}：缺少标签（模板：${want}）；按印刷的行次取键`,
  ),
  'table.label-mismatch': entry<{ table: string; line: number; label: string; want: string }>(
    'table',
    'warn',
    ({ table, line, label, want }) =>
      `公开${table}表 行次 ${line}：标签“${label}”与模板“${want}”不符；按印刷的行次取键`,
  ),
  'table.too-many-values': entry<{ table: string; row: string; values: string[]; columns: number }>(
    'table',
    'error',
    ({ table, row, values, columns }) =>
      `公开${table}表 ${row}：${columns} 栏却有 ${values.length} 个数值：${values.join(' ')}`,
  ),
  'table.stray-text': entry<{ table: string; row: string; text: string }>(
    'table',
    'warn',
    ({ table, row, text }) => `公开${table}表 ${row}：应为数值处出现文字“${text}”`,
  ),
  'table.orphan-values': entry<{ table: string; row: string; values: string }>(
    'table',
    'warn',
    ({ table, row, values }) => `公开${table}表：数值“${values}”单独成行，位于已有数值的 ${row} 之后；未采用`,
  ),
  'table.code-unreadable': entry<{ table: string; printed: string; text: string }>(
    'table',
    'warn',
    ({ table, printed, text }) =>
      `公开${table}表：分栏科目编码“${printed}”（类 款 项）缺少上级编码，无法组成完整编码；此行“${text}”未采用`,
  ),
  'table.untaken-text': entry<{ table: string; text: string; line: string }>(
    'table',
    'warn',
    ({ table, text, line }) => `公开${table}表：“${text}”不属于任何编码组（所在行“${line}”）；未采用`,
  ),
  'table.code-misprint': entry<{ table: string; code: string; label: string }>(
    'table',
    'warn',
    ({ table, code, label }) =>
      `公开${table}表：经济分类科目编码 ${code}（“${label}”）有 ${code.length} 位（应为 3 或 5 位）；按印刷保留`,
  ),
  'table.column-inferred': entry<
    Cell & { text: string; how: 'determined' | 'zero' | 'uncertain'; why: string; others: number[] }
  >('table', 'info', (p) =>
    p.how === 'determined'
      ? `${at(p)}：“${p.text}”按算术关系放入本栏（${p.why}）；勾稽关系不容许其他栏`
      : p.how === 'zero'
        ? `${at(p)}：零值“${p.text}”放入上级行印有数值的本栏；合计也容许栏${p.others.join('/')}`
        : `${at(p)}：“${p.text}”放入本栏，但勾稽关系也容许栏${p.others.join('/')}；栏次不确定`,
  ),
  'table.cell-missing': entry<Cell & { printed: number; eligible: number }>(
    'table',
    'warn',
    (p) => `${at(p)}：空白，而本栏 ${p.eligible} 行中有 ${p.printed} 行印有数值；印刷的数值可能未读出`,
  ),
  // OCR'd numbers
  'ocr.repair': entry<Cell & { what: string; rules: string; rivals: number }>(
    'ocr',
    'warn',
    (p) =>
      `${at(p)}：${p.what}——这是让经过该单元格的所有勾稽关系都成立的唯一改动（${p.rules}）${p.rivals ? `；另有 ${p.rivals} 种改动只在舍入误差内成立` : ''}`,
  ),
  'ocr.repair-ambiguous': entry<{ identity: string; count: number; proposals: string }>(
    'ocr',
    'info',
    ({ identity, count, proposals }) => `${identity}：${count} 种不同的 OCR 修正都能使其成立（${proposals}）；均未采用`,
  ),
  'ocr.unconfirmed': entry<Cell & { value: string; failing: string[] }>('ocr', 'warn', (p) =>
    p.failing.length
      ? `${at(p)}：OCR 读作“${p.value}”，经过它的勾稽关系都不成立（${p.failing.join(', ')}）；未经证实`
      : `${at(p)}：OCR 读作“${p.value}”，没有勾稽关系能核对它；未经证实`,
  ),
  'ocr.cell-unread': entry<Cell & { identity: string; short: string }>(
    'ocr',
    'warn',
    (p) => `${at(p)}：OCR 表中为空，而 ${p.identity} 差 ${p.short}；印刷的数字可能未读出`,
  ),
  // checks
  'check.summary': entry<{ rule: string; ref: string; exact: number; rounding: number; mismatch: number }>(
    'check',
    'info',
    (p) =>
      `${p.rule}（${p.ref}）：核对 ${p.exact + p.rounding + p.mismatch} 处——${p.exact} 处相等，${p.rounding} 处在舍入误差内，${p.mismatch} 处不成立`,
  ),
  'check.not-evaluated': entry<{ rule: string; ref: string; missing: string[]; empty?: string[] }>(
    'check',
    'info',
    ({ rule, ref, missing, empty = [] }) =>
      `${rule}（${ref}）未核对：${[
        missing.length ? `缺少公开${missing.join('/')}表` : '',
        empty.length ? `公开${empty.join('/')}表没有读出任何行` : '',
      ]
        .filter(Boolean)
        .join('；')}`,
  ),
  'check.suspect-row': entry<{ table: string; row: string; cols: number[]; rules: string[]; found: boolean }>(
    'check',
    'warn',
    (p) =>
      `公开${p.table}表 ${p.row} 栏${p.cols.join('/')}：参与不成立的勾稽关系 ${p.rules.join(', ')}；${p.found ? '本行某个单元格可能有误或未读出' : '未找到本行，它可能印在报告中'}`,
  ),
  // audit (issue 13): found while a narrative rule compares a figure with its table
  'audit.unit-magnitude': entry<{
    ref: string;
    fact: string;
    other: string;
    factor: string;
    meant: string | undefined;
    quote: string;
  }>(
    'check',
    'warn',
    (p) =>
      `${p.ref} 单位或数量级不符：${p.fact} 与 ${p.other} 相差约 ${p.factor} 倍${p.meant ? `，像是应写作 ${p.meant}` : ''}${p.quote}`,
  ),
  'value.negative': entry<Cell & { value: string }>('check', 'warn', (p) => `${at(p)}：负数金额 ${p.value}`),
  'confidence.low': entry<Cell & { value: string; before: number; after: number; failing: string[] }>(
    'check',
    'warn',
    (p) =>
      `${at(p)}“${p.value}”：置信度 ${p.before} → ${p.after}，${p.failing.length ? `参与不成立的勾稽关系（${p.failing.join(', ')}）` : '按所读；确认它的勾稽关系少于两个'}`,
  ),
  // review: corrections a person made on the review page (src/corrections)
  'review.corrected': entry<
    Cell & { was: string | null; value: string; by?: string; at?: string; superseded: string[] }
  >(
    'review',
    'info',
    (p) =>
      `${at(p)}：人工${p.was === p.value ? '确认' : '更正'}${p.was === p.value ? `“${p.value}”` : `“${p.was ?? '（空白）'}”→“${p.value}”`}${p.by || p.at ? `（${[p.by, p.at].filter(Boolean).join('，')}）` : ''}${p.superseded.length ? `；取代此前的发现：${p.superseded.join(', ')}` : ''}`,
  ),
  'review.correction-unmatched': entry<Cell & { value: string; why: 'table' | 'row' | 'column' }>(
    'review',
    'warn',
    (p) =>
      `${at(p)}：人工更正“${p.value}”未采用——${p.why === 'table' ? `记录中没有公开${p.table}表` : p.why === 'row' ? `公开${p.table}表中已没有 ${p.row} 这一行` : `公开${p.table}表没有栏${p.col}`}（重新提取后行或表已变化？请复核）`,
  ),
  'review.correction-conflict': entry<Cell & { values: string[]; kept: string }>(
    'review',
    'warn',
    (p) =>
      `${at(p)}：同一单元格有 ${p.values.length} 条不同的人工更正（${p.values.join(' / ')}）；采用最后一条“${p.kept}”`,
  ),
} as const;

export type CatalogueCode = keyof typeof CATALOGUE;
type ParamsOf<C extends CatalogueCode> = Parameters<(typeof CATALOGUE)[C]['message']>[0];

/** Where a finding applies and what it carries besides its message. */
export type FindingPlace = Omit<Finding, 'level' | 'stage' | 'check' | 'message'> & { level?: Level };

/** A catalogued finding: stage and default level from the catalogue, the message from its template. */
export function finding<C extends CatalogueCode>(code: C, params: ParamsOf<C>, place: FindingPlace = {}): Finding {
  const e = CATALOGUE[code] as Entry<ParamsOf<C>>;
  const { level, ...rest } = place;
  return { level: level ?? e.level, stage: e.stage, check: code, ...rest, message: e.message(params) };
}
