import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../../scripts/gen-schema.js';
import { ROOT } from '../helpers/build.js';

describe('schema/*.schema.json', () => {
  it('are up to date with the zod schemas (run `npm run gen:schema` if this fails)', () => {
    for (const [name, text] of Object.entries(jsonSchemas())) {
      const file = join(ROOT, 'schema', name);
      expect(existsSync(file), `${file} missing`).toBe(true);
      expect(readFileSync(file, 'utf8'), name).toBe(text);
    }
  });

  it('the record schema carries the contract fields and the decimal-string rule', () => {
    const s = JSON.parse(readFileSync(join(ROOT, 'schema', 'record.schema.json'), 'utf8')) as {
      required: string[];
      properties: { tables: { items: { properties: { rows: { items: { properties: { values: { additionalProperties: { pattern: string } } } } } } } } };
    };
    expect(s.required).toEqual(expect.arrayContaining(['schemaVersion', 'source', 'document', 'parts', 'tables']));
    const pattern = s.properties.tables.items.properties.rows.items.properties.values.additionalProperties.pattern;
    expect(new RegExp(pattern).test('2693.88')).toBe(true);
    expect(new RegExp(pattern).test('2,693.88')).toBe(false);
  });
});
