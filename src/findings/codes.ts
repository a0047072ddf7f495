/**
 * The closed set of finding codes: the catalogue's, one per identity rule, one per narrative and audit rule,
 * and `input.<ErrorKind>` for a document that failed. A log line with any other code is a bug (a
 * test checks every sample's log against this list).
 */
import { ERROR_KINDS } from '../errors.js';
import { NATIONAL_IDENTITIES } from '../../parsers/identities.js';
import { narrativeRules } from '../checks/narrative.js';
import { auditRules } from '../checks/audit.js';
import { CATALOGUE } from './catalogue.js';

export const FINDING_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(CATALOGUE),
  ...NATIONAL_IDENTITIES.map((r) => r.id),
  ...narrativeRules.map((r) => r.id),
  ...auditRules.map((r) => r.id),
  ...ERROR_KINDS.map((k) => `input.${k}`),
]);
