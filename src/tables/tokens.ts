/**
 * Classification of one cell or token of a table line. Money is 2-dp decimal text with optional
 * thousands separators; codes are 3/5/7-digit integers (6 digits only as a misprint); 行次 and counts
 * are small integers. Nothing here converts to a JavaScript number except line numbers.
 */
export type TokenKind = 'money' | 'int' | 'dash' | 'text' | 'empty';

const MONEY = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$/;
const INT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)$/;
/**
 * `---`, `——`, `—`, `-`, `－`: printed "structurally empty" cells (identities.md A19). Any cell of one
 * to three symbols and nothing else counts: a rewritten text layer can map the dash glyph to
 * another sign (Ghostscript gave `——` as a backquote). Never `#`: a spreadsheet fills a cell whose
 * number does not fit with it (`###`), and that cell holds a value, not a dash.
 */
const DASH = /^(?:-{1,3}|—{1,2}|－{1,3}|─{1,3}|\/|[^\p{L}\p{N}\s#]{1,3})$/u;

export function classify(text: string): TokenKind {
  const t = text.trim();
  if (t === '') return 'empty';
  if (MONEY.test(t)) return 'money';
  if (INT.test(t)) return 'int';
  if (DASH.test(t)) return 'dash';
  return 'text';
}

/** Decimal string as printed, thousands separators removed ("2,693.88" → "2693.88"). */
export function plainDecimal(text: string): string {
  return text.trim().replace(/,/g, '');
}

export function isNumeric(kind: TokenKind): boolean {
  return kind === 'money' || kind === 'int';
}

/** A functional (3/5/7) or economic (3/5) code as printed; 6 digits accepted as a known misprint. */
export const CODE = /^\d{3}(?:\d{2}){0,2}$|^\d{6}$/;

export function codeLevel(code: string): '类' | '款' | '项' | undefined {
  return code.length === 3 ? '类' : code.length === 5 ? '款' : code.length === 7 ? '项' : undefined;
}

/** Split "201 一般公共服务支出" / "201一般公共服务支出" into code and name. */
export function splitCodeName(text: string): { code: string; name: string } | null {
  // The code ends at a space or where a Han character starts ("201一般…"); "127.84" is not a code.
  const m = /^(\d{3,7})(?:\s+(\S.*)|(?=[\u3400-\u9fff（(])(.*))?$/.exec(text.trim());
  if (!m || !m[1] || !CODE.test(m[1])) return null;
  return { code: m[1], name: (m[2] ?? m[3] ?? '').trim() };
}
