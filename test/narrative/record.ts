import type { DocumentRecord, Fact, Row, Table, TableId } from '../../src/schema/record.js';
import { extractFacts } from '../../src/narrative/facts.js';
import { makeContext, type CheckContext } from '../../src/checks/rule.js';
import { partText, seed } from './seeds.js';

/** Hand-built records for rule tests: only the rows a rule reads, values typed from the seed text. */
export type RowSpec = [key: string, label: string, values: Record<string, string>];

const COLUMNS: Partial<Record<TableId, string[]>> = {
  '02': ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
  '03': ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
  '05': ['本年支出合计', '基本支出', '项目支出'],
  '09': ['年初预算数', '全年预算数', '决算数'],
};

export function table(id: TableId, rows: RowSpec[]): Table {
  return {
    id,
    title: `公开${id}表`,
    unit: id === '10' ? '台、辆、套' : '万元',
    pages: [],
    columns: (COLUMNS[id] ?? []).map((name, i) => ({ no: i + 1, name })),
    rows: rows.map(([key, label, values]): Row => ({ key: key as Row['key'], label, values })),
  };
}

export function record(facts: Fact[], tables: Table[], parts: Array<[number, string]> = []): DocumentRecord {
  return {
    schemaVersion: 1,
    source: { path: 'test', sha256: '0'.repeat(64), format: 'text', pages: null, textLayer: 'native' },
    document: { department: 'test', year: 2024, unit: '万元' },
    parts: parts.map(([part, text]) => ({ part, title: '', pageStart: null, pageEnd: null, text })),
    confidence: { document: 1, tables: {} },
    facts,
    tables,
  };
}

export function ctxOf(facts: Fact[], tables: Table[], parts: Array<[number, string]> = []): CheckContext {
  return makeContext(record(facts, tables, parts));
}

/** Facts of a seed's 第三部分, as the pipeline will hand them over. */
export function seedFacts(id: string): Fact[] {
  return extractFacts(partText(seed(id), 3), { unit: '万元' });
}

/** A seed's parts 1–3 as record parts (C16/C17 read their text). */
export function seedParts(id: string): Array<[number, string]> {
  const text = seed(id);
  return ([1, 2, 3] as const).map((n) => [n, partText(text, n)]);
}

/** A single fact, for small fixtures. */
export function fact(name: string, value: string, unit = '万元', extra: Partial<Fact> = {}): Fact {
  return { name, value, unit, page: null, part: 3, sentence: `${name} ${value}${unit}，主要原因：测试。`, ...extra };
}
