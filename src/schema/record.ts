import { z } from 'zod';

/**
 * The document record of output-contract.md (schema version 1). Field names are fixed by the
 * contract: add fields, never rename or drop. TypeScript types are inferred from these schemas.
 */
export const TABLE_IDS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] as const;
export const TableId = z.enum(TABLE_IDS);
export type TableId = z.infer<typeof TableId>;

/** Money and counts are decimal strings as printed (thousands separators removed). */
export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/);

export const RowKey = z.string().regex(/^(line:\d+|code:\d{3,7}|total|total:人员经费|total:公用经费)$/);

/** A place on a page or in a text file (output contract, "Provenance"). */
export const Box = z.union([
  z.tuple([z.number().int(), z.number(), z.number(), z.number(), z.number()]),
  z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
]);
export type Box = z.infer<typeof Box>;

export const Row = z.object({
  key: RowKey,
  code: z.string().optional(),
  level: z.enum(['类', '款', '项']).optional(),
  line: z.number().int().optional(),
  label: z.string(),
  values: z.record(z.string(), DecimalString),
  confidence: z.number().min(0).max(1).optional(),
  cellConfidence: z.record(z.string(), z.number().min(0).max(1)).optional(),
  /** For 01/04: which side of a two-sided table the row sits on. */
  side: z.enum(['income', 'expenditure']).optional(),
  /**
   * Where the label (`label`) and each value cell (by column) were read: `[page, x0, y0, x1, y1]` in
   * PDF points from the page's top-left (the drawn cell where there is one, else the glyphs' box),
   * or `[line, startColumn, line, endColumn]` (1-based) of a text input.
   */
  boxes: z.record(z.string(), Box).optional(),
});
export type Row = z.infer<typeof Row>;

export const Column = z.object({ no: z.number().int(), name: z.string() });
export type Column = z.infer<typeof Column>;

export const Table = z.object({
  id: TableId,
  title: z.string(),
  unit: z.string(),
  pages: z.array(z.number().int()),
  columns: z.array(Column),
  rows: z.array(Row),
  /** How value cells were placed in columns: by explicit cell separators, geometry, or arithmetic. */
  placement: z.enum(['explicit', 'geometry', 'arithmetic', 'mixed']).optional(),
});
export type Table = z.infer<typeof Table>;

export const Part = z.object({
  part: z.number().int().min(1).max(5),
  title: z.string(),
  pageStart: z.number().int().nullable(),
  pageEnd: z.number().int().nullable(),
  text: z.string(),
});
export type Part = z.infer<typeof Part>;

export const Fact = z.object({
  name: z.string(),
  value: DecimalString,
  unit: z.string(),
  page: z.number().int().nullable(),
  part: z.number().int(),
  sentence: z.string(),
  /** Extra qualifiers (e.g. the 类 a budget figure belongs to, or `budget` / `final` / `rate`). */
  subject: z.string().optional(),
});
export type Fact = z.infer<typeof Fact>;

export const Source = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(['pdf', 'text']),
  pages: z.number().int().nullable(),
  textLayer: z.enum(['native', 'ocr', 'mixed', 'none']),
});
export type Source = z.infer<typeof Source>;

export const DocumentInfo = z.object({
  department: z.string(),
  year: z.number().int().nullable(),
  unit: z.string(),
});

export const DocumentRecord = z.object({
  schemaVersion: z.literal(1),
  source: Source,
  document: DocumentInfo,
  /** The template the report follows (parsers/templates.ts): which tables it prints, how rows are keyed. */
  template: z.enum(['jiangxi-10', 'national-9', 'shanghai-9']).optional(),
  parts: z.array(Part),
  confidence: z.object({
    document: z.number().min(0).max(1),
    tables: z.record(z.string(), z.number().min(0).max(1)),
  }),
  facts: z.array(Fact),
  tables: z.array(Table),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;
