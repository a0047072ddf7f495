import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ERROR_KINDS, isTransient } from '../errors.js';
import { writeFileAtomic, writeFileAtomicAsync } from './atomic.js';
import { compare } from './inputs.js';
import { isSafeName } from './names.js';
import { OperationalError, fsProblem, writeFailure } from './out-dir.js';

/**
 * `DIR/manifest.json` (output-contract.md, "Files written per input document"). One entry per
 * output name. `status` is what happened to the input in the run that last touched it, `skipped`
 * included; `outcome` is the status of the extraction that produced the files on disk, so an entry
 * that is skipped run after run still says whether its record is ok, partial or missing.
 */
export const FindingCounts = z.object({ info: z.number().int(), warn: z.number().int(), error: z.number().int() });
export type FindingCounts = z.infer<typeof FindingCounts>;

export const Outcome = z.enum(['ok', 'partial', 'failed']);
export type Outcome = z.infer<typeof Outcome>;

export const ManifestEntry = z.object({
  path: z.string(),
  output: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pipelineVersion: z.string(),
  status: z.enum(['ok', 'partial', 'failed', 'skipped']),
  outcome: Outcome,
  reason: z.string().optional(),
  errorKind: z.enum(ERROR_KINDS).optional(),
  findings: FindingCounts,
  elapsedMs: z.number().int().nonnegative(),
  pages: z.number().int().nullable(),
  /** Whether `DIR/<output>.json` was written (failed documents have no record). */
  record: z.boolean(),
  /** ISO time of the extraction that produced the files. */
  extractedAt: z.string(),
  /** Digest of the reviewers' corrections applied to the record (`--corrections`); absent when none. */
  corrections: z.string().optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const Manifest = z.object({
  schemaVersion: z.literal(1),
  pipelineVersion: z.string(),
  updatedAt: z.string(),
  /** The `--shard` of the run that wrote it, for merge to check it got every shard. */
  shard: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
  documents: z.array(ManifestEntry),
});
export type Manifest = z.infer<typeof Manifest>;

export const MANIFEST_FILE = 'manifest.json';

export function emptyManifest(pipelineVersion: string): Manifest {
  return { schemaVersion: 1, pipelineVersion, updatedAt: new Date().toISOString(), documents: [] };
}

/**
 * Read a manifest; a missing file is an empty manifest. A corrupt one cannot come from us (writes
 * are atomic), so it is an error naming the file and what to do (OperationalError `unusable`)
 * rather than something to silently overwrite. Entries whose `output` is not a plain file name
 * (names.ts) are dropped and passed to `onUnsafe`: nothing is ever read, written or deleted by them.
 */
export function readManifest(
  dir: string,
  pipelineVersion: string,
  onUnsafe: (entry: { path?: unknown; output?: unknown }) => void = () => {},
): Manifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return emptyManifest(pipelineVersion);
  const advice =
    'it is only ever written whole, so something else changed it: restore it, or move it aside to start ' +
    'the folder afresh (every input is then extracted again)';
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? `not JSON (${err.message})` : fsProblem(err);
    throw new OperationalError('unusable', `${file} is corrupt: ${why}; ${advice}`, { cause: err });
  }
  const docs = (json as { documents?: unknown })?.documents;
  if (Array.isArray(docs)) {
    const safe = docs.filter((e: { output?: unknown } | null) => isSafeName(e?.output));
    for (const e of docs) if (!safe.includes(e)) onUnsafe(e as { path?: unknown; output?: unknown });
    (json as { documents: unknown[] }).documents = safe;
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.map(String).join('.') || '(top)'}: ${issue.message}` : '';
    throw new OperationalError('unusable', `${file} is not a juesuan manifest (${where}); ${advice}`);
  }
  return parsed.data;
}

function serialize(m: Manifest): string {
  const documents = [...m.documents].sort((a, b) => compare(a.output, b.output));
  return JSON.stringify({ ...m, updatedAt: new Date().toISOString(), documents }, null, 2) + '\n';
}

/** Write a manifest (atomically); a failed write is an OperationalError `write` naming the file. */
export function writeManifest(dir: string, m: Manifest): void {
  const file = join(dir, MANIFEST_FILE);
  try {
    writeFileAtomic(file, serialize(m));
  } catch (err) {
    throw writeFailure(err, file);
  }
}

/**
 * Rewrites the manifest after each document without blocking the thread: writes are serialized
 * (an older snapshot can never be renamed over a newer one) and coalesced (requests made while a
 * write is in flight become one more write of the latest state).
 */
export class ManifestWriter {
  private inFlight: Promise<void> | undefined;
  private dirty = false;
  /** The first failed write (disk full…): later requests are dropped, flush() throws it. */
  error: OperationalError | undefined;

  constructor(
    private readonly dir: string,
    private readonly snapshot: () => Manifest,
  ) {}

  request(): void {
    if (this.error) return;
    this.dirty = true;
    this.inFlight ??= this.loop();
  }

  private async loop(): Promise<void> {
    const file = join(this.dir, MANIFEST_FILE);
    try {
      while (this.dirty && !this.error) {
        this.dirty = false;
        await writeFileAtomicAsync(file, serialize(this.snapshot()));
      }
    } catch (err) {
      this.error = writeFailure(err, file);
    } finally {
      this.inFlight = undefined;
    }
  }

  /** Wait until the latest requested state is on disk; throws the write failure if there was one. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.error) throw this.error;
  }
}

/**
 * Whether a previous run already did this input: same bytes, same pipeline version, a settled
 * outcome, and the record it claims is on disk (someone may have deleted it).
 */
export function isDone(
  prev: ManifestEntry | undefined,
  sha256: string,
  pipelineVersion: string,
  recordExists: (output: string) => boolean,
  corrections?: string,
): prev is ManifestEntry {
  if (!prev || prev.sha256 !== sha256 || prev.pipelineVersion !== pipelineVersion) return false;
  // Other corrections for the document (or none where some were applied): its record is redone.
  if (prev.outcome !== 'failed' && prev.corrections !== corrections) return false;
  if (prev.outcome === 'failed' && isTransient(prev.errorKind)) return false;
  return !prev.record || recordExists(prev.output);
}
