import type { DocumentRecord, Table, TableId, Fact } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import type { DocView } from './doc-view.js';

/**
 * A check rule in the catalogue (remark-lint shaped): a stable id, the tables it needs, and a pure
 * `run` that returns findings. A rule whose inputs are missing returns one "not evaluated" finding
 * (`evaluated: false`, level info) instead of passing silently.
 */
export interface CheckContext {
  record: DocumentRecord;
  table(id: TableId): Table | undefined;
  facts: Fact[];
  /** The document's lines (cover, 目录, parts, tables), for the audit rules; absent in narrative tests. */
  doc?: DocView;
}

export interface Rule {
  id: string;
  /** Section and number in identities.md, e.g. "A6", "B10", "C8". */
  ref: string;
  description: string;
  run(ctx: CheckContext): Finding[];
}

/** A rule whose `run` also gets the rule itself, so its findings can name their rule. */
export function defineRule(
  id: string,
  ref: string,
  description: string,
  run: (ctx: CheckContext, self: Rule) => Finding[],
): Rule {
  const self: Rule = { id, ref, description, run: (ctx) => run(ctx, self) };
  return self;
}

export function makeContext(record: DocumentRecord, doc?: DocView): CheckContext {
  const byId = new Map(record.tables.map((t) => [t.id, t] as const));
  return { record, table: (id) => byId.get(id), facts: record.facts, ...(doc ? { doc } : {}) };
}
