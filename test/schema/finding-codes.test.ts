/**
 * Every finding the pipeline writes has a code from the closed list (catalogue, identity rules,
 * narrative rules, input failures), over the bundled samples of every input kind but scans.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/pipeline.js';
import { CATALOGUE } from '../../src/findings/catalogue.js';
import { FINDING_CODES } from '../helpers/finding-codes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const inputs = [
  ...readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.txt')),
  ...readdirSync(path.join(ROOT, 'samples/pdf')).map((f) => `pdf/${f}`),
  'realworld/putuo-social-2024.pdf',
  ...readdirSync(path.join(ROOT, 'test/fixtures/pdf')).map((f) => `../test/fixtures/pdf/${f}`),
].filter((f) => statSync(path.join(ROOT, 'samples', f)).isFile());

describe('finding codes', () => {
  it('the catalogue gives each code one stage, level and a Chinese message', () => {
    for (const [code, e] of Object.entries(CATALOGUE)) {
      expect(code).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
      expect(['ingest', 'ocr', 'normalize', 'segment', 'table', 'check', 'review']).toContain(e.stage);
      expect(['info', 'warn', 'error']).toContain(e.level);
    }
  });

  it.each(inputs)('%s: every finding has a known code', async (file) => {
    const r = await extractDocument({ path: file, bytes: new Uint8Array(readFileSync(path.join(ROOT, 'samples', file))) });
    const unknown = r.findings.map((f) => f.check).filter((c) => !FINDING_CODES.has(c));
    expect(unknown).toEqual([]);
  }, 60_000);
});
