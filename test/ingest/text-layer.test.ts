import { describe, expect, it } from 'vitest';
import { documentTextLayer, isUsableText, pageTextLayer, shouldOcr } from '../../src/ingest/ocr-plan.js';

describe('usable text layer', () => {
  it('rejects a page without text, or only whitespace', () => {
    expect(isUsableText([])).toBe(false);
    expect(isUsableText([' ', '\n'])).toBe(false);
  });
  it('rejects replacement and private-use glyphs (fonts without ToUnicode)', () => {
    expect(isUsableText(['\ufffd\ufffd\ufffd', '\ue001\ue002'])).toBe(false);
    // 3 good of 7: below half.
    expect(isUsableText(['收入表', '\ue001\ue002\ue003\ufffd'])).toBe(false);
  });
  it('accepts real text, including a few odd glyphs', () => {
    expect(isUsableText(['收入支出决算总表', '307.82', '\ufffd'])).toBe(true);
  });
});

describe('OCR decision', () => {
  it('follows the mode', () => {
    expect(shouldOcr('auto', true)).toBe(false);
    expect(shouldOcr('auto', false)).toBe(true);
    expect(shouldOcr('always', true)).toBe(true);
    expect(shouldOcr('never', false)).toBe(false);
    expect(pageTextLayer('never', false)).toBe('none');
  });
  it('names the document text layer from its pages', () => {
    expect(documentTextLayer(['native', 'native'])).toBe('native');
    expect(documentTextLayer(['native', 'ocr'])).toBe('mixed');
    expect(documentTextLayer(['ocr', 'none'])).toBe('ocr');
    expect(documentTextLayer(['none'])).toBe('none');
  });
});
