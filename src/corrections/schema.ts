import { z } from 'zod';
import { DecimalString, RowKey, TableId } from '../schema/record.js';

/**
 * One decision a reviewer made about a cell on the review page: the value they read there (the
 * value the record has, when they accepted it). A correction names its cell by the document's
 * sha256 and the cell's key (table, row key, column number), never by position, so it survives a
 * re-extraction that reorders rows or pages. `by`, `at` and `note` are free text for people.
 */
export const Correction = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The document's output name when the correction was made (for people; not used to match). */
  document: z.string().optional(),
  table: TableId,
  row: RowKey,
  column: z.string().regex(/^\d+$/),
  value: DecimalString,
  /** The value the record had when the reviewer decided (null: the cell was empty). */
  was: z.string().nullable().optional(),
  by: z.string().optional(),
  at: z.string().optional(),
  note: z.string().optional(),
});
export type Correction = z.infer<typeof Correction>;

/** `corrections.json`, as the review page saves it. */
export const CorrectionsFile = z.object({
  kind: z.literal('juesuan-corrections'),
  version: z.literal(1),
  corrections: z.array(Correction),
});
export type CorrectionsFile = z.infer<typeof CorrectionsFile>;
