import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentRecord } from '../schema/record.js';
import { Finding } from '../schema/finding.js';
import { MANIFEST_FILE, readManifest, type ManifestEntry } from '../batch/manifest.js';
import { outputFile } from '../batch/names.js';
import { OperationalError } from '../batch/out-dir.js';
import { applyCorrections } from '../corrections/apply.js';
import type { CorrectionSet } from '../corrections/load.js';
import type { Correction } from '../corrections/schema.js';

/**
 * The dataset's four tables, flattened from an extract output folder. Every value is text or an
 * integer/real for the non-money fields: money stays the decimal string the record holds, so no
 * consumer gets a float rounding of a printed amount.
 */
export const COLUMNS = {
  documents: [
    'document',
    'path',
    'sha256',
    'status',
    'reason',
    'format',
    'pages',
    'text_layer',
    'department',
    'year',
    'unit',
    'confidence',
    'tables',
    'info',
    'warn',
    'error',
    'pipeline_version',
  ],
  cells: [
    'document',
    'department',
    'year',
    'table_id',
    'table_title',
    'unit',
    'row_key',
    'code',
    'level',
    'label',
    'line',
    'side',
    'column_no',
    'column_name',
    'value',
    'confidence',
  ],
  findings: [
    'document',
    'level',
    'stage',
    'check',
    'table_id',
    'row_key',
    'column_no',
    'page',
    'message',
    'expected',
    'actual',
    'confidence',
  ],
  facts: ['document', 'department', 'year', 'name', 'subject', 'value', 'unit', 'page', 'part', 'sentence'],
} as const;

export type Kind = keyof typeof COLUMNS;
export type Value = string | number | null;
export type RowOf<K extends Kind> = Record<(typeof COLUMNS)[K][number], Value>;
export type DatasetRow = { [K in Kind]: { kind: K; row: RowOf<K> } }[Kind];

/** Called for a record or log line that does not match the contract; its rows are left out. */
export type OnProblem = (document: string, problem: string) => void;

/** Reviewers' corrections to apply while exporting (`export --corrections`), and what became of them. */
export interface RowOptions {
  corrections?: CorrectionSet;
  /** Called once per document whose corrections were looked at, with the counts. */
  onCorrected?: (document: string, c: { applied: number; already: number; unmatched: number }) => void;
  /** Called for each correction whose document is not in the folder (or has no valid record). */
  onOrphan?: (c: Correction) => void;
}

/**
 * Rows of every document in the folder, document by document, so memory stays one record deep.
 * Records are validated against the zod schema: a record that does not conform contributes its
 * documents row (status kept) but no cells or facts, and is reported through `onProblem`. With
 * corrections, each record is corrected (src/corrections) before its rows are made, and its
 * documents row carries the corrected status and finding counts.
 */
