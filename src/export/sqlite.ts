import { renameSync, existsSync, unlinkSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tempPathFor } from '../batch/atomic.js';
import { COLUMNS, datasetRows, type Kind, type OnProblem, type RowOptions } from './rows.js';

/** Column types; everything not listed is TEXT (money included: decimal strings, never REAL). */
const INTEGER = new Set(['pages', 'year', 'tables', 'info', 'warn', 'error', 'line', 'column_no', 'page', 'part']);
const REAL = new Set(['confidence']);

/**
 * A SQLite file with tables documents, cells, findings, facts and the indexes dataset queries
 * need: cells by (year, department, table_id, code). Built in a temp file and renamed, so a
 * reader never opens a half-built database.
 */
export function exportSqlite(
  dir: string,
  to: string,
  onProblem?: OnProblem,
  options?: RowOptions,
): Record<string, number> {
  const tmp = tempPathFor(to);
  const db = new Database(tmp);
  const counts: Record<string, number> = {};
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    const inserts = new Map<Kind, Database.Statement>();
    for (const k of Object.keys(COLUMNS) as Kind[]) {
      const cols = COLUMNS[k].map((c) => `"${c}" ${INTEGER.has(c) ? 'INTEGER' : REAL.has(c) ? 'REAL' : 'TEXT'}`);
      db.exec(`CREATE TABLE ${k} (${cols.join(', ')})`);
      inserts.set(k, db.prepare(`INSERT INTO ${k} VALUES (${COLUMNS[k].map((c) => `@${c}`).join(', ')})`));
      counts[k] = 0;
    }
    const load = db.transaction(() => {
      for (const { kind, row } of datasetRows(dir, onProblem, options)) {
        inserts.get(kind)!.run(row);
        counts[kind]!++;
      }
    });
    load();
    db.exec(`
      CREATE UNIQUE INDEX documents_document ON documents(document);
      CREATE INDEX cells_year_dept_table_code ON cells(year, department, table_id, code);
      CREATE INDEX cells_document ON cells(document, table_id);
      CREATE INDEX findings_document ON findings(document, level);
      CREATE INDEX facts_document ON facts(document, name);
    `);
    db.close();
  } catch (err) {
    db.close();
    if (existsSync(tmp)) unlinkSync(tmp);
    throw err;
  }
  renameSync(tmp, to);
  return counts;
}
