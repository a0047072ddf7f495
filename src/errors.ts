/**
 * A closed taxonomy of per-document failures. Errors are rebuilt by `kind` wherever results cross a
 * process or thread boundary (see `toExtractionError`), so callers can always branch on the kind
 * instead of parsing `err.toString()`.
 */
export const ERROR_KINDS = [
  'InputUnreadable', // zero bytes, truncated, not a PDF/text at all
  'Encrypted', // password-protected PDF we cannot open
  'NoTextLayer', // pages are images and OCR is off or failed
  'LayoutUnknown', // readable, but not a 部门决算 report we recognize
  'Timeout', // the per-document time limit ran out
  'Internal', // a bug: anything else
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export class ExtractionError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExtractionError';
    this.kind = kind;
  }
}

/** Normalize anything thrown into an ExtractionError; unknown errors become `Internal`. */
export function toExtractionError(err: unknown): ExtractionError {
  if (err instanceof ExtractionError) return err;
  if (err && typeof err === 'object' && 'kind' in err && 'message' in err) {
    const kind = (err as { kind: unknown }).kind;
    if (typeof kind === 'string' && (ERROR_KINDS as readonly string[]).includes(kind)) {
      return new ExtractionError(kind as ErrorKind, String((err as { message: unknown }).message));
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ExtractionError('Internal', message, { cause: err });
}