export function* datasetRows(
  dir: string,
  onProblem: OnProblem = () => {},
  options: RowOptions = {},
): Generator<DatasetRow> {
  if (!existsSync(join(dir, MANIFEST_FILE)))
    throw new OperationalError('unusable', `${dir} has no ${MANIFEST_FILE}: not an extract output folder`);
  // Entries whose output name is not a plain file name are never followed outside the folder.
  const manifest = readManifest(dir, '', (e) =>
    onProblem(String(e.output), 'manifest entry with an unsafe output name left out'),
  );
  const corrected = new Set<string>();
  for (let entry of manifest.documents) {
    const recordFile = outputFile(dir, entry.output, '.json');
    let record: DocumentRecord | null = null;
    if (entry.record && existsSync(recordFile)) {
      const parsed = DocumentRecord.safeParse(JSON.parse(readFileSync(recordFile, 'utf8')));
      if (parsed.success) record = parsed.data;
      else onProblem(entry.output, `record does not match the schema: ${summarize(parsed.error.issues)}`);
    }
    let findings = readLog(dir, entry.output, onProblem);
    const mine = record ? (options.corrections?.for(record.source.sha256) ?? []) : [];
    if (record && mine.length) {
      corrected.add(record.source.sha256);
      const c = applyCorrections(record, findings, mine);
      options.onCorrected?.(entry.output, { applied: c.applied, already: c.already, unmatched: c.unmatched });
      if (c.record !== record || c.findings.length !== findings.length) {
        record = c.record;
        findings = c.findings;
        const { reason: _r, ...rest } = entry;
        entry = {
          ...rest,
          outcome: c.status,
          findings: countFindings(findings),
          ...(c.reason ? { reason: c.reason } : {}),
        };
      }
    }
    yield { kind: 'documents', row: documentRow(entry, record, manifest.pipelineVersion) };
    if (record) {
      yield* cellRows(entry.output, record);
      for (const f of record.facts) {
        yield {
          kind: 'facts',
          row: {
            document: entry.output,
            department: record.document.department,
            year: record.document.year,
            name: f.name,
            subject: f.subject ?? null,
            value: f.value,
            unit: f.unit,
            page: f.page,
            part: f.part,
            sentence: f.sentence,
          },
        };
      }
    }
    for (const f of findings) {
      yield {
        kind: 'findings',
        row: {
          document: entry.output,
          level: f.level,
          stage: f.stage,
          check: f.check,
          table_id: f.table ?? null,
          row_key: f.row ?? null,
          column_no: f.column ?? null,
          page: f.page ?? null,
          message: f.message,
          expected: f.expected ?? null,
          actual: f.actual ?? null,
          confidence: f.confidence ?? null,
        },
      };
    }
  }
  if (options.corrections && options.onOrphan) {
    for (const [sha256, list] of options.corrections.byDocument)
      if (!corrected.has(sha256)) for (const c of list) options.onOrphan(c);
  }
}

/** A document's log lines that match the schema (the others are reported and left out). */
export function readLog(dir: string, output: string, onProblem: OnProblem = () => {}): Finding[] {
  const logFile = outputFile(dir, output, '.log.jsonl');
  if (!existsSync(logFile)) return [];
  const out: Finding[] = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const parsed = Finding.safeParse(JSON.parse(line));
    if (!parsed.success) {
      onProblem(output, `log line does not match the schema: ${summarize(parsed.error.issues)}`);
      continue;
    }
    out.push(parsed.data);
  }
  return out;
}

function countFindings(findings: readonly Finding[]): ManifestEntry['findings'] {
  const c = { info: 0, warn: 0, error: 0 };
  for (const f of findings) c[f.level]++;
  return c;
}

function documentRow(e: ManifestEntry, r: DocumentRecord | null, version: string): RowOf<'documents'> {
  return {
    document: e.output,
    path: e.path,
    sha256: e.sha256,
    status: e.outcome,
    reason: e.reason ?? null,
    format: r?.source.format ?? null,
    pages: r?.source.pages ?? e.pages,
    text_layer: r?.source.textLayer ?? null,
    department: r?.document.department ?? null,
    year: r?.document.year ?? null,
    unit: r?.document.unit ?? null,
    confidence: r?.confidence.document ?? null,
    tables: r ? r.tables.length : 0,
    info: e.findings.info,
    warn: e.findings.warn,
    error: e.findings.error,
    pipeline_version: e.pipelineVersion || version,
  };
}

/** The long table: one row per printed cell, in the record's table/row/column order. */
function* cellRows(document: string, r: DocumentRecord): Generator<DatasetRow> {
  for (const t of r.tables) {
    const colName = new Map(t.columns.map((c) => [String(c.no), c.name]));
    for (const row of t.rows) {
      const cols = Object.keys(row.values).sort((a, b) => Number(a) - Number(b));
      for (const col of cols) {
        yield {
          kind: 'cells',
          row: {
            document,
            department: r.document.department,
            year: r.document.year,
            table_id: t.id,
            table_title: t.title,
            unit: t.unit,
            row_key: row.key,
            code: row.code ?? null,
            level: row.level ?? null,
            label: row.label,
            line: row.line ?? null,
            side: row.side ?? null,
            column_no: Number(col),
            column_name: colName.get(col) ?? null,
            value: row.values[col]!,
            confidence: row.cellConfidence?.[col] ?? row.confidence ?? null,
          },
        };
      }
    }
  }
}

function summarize(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  const where = first ? first.path.map(String).join('.') : '';
  return `${issues.length} issue(s), first at ${where}: ${first?.message ?? ''}`;
}
