import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { recordChecks } from '../checks/record-checks.js';
import { basename, join } from 'node:path';
import { DocumentRecord } from '../schema/record.js';
import { Finding } from '../schema/finding.js';
import { UsageError } from './usage.js';
import { runAuditRules } from '../checks/audit.js';
import { makeContext } from '../checks/rule.js';

/**
 * `juesuan check <record.json>...`: the findings of one or many records, by severity, for a reader
 * (text) or a program (`--format json`). Findings come from the record's sibling `X.log.jsonl` (the
 * log written with it, which also holds the ingest/table findings no re-run could reproduce); a
 * record without its log has its checks re-run from its tables and facts, and says so.
 * Exit 0 when no record has an `error` finding, 1 otherwise; unreadable input is a usage error (2).
 */
export interface CheckedRecord {
  record: string;
  department: string | null;
  year: number | null;
  /** Where the findings came from: the log's path, or "recomputed" when it was missing. */
  from: string;
  counts: { error: number; warn: number; info: number };
  findings: Finding[];
}

const ORDER = { error: 0, warn: 1, info: 2 } as const;

export function logPathOf(recordPath: string): string {
  return recordPath.replace(/\.json$/i, '') + '.log.jsonl';
}

export function loadChecked(recordPath: string): CheckedRecord {
  if (!existsSync(recordPath)) throw new UsageError(`${recordPath}: no such file`);
  let record: DocumentRecord;
  try {
    record = DocumentRecord.parse(JSON.parse(readFileSync(recordPath, 'utf8')));
  } catch (err) {
    throw new UsageError(`${recordPath}: not a juesuan document record (${(err as Error).message.split('\n')[0]})`);
  }
  const logPath = logPathOf(recordPath);
  let findings: Finding[];
  let from: string;
  if (existsSync(logPath)) {
    from = logPath;
    findings = readFileSync(logPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((line, i) => {
        const parsed = Finding.safeParse(safeJson(line));
        if (!parsed.success) throw new UsageError(`${logPath}:${i + 1}: not a finding`);
        return parsed.data;
      });
  } else {
    from = 'recomputed';
    findings = recompute(record);
  }
  findings = [...findings].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  const counts = { error: 0, warn: 0, info: 0 };
  for (const f of findings) counts[f.level]++;
  return {
    record: recordPath,
    department: record.document.department,
    year: record.document.year,
    from,
    counts,
    findings,
  };
}

/** The checks that depend only on the record: identities (A/B), negative amounts, narrative (C), audit (E). */
export function recompute(record: DocumentRecord): Finding[] {
  return [...recordChecks(record), ...runAuditRules(makeContext(record))];
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** `公开03表 code:20103 栏1` — where a finding applies, or `—` for document-level findings. */
export function where(f: Finding): string {
  const parts = [
    f.table ? `公开${f.table}表` : '',
    f.row ?? '',
    f.column ? `栏${f.column}` : '',
    f.page !== undefined ? `p.${f.page}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : '—';
}

export function renderText(records: CheckedRecord[]): string {
  const out: string[] = [];
  const total = { error: 0, warn: 0, info: 0 };
  for (const r of records) {
    for (const k of ['error', 'warn', 'info'] as const) total[k] += r.counts[k];
    out.push(
      `${r.record} — ${r.department ?? '(department unknown)'} ${r.year ?? ''} (findings from ${r.from === 'recomputed' ? 'the record: log missing, checks re-run' : r.from})`.trimEnd(),
    );
    for (const level of ['error', 'warn'] as const) {
      const fs = r.findings.filter((f) => f.level === level);
      if (!fs.length) continue;
      out.push(`  ${level} (${fs.length})`);
      for (const f of fs) {
        const sides =
          f.expected !== undefined || f.actual !== undefined
            ? `  expected ${f.expected ?? '—'}, actual ${f.actual ?? '—'}`
            : '';
        out.push(`    ${where(f)}${sides}  [${f.check}]`);
        out.push(`      ${f.message}`);
      }
    }
    const infos = r.findings.filter((f) => f.level === 'info');
    const byCheck = new Map<string, number>();
    for (const f of infos) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
    const top = [...byCheck]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 4)
      .map(([c, n]) => `${c} ${n}`);
    out.push(`  info: ${infos.length}${top.length ? ` (${top.join(', ')}${byCheck.size > 4 ? ', …' : ''})` : ''}`);
    if (!r.counts.error && !r.counts.warn) out.push('  no warn/error findings');
  }
  out.push(
    `${records.length} record${records.length === 1 ? '' : 's'}: ${total.error} error, ${total.warn} warn, ${total.info} info`,
  );
  return out.join('\n') + '\n';
}

export function renderJson(records: CheckedRecord[]): string {
  const counts = { error: 0, warn: 0, info: 0 };
  for (const r of records) for (const k of ['error', 'warn', 'info'] as const) counts[k] += r.counts[k];
  return JSON.stringify({ counts, records }, null, 2) + '\n';
}

/**
 * Record paths from the arguments: a folder means every record in it (an extract output folder), and
 * an output folder's manifest.json — caught by `out/*.json` — is not a record and is passed over.
 */
export function recordPaths(args: string[]): string[] {
  return args.flatMap((a) => {
    if (existsSync(a) && statSync(a).isDirectory()) {
      return readdirSync(a)
        .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
        .sort()
        .map((f) => join(a, f));
    }
    return basename(a) === 'manifest.json' ? [] : [a];
  });
}

export function checkCommand(paths: string[], o: { format: 'text' | 'json' }): number {
  const files = recordPaths(paths);
  if (!files.length) throw new UsageError('no records to check');
  const records = files.map(loadChecked); // UsageError (exit 2) before anything is printed
  process.stdout.write(o.format === 'json' ? renderJson(records) : renderText(records));
  return records.some((r) => r.counts.error > 0) ? 1 : 0;
}
