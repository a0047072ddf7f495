/**
 * Output folders for the review and corrections tests: real extractions of bundled samples, one of
 * them with a cell deliberately misread after extraction (a digit swap, as OCR makes them) and
 * checked again, so its identities fail and flag that cell exactly as the pipeline would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument, type DocumentResult } from '../../src/pipeline.js';
import { reevaluate } from '../../src/corrections/apply.js';
import { collectInputs } from '../../src/batch/inputs.js';
import { assignOutputNames } from '../../src/batch/names.js';
import { runBatch } from '../../src/batch/run.js';
import { inProcessExecutor, type ExtractFn } from '../../src/batch/executor.js';
import type { CorrectionSet } from '../../src/corrections/load.js';
import { ROOT } from './build.js';

export const silent = { info() {}, warn() {}, debug() {} };

/** The cell misread on purpose: 公开03表 2010301 行政运行, 栏1, printed 256.28, "read" 265.28. */
export const MISREAD = { table: '03', row: 'code:2010301', column: '1', printed: '256.28', read: '265.28' } as const;

export function misread(r: DocumentResult): DocumentResult {
  if (!r.record) return r;
  const record = structuredClone(r.record);
  const row = record.tables.find((t) => t.id === MISREAD.table)?.rows.find((x) => x.key === MISREAD.row);
  if (!row || row.values[MISREAD.column] !== MISREAD.printed) return r;
  row.values[MISREAD.column] = MISREAD.read;
  const again = reevaluate(record, r.findings);
  return { ...r, ...again };
}

/** The real pipeline, with files whose name contains "misread" misread as above. */
export const misreadingPipeline: ExtractFn = async (input, options) => {
  const r = await extractDocument(input, options);
  return input.path.includes('misread') ? misread(r) : r;
};

export function sample(rel: string): Buffer {
  return readFileSync(join(ROOT, 'samples', rel));
}

export async function extractFolder(root: string, out: string, corrections?: CorrectionSet) {
  const files = collectInputs([root]);
  const names = assignOutputNames(files.map((f) => f.path));
  return runBatch(
    files.map((f) => ({ ...f, output: names.get(f.path)! })),
    {
      outDir: out,
      force: false,
      concurrency: 1,
      strict: false,
      extract: { ocr: 'never', foldGlyphs: true },
      pipelineVersion: 'test',
      ...(corrections ? { corrections } : {}),
    },
    { executor: inProcessExecutor(misreadingPipeline), log: silent },
  );
}
