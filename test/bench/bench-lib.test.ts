import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { kindOf, repeated, byKind } from '../../scripts/lib/bench-inputs.js';
import { displayWidth, renderTable } from '../../scripts/lib/text-table.js';
import { measuredSpawn } from '../../scripts/lib/measured-spawn.js';
import { treePids } from '../../scripts/lib/tree-rss.js';
import { machineBusyMs } from '../../scripts/lib/machine-cpu.js';

const file = (rel: string) => ({ abs: `/s/${rel}`, path: `samples/${rel}`, rel });

describe('bench input kinds', () => {
  it('sorts the bundled sample paths into text, native PDF and OCR', () => {
    expect(kindOf('000_d920656d4c30e573.txt')).toBe('text');
    expect(kindOf('pdf/000-kangxi.pdf')).toBe('native PDF');
    expect(kindOf('realworld/putuo-social-2024.pdf')).toBe('native PDF');
    expect(kindOf('scan/putuo-social-2024-mixed.pdf')).toBe('OCR');
    expect(kindOf('pdf/x-ocr-test.pdf')).toBe('OCR');
    expect(kindOf('scan/putuo-social-2024.json')).toBeNull();
    // "scan" must be in a folder or file name, not anywhere in a word of the path before it
    const m = byKind([file('a.txt'), file('pdf/b.pdf'), file('scan/c.pdf'), file('notes.md')]);
    expect([...m].map(([k, v]) => [k, v.map((f) => f.rel)])).toEqual([
      ['text', ['a.txt']],
      ['native PDF', ['pdf/b.pdf']],
      ['OCR', ['scan/c.pdf']],
    ]);
  });

  it('repeats whole sample sets up to the minimum, each document under its own name', () => {
    const files = [file('a.txt'), file('b.txt'), file('c.txt'), file('d.txt'), file('e.txt')];
    const r = repeated(files, 12); // 12 / 5 → 3 whole repetitions = 15
    expect(r).toHaveLength(15);
    expect(new Set(r.map((x) => x.output)).size).toBe(15);
    expect(r.filter((x) => x.rel === 'c.txt')).toHaveLength(3);
    expect(repeated(files, 1)).toHaveLength(5);
    expect(repeated([], 4)).toEqual([]);
  });
});

describe('bench table', () => {
  it('counts CJK characters as two columns so rows line up', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('决算表')).toBe(6);
    expect(displayWidth('1.5×')).toBe(4);
    const t = renderTable(
      ['kind', 'n'],
      [
        ['决算', '1'],
        ['text', '22'],
      ],
    ).split('\n');
    expect(t).toEqual(['| kind | n  |', '|------|----|', '| 决算 | 1  |', '| text | 22 |']);
  });
});

describe.runIf(existsSync('/proc/self/status'))('process-tree measurements', () => {
  it('peak RSS covers a grandchild process, not just the direct child', async () => {
    // sh → node (grandchild) that keeps 200 MiB resident for 1.5 s (the sampler rescans the tree every 0.5 s)
    const script = 'const b=Buffer.alloc(200*1024*1024,1);setTimeout(()=>console.log(b[5]),1500)';
    const r = await measuredSpawn('sh', ['-c', `"${process.execPath}" -e '${script}'; true`]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('1');
    expect(r.peakMb).toBeGreaterThan(200);
    expect(r.peakMb).toBeLessThan(600);
  });

  it('finds this process in its own tree', () => {
    expect(treePids(process.pid)).toContain(process.pid);
  });

  it('machine CPU time grows while this process spins', () => {
    const a = machineBusyMs()!;
    const end = Date.now() + 150;
    while (Date.now() < end); // spin ~150 ms of CPU
    const b = machineBusyMs()!;
    expect(b - a).toBeGreaterThanOrEqual(100);
  });
});
