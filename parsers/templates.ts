/** The templates juesuan knows (which one a report follows is decided in src/segment/template.ts). */
import { JIANGXI_10 } from './jiangxi-10.js';
import { NATIONAL_9 } from './national-9.js';
import { SHANGHAI_9 } from './shanghai-9.js';
import type { Template } from './template.js';

export const TEMPLATES: readonly Template[] = [JIANGXI_10, NATIONAL_9, SHANGHAI_9];

/** A template by the name a record gives (records written before templates were named: Jiangxi's). */
export function templateNamed(name: string | undefined): Template {
  return TEMPLATES.find((t) => t.name === name) ?? JIANGXI_10;
}
