import type { Finding } from '../schema/finding.js';
import type { TableRegion } from '../segment/tables.js';
import { squash } from '../text/compact.js';

/** The unit printed in a table's own header (金额单位：万元); a table that differs from the report is logged. */
export function tableUnit(region: TableRegion, reportUnit: string, findings: Finding[]): string {
  for (const line of region.lines.slice(0, 12)) {
    const m = /(?:金额)?单位[:：](万元|元|千元|亿元)/.exec(squash(line.text));
    if (m?.[1]) {
      if (m[1] !== reportUnit) {
        findings.push({
          level: 'warn',
          stage: 'table',
          check: 'table.unit-differs',
          table: region.spec.id,
          message: `公开${region.spec.id}表 is in ${m[1]} while the report uses ${reportUnit}`,
          expected: reportUnit,
          actual: m[1],
        });
      }
      return m[1];
    }
  }
  return reportUnit;
}
