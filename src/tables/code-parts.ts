/**
 * 科目编码 printed over three cells, 类 | 款 | 项 (`201 | 06 | 01`), joined into the full code
 * (`2010601`). Many templates print the 类 and 款 parts only on the row where they change:
 *
 *   201 |    |    | 一般公共服务支出
 *       | 03 |    | 政府办公厅（室）及相关机构事务
 *       |    | 01 | 行政运行
 *
 * so a part left blank is carried from the rows above. Which part a number is comes from the
 * header's 类/款/项 columns where positions mean something (drawn cells, glyph positions, tab
 * cells); on space-separated text, from the token pattern 3-digit, 2-digit, 2-digit before the name.
 */
import type { Line, Run } from '../ir/types.js';
import { squash } from '../text/compact.js';
import { extentOf } from './line-kind.js';

interface Extent {
  x0: number;
  x1: number;
}

export interface CodeColumns {
  lei: Extent;
  kuan: Extent;
  xiang: Extent;
}

/** The header's 类, 款, 项 cells, left to right on one line (positioned and tab input only). */
export function findCodeColumns(lines: Line[]): CodeColumns | null {
  for (const line of lines) {
    if (line.separation === 'space') continue;
    const runs = line.runs.filter((r) => r.text.trim() !== '');
    for (let i = 0; i + 2 < runs.length; i++) {
      if (squash(runs[i]!.text) === '类' && squash(runs[i + 1]!.text) === '款' && squash(runs[i + 2]!.text) === '项') {
        return { lei: extentOf(runs[i]!), kuan: extentOf(runs[i + 1]!), xiang: extentOf(runs[i + 2]!) };
      }
    }
  }
  return null;
}

export interface SplitCode {
  /** The full code; null when the parts printed do not make one (a 项 with no 款 of its 类 above). */
  code: string | null;
  /** The parts as printed, for a finding about an unreadable code. */
  printed: string;
  /** Index (in the runs given) of the first run after the code parts. */
  after: number;
}

type Part = 'lei' | 'kuan' | 'xiang';
const PATTERN: Record<Part, RegExp> = { lei: /^\d{3}$/, kuan: /^\d{2}$/, xiang: /^\d{2}$/ };

/** Reads split codes row after row, carrying the 类 and 款 last printed. */
export class CodeJoiner {
  private lei: string | undefined;
  private kuan: string | undefined;

  constructor(private readonly columns: CodeColumns | null) {}

  /**
   * The code of a row whose code is printed in parts, or null when the row does not start with a
   * 类/款/项 part (a whole code, 合计, a header or text line). Tab input compares cell indexes.
   * Parts that make no code (nothing to carry from above) come back with `code: null`.
   */
  read(runs: Run[], separation: Line['separation']): SplitCode | null {
    const parts = this.columns && separation !== 'space' ? this.byColumn(runs, separation) : byPattern(runs);
    if (!parts) return null;
    const { found, after } = parts;
    let lei = found.lei;
    let kuan = found.kuan;
    if (!lei && !kuan && !found.xiang) return null;
    if (!lei) lei = this.lei;
    // A 项 takes the 款 above only within the same 类: a new 类 with a 项 but no 款 is unreadable.
    if (!kuan && found.xiang && (!found.lei || found.lei === this.lei)) kuan = this.kuan;
    const printed = [found.lei ?? '·', found.kuan ?? '·', found.xiang ?? '·'].join(' ');
    if (!lei || (found.xiang && !kuan)) return { code: null, printed, after };
    this.lei = lei;
    this.kuan = found.lei && !found.kuan ? undefined : kuan;
    const code = lei + (kuan ?? '') + (kuan && found.xiang ? found.xiang : '');
    return { code, printed, after };
  }

  private byColumn(
    runs: Run[],
    separation: Line['separation'],
  ): { found: Partial<Record<Part, string>>; after: number } | null {
    const cols = this.columns!;
    const found: Partial<Record<Part, string>> = {};
    let after = 0;
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i]!;
      const t = r.text.trim();
      if (t === '') continue;
      const part = partAt(cols, r, separation);
      if (!part || !PATTERN[part].test(t) || found[part] !== undefined) break;
      found[part] = t;
      after = i + 1;
    }
    return after > 0 ? { found, after } : null;
  }
}

/**
 * The part whose header column holds the run: its cell on a drawn grid; otherwise the nearest
 * header word (a header word is narrower than its column), within half the columns' spacing.
 */
function partAt(cols: CodeColumns, r: Run, separation: Line['separation']): Part | undefined {
  const e = extentOf(r);
  const entries = Object.entries(cols) as [Part, Extent][];
  if (separation === 'tab') return entries.find(([, c]) => c.x0 === e.x0)?.[0];
  const mid = (e.x0 + e.x1) / 2;
  const inside = entries.find(([, c]) => mid >= c.x0 - 1 && mid <= c.x1 + 1)?.[0];
  if (inside || r.cell) return inside;
  const centre = (c: Extent) => (c.x0 + c.x1) / 2;
  const reach = (centre(cols.xiang) - centre(cols.lei)) / 4;
  const [best] = entries.map(([p, c]) => [p, Math.abs(centre(c) - mid)] as const).sort((a, b) => a[1] - b[1]);
  return best && best[1] <= reach ? best[0] : undefined;
}

/** Space-separated text: "201 06 01 行政运行 …" — 3, 2 and 2 digits, then the name. */
function byPattern(runs: Run[]): { found: Partial<Record<Part, string>>; after: number } | null {
  const toks = runs.map((r) => r.text.trim());
  const first = toks.findIndex((t) => t !== '');
  if (first < 0 || !PATTERN.lei.test(toks[first]!) || !PATTERN.kuan.test(toks[first + 1] ?? '')) return null;
  const withXiang = PATTERN.xiang.test(toks[first + 2] ?? '');
  const next = toks[first + (withXiang ? 3 : 2)] ?? '';
  if (next === '' || /^[-\d,.]+$/.test(next)) return null; // the name must follow the parts
  return {
    found: { lei: toks[first]!, kuan: toks[first + 1]!, ...(withXiang ? { xiang: toks[first + 2]! } : {}) },
    after: first + (withXiang ? 3 : 2),
  };
}
