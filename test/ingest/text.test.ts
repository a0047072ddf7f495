import { describe, it, expect } from 'vitest';
import { decodeText, textToIR } from '../../src/ingest/text/text.js';
import { ExtractionError } from '../../src/errors.js';

describe('text ingest', () => {
  it('keeps tab cells at their index, including empty ones', () => {
    const ir = textToIR('\t\t合计\t306.02\t\t12.21\n');
    const line = ir.pages[0]!.lines[0]!;
    expect(line.separation).toBe('tab');
    expect(line.runs.map((r) => [r.text, r.x0])).toEqual([
      ['', 0],
      ['', 1],
      ['合计', 2],
      ['306.02', 3],
      ['', 4],
      ['12.21', 5],
    ]);
  });
  it('splits space-separated lines into tokens', () => {
    const line = textToIR('合计 2,695.61 2,693.88 1.73').pages[0]!.lines[0]!;
    expect(line.separation).toBe('space');
    expect(line.runs.map((r) => r.text)).toEqual(['合计', '2,695.61', '2,693.88', '1.73']);
  });
  it.each([
    ['empty file', new Uint8Array()],
    ['whitespace only', new TextEncoder().encode(' \n\t\n')],
    ['binary garbage', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)],
    ['GBK bytes', Uint8Array.from([0xb2, 0xbf, 0xc3, 0xc5, 0xbe, 0xf6, 0xcb, 0xe3])],
  ])('rejects %s as InputUnreadable', (_name, bytes) => {
    expect(() => decodeText(bytes)).toThrow(ExtractionError);
    try {
      decodeText(bytes);
    } catch (e) {
      expect((e as ExtractionError).kind).toBe('InputUnreadable');
    }
  });
});
