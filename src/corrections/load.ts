import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CorrectionsFile, type Correction } from './schema.js';

/** Corrections by document sha256, in the order given (files in order, then entries in order). */
export class CorrectionSet {
  readonly byDocument = new Map<string, Correction[]>();

  constructor(corrections: Iterable<Correction>) {
    for (const c of corrections) {
      const list = this.byDocument.get(c.sha256) ?? [];
      list.push(c);
      this.byDocument.set(c.sha256, list);
    }
  }

  get size(): number {
    let n = 0;
    for (const l of this.byDocument.values()) n += l.length;
    return n;
  }

  for(sha256: string): Correction[] {
    return this.byDocument.get(sha256) ?? [];
  }

  /**
   * A digest of the corrections that apply to one document (undefined when none): the manifest
   * keeps it, so an incremental run redoes a document whose corrections changed, and only those.
   */
  digest(sha256: string): string | undefined {
    const list = this.for(sha256);
    if (!list.length) return undefined;
    return createHash('sha256').update(JSON.stringify(list)).digest('hex').slice(0, 16);
  }
}

/** Read and validate corrections files; throws an Error naming the file and the first problem. */
export function loadCorrections(files: readonly string[]): CorrectionSet {
  const all: Correction[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: cannot read corrections (${(err as Error).message.split('\n')[0]})`, {
        cause: err,
      });
    }
    const parsed = CorrectionsFile.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? first.path.map(String).join('.') : '';
      throw new Error(`${file}: not a juesuan corrections file (at ${where || 'top'}: ${first?.message ?? ''})`);
    }
    all.push(...parsed.data.corrections);
  }
  return new CorrectionSet(all);
}
