import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A report the fake pipeline understands (see test/fixtures/fake-pipeline.mjs). */
export function fakeReport(dept: string, year: number, rows: [string, string][]): string {
  return [`DEPT ${dept}`, `YEAR ${year}`, ...rows.map(([c, v]) => `ROW ${c} ${v}`)].join('\n') + '\n';
}

export function writeCorpus(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** n distinct good reports, named r00.txt … */
export function goodCorpus(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    files[`r${String(i).padStart(2, '0')}.txt`] = fakeReport(`部门${i}`, 2020 + (i % 5), [
      ['201', `${i}.${String(i).padStart(2, '0')}`],
    ]);
  }
  return files;
}
