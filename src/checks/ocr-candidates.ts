/**
 * Alternative readings of one OCR'd number, for the arithmetic repair (issue 4 item 4). Each models
 * a misread seen on scans: a lost or misplaced decimal point (`1221` for `12.21`), a stray mark read
 * as a digit (`，`, `,` or a speck between digits), and one digit misread (any digit: 1↔7, 5↔6, 3↔8,
 * 0↔8 are the common ones, but the identities, not a confusion table, decide). Readings are only
 * candidates: repair.ts applies one only when it is the single reading the identities accept.
 */
const DIGITS = '0123456789';

/** Canonical decimal text: no leading zeros before the point, keeps printed decimals. */
function canonical(s: string): string | undefined {
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  const [int, frac] = s.split('.');
  const i = int!.replace(/^0+(?=\d)/, '');
  return frac === undefined ? i : `${i}.${frac}`;
}

/** Money is printed with two decimals; counts (09) without. Keep readings of those shapes. */
function plausible(s: string): boolean {
  return /^\d+(\.\d{1,2})?$/.test(s);
}

export function candidateReadings(value: string): string[] {
  const neg = value.startsWith('-');
  const body = neg ? value.slice(1) : value;
  const digits = body.replace('.', '');
  const out = new Set<string>();
  const add = (s: string) => {
    const c = canonical(s);
    if (c !== undefined && plausible(c) && c !== body) out.add(neg ? `-${c}` : c);
  };
  // Decimal point lost or in the wrong place: every position that leaves 1–2 decimals.
  for (let k = 1; k <= 2 && k < digits.length; k++) add(`${digits.slice(0, -k)}.${digits.slice(-k)}`);
  // A speck read as a point: the digits alone.
  if (body.includes('.')) add(digits);
  const [int, frac] = body.split('.');
  // A stray mark read as one extra digit: drop any one digit, point kept where it was printed.
  for (let i = 0; i < int!.length && int!.length > 1; i++)
    add(`${int!.slice(0, i)}${int!.slice(i + 1)}${frac !== undefined ? `.${frac}` : ''}`);
  // ... or read where a point was: drop a digit of an integer reading and put the point there.
  if (frac === undefined) {
    for (let i = 1; i < digits.length - 1; i++) add(`${digits.slice(0, i)}.${digits.slice(i + 1)}`);
  }
  // One digit misread.
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '.') continue;
    for (const d of DIGITS) if (d !== body[i]) add(`${body.slice(0, i)}${d}${body.slice(i + 1)}`);
  }
  // A lost point plus one misread digit is two errors: left to the value the identities imply.
  return [...out];
}
