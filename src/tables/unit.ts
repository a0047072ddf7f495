import type { Finding } from '../schema/finding.js';
import type { TableRegion } from '../segment/tables.js';
import { squash } from '../text/compact.js';
import { finding } from '../findings/catalogue.js';

/** The unit printed in a table's own header (金额单位：万元); a table that differs from the report is logged. */
export function tableUnit(region: TableRegion, reportUnit: string, findings: Finding[]): string {
  for (const line of region.lines.slice(0, 12)) {
    const m = /(?:金额)?单位[:：](万元|元|千元|亿元)/.exec(squash(line.text));
    if (m?.[1]) {
      if (m[1] !== reportUnit) {
        findings.push(
          finding(
            'table.unit-differs',
            { table: region.spec.id, unit: m[1], reportUnit },
            { table: region.spec.id, expected: reportUnit, actual: m[1] },
          ),
        );
      }
      return m[1];
    }
  }
  return reportUnit;
}
