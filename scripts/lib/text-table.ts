/**
 * A plain-text table for terminals and for pasting into Markdown: `| a | b |` rows padded to the
 * display width of their column, where a CJK character takes two columns (so 决算 lines up).
 */

/** Display width: East Asian wide characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}

export function renderTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: readonly string[]) =>
    '| ' +
    widths
      .map((w, i) => {
        const c = r[i] ?? '';
        return c + ' '.repeat(w - displayWidth(c));
      })
      .join(' | ') +
    ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}
