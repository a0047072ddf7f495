/**
 * Writes the JSON Schemas of the output files, generated from the zod schemas (the single source of
 * truth), into `schema/`: record.schema.json (DIR/<name>.json), finding.schema.json (one line of
 * DIR/<name>.log.jsonl) and manifest.schema.json. Run `npm run gen:schema` after changing a schema;
 * test/schema/json-schema.test.ts fails while the committed files are out of date.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DocumentRecord } from '../src/schema/record.js';
import { Finding } from '../src/schema/finding.js';
import { Manifest } from '../src/batch/manifest.js';

const BASE = 'https://juesuan.invalid/schema/';

export function jsonSchemas(): Record<string, string> {
  const one = (name: string, title: string, schema: z.ZodType): [string, string] => {
    const js = { $id: `${BASE}${name}`, title, ...z.toJSONSchema(schema, { target: 'draft-2020-12' }) };
    return [name, JSON.stringify(js, null, 2) + '\n'];
  };
  return Object.fromEntries([
    one('record.schema.json', 'juesuan document record (output-contract.md, schema version 1)', DocumentRecord),
    one('finding.schema.json', 'juesuan finding: one line of <name>.log.jsonl', Finding),
    one('manifest.schema.json', 'juesuan batch manifest (DIR/manifest.json)', Manifest),
  ]);
}

/** The package's schema/ folder, found from this file whether it runs from scripts/ or dist/scripts/. */
export function schemaDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes('/dist/scripts') ? resolve(here, '..', '..', 'schema') : resolve(here, '..', 'schema');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = schemaDir();
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(jsonSchemas())) {
    writeFileSync(join(dir, name), text);
    console.log(`wrote ${join(dir, name)}`);
  }
}
