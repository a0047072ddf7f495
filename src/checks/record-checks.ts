/**
 * The checks a record's tables and facts alone determine, as the pipeline runs them: identities (A/B),
 * negative amounts, suspect rows, narrative rules (C, with the unit slips they find). Run again on a
 * record read back (`juesuan check` without its log) or changed after extraction (corrections), so
 * neither keeps its own list. Audit rules (E) read the document's text too and are not among them.
 */
import type { DocumentRecord } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import { gridFromTables } from '../cells/from-tables.js';
import { instantiate } from '../../parsers/template.js';
import { templateNamed } from '../../parsers/templates.js';
import { NATIONAL_IDENTITIES } from '../../parsers/identities.js';
import { runIdentityChecks, negativeAmounts } from './run-checks.js';
import { flagSuspectRows } from './suspect-rows.js';
import { narrativeRules, runNarrativeRules } from './narrative.js';
import { makeContext } from './rule.js';

/** The codes `recordChecks` writes: findings with these are replaced, never kept beside new ones. */
export const RECORD_CHECK_CODES: ReadonlySet<string> = new Set([
  ...NATIONAL_IDENTITIES.map((r) => r.id),
  ...narrativeRules.map((r) => r.id),
  'audit.unit-magnitude',
  'check.summary',
  'check.not-evaluated',
  'check.suspect-row',
  'value.negative',
]);

/** `others`: the findings kept from extraction, so a row already named is not named again as suspect. */
export function recordChecks(record: DocumentRecord, others: readonly Finding[] = []): Finding[] {
  const template = templateNamed(record.template);
  const grid = gridFromTables(record.tables);
  const identities = instantiate(template, grid);
  const checks = [...runIdentityChecks(grid, identities, template), ...negativeAmounts(record.tables)];
  const suspects = flagSuspectRows(grid, identities, [...others, ...checks]);
  return [...checks, ...suspects, ...runNarrativeRules(makeContext(record))];
}
