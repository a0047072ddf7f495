/**
 * The closed set of finding codes a log may hold: the catalogue's, one per identity, narrative and
 * audit rule, and `input.<ErrorKind>` for a document that failed. Any other code is a bug.
 */
import { CATALOGUE } from '../../src/findings/catalogue.js';
import { ERROR_KINDS } from '../../src/errors.js';
import { NATIONAL_IDENTITIES } from '../../parsers/identities.js';
import { narrativeRules } from '../../src/checks/narrative.js';
import { auditRules } from '../../src/checks/audit.js';

export const FINDING_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(CATALOGUE),
  ...NATIONAL_IDENTITIES.map((r) => r.id),
  ...narrativeRules.map((r) => r.id),
  ...auditRules.map((r) => r.id),
  ...ERROR_KINDS.map((k) => `input.${k}`),
]);
