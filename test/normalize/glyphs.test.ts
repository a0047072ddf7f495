import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RADICAL_SUPPLEMENT_FOLD } from '../../src/normalize/fold-table.js';
import {
  foldGlyphs,
  normalizeNumbers,
  normalizeSpaces,
  normalizeText,
  type FoldResult,
} from '../../src/normalize/glyphs.js';

// The repository's byte-identical copy of shared/seeds/003_a3f56a15a6024790.txt, so the test does
// not depend on where shared/ sits on the machine (CI runs in a fresh clone).
const SEED_003 = fileURLToPath(new URL('../../samples/003_a3f56a15a6024790.txt', import.meta.url));
const RADICAL_BLOCKS = /[\u2E80-\u2EFF\u2F00-\u2FDF]/u;
const cp = (s: string): number => s.codePointAt(0) ?? -1;

describe('foldGlyphs', () => {
  it('folds ⻔ and ⺠, which NFKC alone leaves as they are', () => {
    expect('⻔'.normalize('NFKC')).toBe('⻔');
    expect('⺠'.normalize('NFKC')).toBe('⺠');
    expect(foldGlyphs('部⻔').text).toBe('部门');
    expect(foldGlyphs('⼈⺠政府').text).toBe('人民政府');
  });

  it('maps the 11 supplement radicals of seed 003 to the ideographs a reader sees', () => {
    const pairs: Array<[string, string]> = [
      ['⻔', '门'],
      ['⺠', '民'],
      ['⻅', '见'],
      ['⻓', '长'],
      ['⻛', '风'],
      ['⻝', '食'],
      ['⻘', '青'],
      ['⻋', '车'],
      ['⻬', '齐'],
      ['⻚', '页'],
      ['⻄', '西'],
    ];
    for (const [radical, ideograph] of pairs) {
      expect(cp(radical)).toBeGreaterThanOrEqual(0x2e80);
      expect(cp(radical)).toBeLessThanOrEqual(0x2eff);
      expect(foldGlyphs(radical)).toEqual({ text: ideograph, folds: 1 });
    }
  });

  it('folds Kangxi radicals through NFKC (they are not in the table)', () => {
    expect(foldGlyphs('⼀⽀⼊⼈').text).toBe('一支入人');
    for (const k of '⼀⽀⼊⼈') expect(RADICAL_SUPPLEMENT_FOLD.has(k)).toBe(false);
  });

  it('counts changed code points, including astral targets', () => {
    // ⺇ → U+20628 (a surrogate pair): one code point changed, the count must not see two.
    const r = foldGlyphs('⼀般公共服务⽀出，⻋辆⺇');
    expect(r.folds).toBe(4);
    expect(r.text).toBe('一般公共服务支出，车辆\u{20628}');
    expect(foldGlyphs('一般公共服务支出').folds).toBe(0);
  });

  it('leaves unassigned, excluded and full-width characters unchanged', () => {
    // U+2E9A and U+2FD6 are unassigned; ⺌ is excluded by review (not drawn like 小).
    expect(foldGlyphs('\u2E9A\u2FD6⺌')).toEqual({ text: '\u2E9A\u2FD6⺌', folds: 0 });
    expect(foldGlyphs('（室）：，').text).toBe('（室）：，');
  });

  it('keeps every table target outside the radical blocks, so folding is idempotent', () => {
    for (const [from, to] of RADICAL_SUPPLEMENT_FOLD) {
      expect(cp(from) >= 0x2e80 && cp(from) <= 0x2eff).toBe(true);
      expect(RADICAL_BLOCKS.test(to)).toBe(false);
      expect([...to]).toHaveLength(1);
    }
  });
});

describe('normalizeSpaces', () => {
  it('turns odd spaces into one ASCII space each', () => {
    expect(normalizeSpaces('a\u00A0b\u3000c\u2009d\u2002e\u2003f\u202Fg')).toBe('a b c d e f g');
    expect(normalizeSpaces('\u3000\u3000一、概况')).toBe('  一、概况');
  });

  it('removes zero-width characters and the BOM', () => {
    expect(normalizeSpaces('\uFEFF部\u200B门\u200C预\u200D算\u2060')).toBe('部门预算');
  });

  it('keeps tabs and line breaks', () => {
    const s = '科目\t金额\r\n201\t2,693.88\n';
    expect(normalizeSpaces(s)).toBe(s);
  });
});

describe('normalizeNumbers', () => {
  it('converts full-width numbers', () => {
    expect(normalizeNumbers('２，６９３．８８')).toBe('2,693.88');
    expect(normalizeNumbers('１，２３４，５６７．００万元')).toBe('1,234,567.00万元');
    expect(normalizeNumbers('－１２．５')).toBe('-12.5');
    expect(normalizeNumbers('\u22125')).toBe('-5');
    expect(normalizeNumbers('第３部分')).toBe('第3部分');
  });

  it('handles full-width separators between ASCII digits too', () => {
    expect(normalizeNumbers('2，693．88')).toBe('2,693.88');
  });

  it('keeps full-width punctuation in prose', () => {
    const prose = '（一）收入支出决算总体情况：收入，支出。－－';
    expect(normalizeNumbers(prose)).toBe(prose);
    // A list "1，2" and years "2022，2023" are not thousands groups.
    expect(normalizeNumbers('１，２')).toBe('1，2');
    expect(normalizeNumbers('2022，2023年')).toBe('2022，2023年');
    expect(normalizeNumbers('合计，123')).toBe('合计，123');
  });
});

