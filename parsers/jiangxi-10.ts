/**
 * Jiangxi's template (the seeds, Jingdezhen 2022–2024): the national nine tables plus 国有资产占用情况表
 * (公开10表), each labelled 公开NN表, 行次 printed in 01/04/09/10.
 */
import { NATIONAL_IDENTITIES } from './identities.js';
import { TABLE_SPECS } from './tables.js';
import type { Template } from './template.js';

export const JIANGXI_10: Template = {
  name: 'jiangxi-10',
  description: '江西省部门决算公开模板：公开01表…公开10表（含国有资产占用情况表），印行次',
  tables: TABLE_SPECS,
  identities: NATIONAL_IDENTITIES,
  lineNumbers: 'printed',
  tableLabels: true,
};
