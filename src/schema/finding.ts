import { z } from 'zod';
import { Box } from './record.js';

/** One line of the extraction-confidence log (output-contract.md, "Confidence log"). */
/** `review`: a person's correction applied to the record (`juesuan extract/export --corrections`). */
export const Stage = z.enum(['ingest', 'ocr', 'normalize', 'segment', 'table', 'check', 'review']);
export type Stage = z.infer<typeof Stage>;

export const Level = z.enum(['info', 'warn', 'error']);
export type Level = z.infer<typeof Level>;

export const Finding = z.object({
  level: Level,
  stage: Stage,
  /** Stable machine-readable name of the rule or step, e.g. `sum.children`. */
  check: z.string(),
  table: z.string().optional(),
  row: z.string().optional(),
  column: z.string().optional(),
  page: z.number().int().optional(),
  /** Where the cell the finding is about was printed: the record's box of that cell (`Row.boxes`). */
  box: Box.optional(),
  message: z.string(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  confidence: z.number().min(0).max(1).optional(),
  /** Whether the rule could be evaluated at all (`false` = "not evaluated" findings). */
  evaluated: z.boolean().optional(),
});
export type Finding = z.infer<typeof Finding>;