describe('normalizeText', () => {
  it('keeps （室）', () => {
    expect(normalizeText('办公室（室）').text).toBe('办公室（室）');
    expect('（室）'.normalize('NFKC')).toBe('(室)'); // why NFKC must not run on the whole text
  });

  it('applies all three passes and reports folds', () => {
    const r = normalizeText('\uFEFF⼀般公共服务⽀出\u3000２，６９３．８８');
    expect(r).toEqual({ text: '一般公共服务支出 2,693.88', folds: 2 });
  });

  it('has an off switch for glyph folding', () => {
    const r = normalizeText('部⻔\u00A0１', { foldGlyphs: false });
    expect(r).toEqual({ text: '部⻔ 1', folds: 0 });
  });

  it('cleans seed 003 of every radical code point', () => {
    const raw = readFileSync(SEED_003, 'utf8');
    const radicalsBefore = [...raw].filter((c) => RADICAL_BLOCKS.test(c)).length;
    expect(radicalsBefore).toBeGreaterThan(0);

    const { text, folds } = normalizeText(raw);
    expect(RADICAL_BLOCKS.test(text)).toBe(false);
    expect(folds).toBe(radicalsBefore);
    for (const phrase of ['部门', '人民政府', '一般公共服务支出', '公务用车']) {
      expect(text).toContain(phrase);
      expect(raw).not.toContain(phrase); // the seed only has them in radical form
    }
    expect(text.split('\n')).toHaveLength(raw.split('\n').length);
  });

  it('does work linear in the text: one scan per pass, a bounded number of steps per character replaced', () => {
    // Dense worst case: about half of the characters are candidates. No clock: the work is
    // counted, so small texts show its growth (the time is measured by `npm run bench:stages`).
    const chunk = '⼀般公共服务⽀出\u3000２，６９３．８８（室）⻔⺠\t\n';
    const small = countWork(() => normalizeText(chunk.repeat(100)));
    const large = countWork(() => normalizeText(chunk.repeat(400)));
    // Three passes (spaces, glyphs, numbers), each one global replace whose pattern is a single
    // character class: a scan that never backtracks, whatever the text.
    expect(small.passes).toHaveLength(3);
    for (const { pattern } of small.passes) {
      expect(pattern).toBeInstanceOf(RegExp);
      expect((pattern as RegExp).global).toBe(true);
      expect((pattern as RegExp).source).toMatch(/^\[[^\]]*\]$/);
    }
    // Each character replaced costs at most six steps (a full-width comma reads five neighbours).
    const calls = small.passes.reduce((n, p) => n + p.calls, 0);
    expect(calls).toBeGreaterThan(0);
    expect(small.steps).toBeLessThanOrEqual(6 * calls);
    // Four times the text, four times the work, exactly.
    expect(large.passes.map((p) => [p.length, p.calls])).toEqual(small.passes.map((p) => [4 * p.length, 4 * p.calls]));
    expect(large.steps).toBe(4 * small.steps);
  });

  it('normalizes a realistic 1.9 M characters (seed 003 a hundred times) as a hundred seeds', () => {
    const one = readFileSync(SEED_003, 'utf8');
    const single = countWork(() => normalizeText(one));
    let r: FoldResult | undefined;
    const hundred = countWork(() => (r = normalizeText(one.repeat(100))));
    expect(r!.folds).toBe(100 * normalizeText(one).folds);
    expect(r!.text).toBe(normalizeText(one).text.repeat(100));
    expect(hundred.steps).toBe(100 * single.steps);
  });
});

interface Work {
  /** Each String.prototype.replace call: its pattern, the length of the text, replacer calls. */
  passes: { pattern: unknown; length: number; calls: number }[];
  /**
   * Steps taken while it runs: one per constant-time lookup (charCodeAt, fromCharCode, Map#get,
   * Set#has …), and for a string method that scans (slice, indexOf, split …), the length scanned.
   */
  steps: number;
}

const LOOKUPS: [object, string][] = [
  ...['charCodeAt', 'codePointAt', 'at'].map((m): [object, string] => [String.prototype, m]),
  [String, 'fromCharCode'],
  [String, 'fromCodePoint'],
  [Map.prototype, 'get'],
  [Map.prototype, 'has'],
  [Set.prototype, 'has'],
];
const SCANS = ['indexOf', 'lastIndexOf', 'includes', 'slice', 'substring', 'split', 'match', 'search', 'trim'];

/**
 * Runs `body` with String#replace and the steps above counted (restored after). A pass that
 * rescanned the text for each character would show as steps growing faster than the text.
 */
function countWork(body: () => void): Work {
  const work: Work = { passes: [], steps: 0 };
  type Fn = (this: unknown, ...args: unknown[]) => unknown;
  const patch = (owner: object, name: string, wrap: (orig: Fn) => Fn) => {
    const slots = owner as Record<string, unknown>;
    const orig = slots[name] as Fn;
    slots[name] = wrap(orig);
    return () => (slots[name] = orig);
  };
  const counted = (weight: (self: unknown) => number) => (orig: Fn) =>
    function (this: unknown, ...args: unknown[]) {
      work.steps += weight(this);
      return orig.apply(this, args);
    };
  const restore = [
    patch(
      String.prototype,
      'replace',
      (orig) =>
        function (this: unknown, pattern: unknown, replacer: unknown) {
          const pass = { pattern, length: String(this).length, calls: 0 };
          work.passes.push(pass);
          const fn = replacer as Fn;
          const wrapped =
            typeof replacer === 'function'
              ? function (this: unknown, ...args: unknown[]) {
                  pass.calls++;
                  return fn.apply(this, args);
                }
              : replacer;
          return orig.call(this, pattern, wrapped);
        },
    ),
    ...LOOKUPS.map(([owner, name]) =>
      patch(
        owner,
        name,
        counted(() => 1),
      ),
    ),
    ...SCANS.map((name) =>
      patch(
        String.prototype,
        name,
        counted((self) => String(self).length),
      ),
    ),
  ];
  try {
    body();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return work;
}
