import { describe, expect, it } from 'vitest';
import { foldOcrPunctuation } from '../../src/ingest/ocr/ocr-punctuation.js';
import { canonicalForm } from '../../src/tables/labels.js';

describe('OCR punctuation', () => {
  it('takes brackets and colons in CJK text as full-width, in all the shapes tesseract reads them', () => {
    expect(foldOcrPunctuation('政府办公厅(〈室)及相关机构事务')).toBe('政府办公厅（室）及相关机构事务');
    expect(foldOcrPunctuation('2.因公出国〈境)人次数〈(人)')).toBe('2.因公出国（境）人次数（人）');
    expect(foldOcrPunctuation('其中:外事接待费')).toBe('其中：外事接待费');
    expect(foldOcrPunctuation('(1)国内接待费')).toBe('（1）国内接待费');
  });

  it('leaves numbers and ASCII-only text as read', () => {
    expect(foldOcrPunctuation('1,234.56')).toBe('1,234.56');
    expect(foldOcrPunctuation('(12.00)')).toBe('(12.00)');
  });
});

describe('label numbering prefixes', () => {
  it('treats any short prefix closed by 、 as numbering (OCR reads 一 as "-", 十九 as "上+九")', () => {
    expect(canonicalForm('-、一般公共预算财政拨款收入')).toBe('一般公共预算财政拨款收入');
    expect(canonicalForm('上+九、住房保障支出')).toBe('住房保障支出');
    expect(canonicalForm('二十六、抗疫特别国债安排的支出')).toBe('抗疫特别国债安排的支出');
    expect(canonicalForm('一般公共服务支出')).toBe('一般公共服务支出');
  });
});
