/**
 * The identities a document's template implies, instantiated on the rows the document has (the
 * rules themselves are template data: parsers/identities.ts).
 */
import type { CellValues } from '../cells/cell-grid.js';
import type { Identity } from './identity.js';
import { instantiateRules } from './rule.js';
import { JIANGXI_10 } from '../../parsers/jiangxi-10.js';
import type { Template } from '../../parsers/template.js';

export function instantiate(values: CellValues, template: Template = JIANGXI_10): Identity[] {
  return instantiateRules(template.identities, values);
}
