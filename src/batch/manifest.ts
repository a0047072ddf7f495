import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ERROR_KINDS } from '../errors.js';
import { writeFileAtomic, writeFileAtomicAsync } from './atomic.js';
import { compare } from './inputs.js';

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

/** Failure kinds worth retrying on the next run without --force: they say nothing about the input. */
const TRANSIENT = new Set(['Timeout', 'Internal']);

export function emptyManifest(pipelineVersion: string): Manifest {
  return { schemaVersion: 1, pipelineVersion, updatedAt: new Date().toISOString(), documents: [] };
}

/**
 * Read a manifest; a missing file is an empty manifest. A corrupt one cannot come from us (writes
 * are atomic), so it is an error rather than something to silently overwrite.
 */
export function readManifest(dir: string, pipelineVersion: string): Manifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return emptyManifest(pipelineVersion);
  const parsed = Manifest.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a juesuan manifest: ${parsed.error.message}`);
  return parsed.data;
}

function serialize(m: Manifest): string {
  const documents = [...m.documents].sort((a, b) => compare(a.output, b.output));
  return JSON.stringify({ ...m, updatedAt: new Date().toISOString(), documents }, null, 2) + '\n';
}

export function writeManifest(dir: string, m: Manifest): void {
  writeFileAtomic(join(dir, MANIFEST_FILE), serialize(m));
}

/**
 * Rewrites the manifest after each document without blocking the thread: writes are serialized
 * (an older snapshot can never be renamed over a newer one) and coalesced (requests made while a
 * write is in flight become one more write of the latest state).
 */
export class ManifestWriter {
  private inFlight: Promise<void> | undefined;
  private dirty = false;

  constructor(
    private readonly dir: string,
    private readonly snapshot: () => Manifest,
  ) {}

  request(): void {
    this.dirty = true;
    this.inFlight ??= this.loop();
  }

  private async loop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await writeFileAtomicAsync(join(this.dir, MANIFEST_FILE), serialize(this.snapshot()));
      }
    } finally {
      this.inFlight = undefined;
    }
  }

  /** Wait until the latest requested state is on disk. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
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
): prev is ManifestEntry {
  if (!prev || prev.sha256 !== sha256 || prev.pipelineVersion !== pipelineVersion) return false;
  if (prev.outcome === 'failed' && prev.errorKind && TRANSIENT.has(prev.errorKind)) return false;
  return !prev.record || recordExists(prev.output);
}
