import type { Finding } from './schema/finding.js';

/**
 * Stages append findings to a sink that travels with the document (like a VFile's messages);
 * pino is only for the process log.
 */
export class Findings {
  readonly list: Finding[] = [];
  add(f: Finding): Finding {
    this.list.push(f);
    return f;
  }
  addAll(fs: Iterable<Finding>): void {
    for (const f of fs) this.list.push(f);
  }
  count(level: Finding['level']): number {
    return this.list.filter((f) => f.level === level).length;
  }
}
