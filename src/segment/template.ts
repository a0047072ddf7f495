/**
 * Which template a report follows, from the tables segment found: a report whose tables carry
 * 公开NN表 labels, or that prints 国有资产占用情况表, follows Jiangxi's (a missing table is then
 * missing, not another template); one with neither label nor 行次 follows Shanghai's; any other, the
 * national nine tables.
 */
import type { TableRegion } from './tables.js';
import { JIANGXI_10 } from '../../parsers/jiangxi-10.js';
import { NATIONAL_9 } from '../../parsers/national-9.js';
import { SHANGHAI_9 } from '../../parsers/shanghai-9.js';
import type { Template } from '../../parsers/template.js';

export function detectTemplate(regions: readonly TableRegion[]): Template {
  if (regions.length === 0 || regions.some((r) => r.spec.id === '10' || r.printedNo !== null)) return JIANGXI_10;
  const t01 = regions.find((r) => r.spec.id === '01');
  return t01 && !printsLineNumbers(t01) ? SHANGHAI_9 : NATIONAL_9;
}

/** Does the 收入支出决算总表 print its 行次 (a run reading 27 or 58 on a line with a 合计 label)? */
function printsLineNumbers(region: TableRegion): boolean {
  return region.lines.some(
    (l) => /本年(?:收入|支出)合计/.test(l.text) && l.runs.some((r) => /^(?:27|58)$/.test(r.text.trim())),
  );
}
