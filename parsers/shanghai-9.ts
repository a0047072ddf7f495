/**
 * Shanghai's 9-table variant, in one place (samples/realworld/putuo-social-2024.pdf, the realworld
 * README's mapping decisions):
 * - nine tables, no 国有资产占用情况表, no 公开NN表 labels; tables are found by title (the 三公 table is
 *   printed seventh and is still "09"), and titles may read 收支决算总表 / 支出决算表 for the
 *   national 收入支出决算总表 / 收入支出决算表 (the title patterns of tables.ts accept both);
 * - no 行次 in 01/04/09: each row is keyed by the canonical 行次 of its label (the Jiangxi 2024 layout
 *   of seed 000), logged as inferred; a printed label with no counterpart is logged, an unlabeled
 *   empty row dropped (read-lines.ts keys rows by label whenever a table prints no 行次);
 * - no 栏次 row: value columns are found by their header names (header.ts `namedHead`);
 * - 09 is printed as one row of groups (预算数 / 决算数 per item): items 1 三公合计, 2 因公出国（境）费,
 *   3 公务用车购置及运行维护费, 4 购置费, 5 运行维护费, 6 公务接待费, 预算数 to column 1 (年初预算数)
 *   and 决算数 to column 3 — not read yet: the table is emitted with its rows unkeyed and logged;
 * - 08 prints six value columns, like 07; they are numbered as printed.
 */
import { NATIONAL_IDENTITIES } from './identities.js';
import { TABLE_SPECS } from './tables.js';
import { identitiesFor, type Template } from './template.js';

const tables = TABLE_SPECS.filter((t) => t.id !== '10');

export const SHANGHAI_9: Template = {
  name: 'shanghai-9',
  description: '上海市部门决算公开模板：九张表，无公开NN表表号，不印行次（按标签取行次）',
  tables,
  identities: identitiesFor(NATIONAL_IDENTITIES, tables),
  lineNumbers: 'by-label',
  tableLabels: false,
};
