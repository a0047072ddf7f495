/**
 * The national template where it differs from Jiangxi's: the nine 部门决算 tables without
 * 国有资产占用情况表, 行次 printed; the vehicles of 10 and the identities that read them do not apply.
 */
import { NATIONAL_IDENTITIES } from './identities.js';
import { TABLE_SPECS } from './tables.js';
import { identitiesFor, type Template } from './template.js';

const tables = TABLE_SPECS.filter((t) => t.id !== '10');

export const NATIONAL_9: Template = {
  name: 'national-9',
  description: '全国部门决算公开模板：九张表（无国有资产占用情况表），印行次',
  tables,
  identities: identitiesFor(NATIONAL_IDENTITIES, tables),
  lineNumbers: 'printed',
  tableLabels: false,
};
