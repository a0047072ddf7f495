/**
 * A closed taxonomy of per-document failures. Errors are rebuilt by `kind` wherever results cross a
 * process or thread boundary (see `toExtractionError`), so callers can always branch on the kind
 * instead of parsing `err.toString()`.
 *
 * The kinds fall in two classes (README, "Failure kinds"): the input's fault, which the same bytes
 * under the same pipeline version would hit again, so an incremental run never retries them; and
 * transient faults, which say nothing about the input and are retried on the next run.
 */
export const ERROR_KINDS = [
  // The input's fault: never retried for unchanged bytes and pipeline version.
  'InputUnreadable', // zero bytes, truncated, not a PDF/text at all, not a regular file (FIFO, device)
  'Encrypted', // password-protected PDF we cannot open
  'NoTextLayer', // pages are images and OCR is off or failed
  'LayoutUnknown', // readable, but not a 部门决算 report we recognize
  'TooLarge', // above a size limit (--max-input-mb, --max-text-mb) or the worker's --memory-limit
  // Transient: retried on the next run.
  'Timeout', // the per-document time limit ran out
  'WorkerCrashed', // the worker thread died under the document (not by our limits)
  'Interrupted', // the batch was interrupted (second signal) while the document was in hand
  'Internal', // a bug: anything else (retried: it may depend on the machine's state)
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Kinds that say nothing about the input: an incremental run retries them. */
export const TRANSIENT_KINDS: ReadonlySet<ErrorKind> = new Set(['Timeout', 'WorkerCrashed', 'Interrupted', 'Internal']);

export function isTransient(kind: ErrorKind | undefined): boolean {
  return kind !== undefined && TRANSIENT_KINDS.has(kind);
}

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
