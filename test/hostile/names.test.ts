import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import {
  assignOutputNames,
  isSafeName,
  MAX_NAME_BYTES,
  outputFile,
  safeName,
  shortHash,
  UnsafeNameError,
} from '../../src/batch/names.js';

describe('output names are plain file names (issue 12, case 1)', () => {
  it('never gives ".", "..", a leading dot, a separator or a control character', () => {
    expect(safeName('.')).toBe('_');
    expect(safeName('..')).toBe('__');
    expect(safeName('.hidden')).toBe('_hidden');
    expect(safeName('a\\b')).toBe('a_b');
    expect(safeName('a\u0000b\nc')).toBe('a_b_c');
    expect(safeName('')).toBe('_');
    expect(safeName('报告.2024')).toBe('报告.2024');
    for (const n of ['.', '..', '.hidden', 'a\\b', '']) expect(isSafeName(safeName(n))).toBe(true);
  });

  it('names ..txt, ...txt and ...pdf apart, inside the folder', () => {
    const m = assignOutputNames(['in/..txt', 'in/...txt', 'in/...pdf', 'in/.x.txt']);
    expect(m.get('in/..txt')).toBe('_');
    expect(m.get('in/...pdf')).toBe('__'); // sorts before ...txt: keeps the plain name
    expect(m.get('in/...txt')).toBe(`__~${shortHash('in/...txt')}`);
    expect(m.get('in/.x.txt')).toBe('_x');
    for (const name of m.values()) {
      const file = outputFile('/o/sub/out', name, '.json');
      expect(file.startsWith('/o/sub/out/')).toBe(true);
    }
  });

  it('keeps "manifest" for the manifest: an input manifest.txt gets a hashed name', () => {
    const m = assignOutputNames(['a/manifest.txt', 'b/MANIFEST.pdf']);
    expect(m.get('a/manifest.txt')).toBe(`manifest~${shortHash('a/manifest.txt')}`);
    expect(m.get('b/MANIFEST.pdf')).toBe(`MANIFEST~${shortHash('b/MANIFEST.pdf')}`);
  });

  it('cuts a stem too long for a file name, keeping names distinct', () => {
    const long = '表'.repeat(200);
    const m = assignOutputNames([`${long}甲.txt`, `${long}乙.txt`]);
    const names = [...m.values()];
    expect(new Set(names).size).toBe(2);
    for (const n of names) {
      expect(Buffer.byteLength(n)).toBeLessThanOrEqual(MAX_NAME_BYTES);
      // With the longest suffix and the temp decoration it still fits a 255-byte file name.
      expect(Buffer.byteLength(`.${n}.log.jsonl.4194304.0123456789ab.tmp`)).toBeLessThanOrEqual(255);
    }
  });

  it('outputFile refuses a name from a manifest that would leave the folder', () => {
    for (const bad of ['../evil', '..', '.', 'a/b', '/etc/passwd', '.x', 'manifest', '', 'x\u0000']) {
      expect(() => outputFile('/o', bad, '.json')).toThrow(UnsafeNameError);
    }
    expect(outputFile('/o', 'ok', '.log.jsonl')).toBe(join('/o', 'ok.log.jsonl'));
  });
});
