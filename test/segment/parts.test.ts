import { describe, it, expect } from 'vitest';
import { textToIR } from '../../src/ingest/text/text.js';
import { findParts } from '../../src/segment/parts.js';
import { matchTitle } from '../../src/segment/tables.js';

const lines = (s: string) => textToIR(s).pages[0]!.lines;

describe('parts', () => {
  it('skips the 目录 and finds the body headings', () => {
    const text = [
      '目 录',
      '第一部分 某单位概况',
      '第二部分 2024 年度部门决算表',
      '第三部分 情况说明',
      '第四部分 名词解释',
      '第五部分 附 件',
      '第一部分 某单位 概况',
      '一、部门主要职责',
      '第三部分 2024 年度部门决算情况说明',
      '正文',
      '第五部分 附 件',
      '附件1',
    ].join('\n');
    const { parts, findings } = findParts(lines(text));
    expect(parts.map((p) => [p.part, p.title])).toEqual([
      [1, '某单位概况'],
      [3, '2024年度部门决算情况说明'],
      [5, '附件'],
    ]);
    expect(findings.map((f) => f.check)).toEqual(['segment.part-missing', 'segment.part-missing']);
    expect(findings[0]!.level).toBe('warn'); // 第二部分
  });
  it('joins a heading split over two lines', () => {
    const { parts } = findParts(lines(' 第一部分 景德镇市人民政府驻北京联络处\n\n概 况\n一、部门主要职能'));
    expect(parts[0]!.title).toBe('景德镇市人民政府驻北京联络处概况');
  });
});

describe('table titles', () => {
  it.each([
    ['收入支出决算总表', '01'],
    ['财政拨款收入支出决算总表', '04'],
    ['收入决算表', '02'],
    ['支出决算表', '03'],
    [' ⼀般公共预算财政拨款⽀出决算表'.replace('⼀', '一').replace('⽀', '支'), '05'],
    ['财政拨款“三公”经费支出决算表', '09'],
    ['2024年度财政拨款"三公"经费支出决算表', '09'],
    ['国有资产占用情况表 公开 10 表', '10'],
  ])('%s → %s', (title, id) => expect(matchTitle(title)?.id).toBe(id));
  it('does not take narrative sentences or section headings for titles', () => {
    expect(matchTitle('一、收入决算情况说明')).toBeUndefined();
    expect(matchTitle('本表反映部门本年度收入决算表的情况')).toBeUndefined();
  });
});
