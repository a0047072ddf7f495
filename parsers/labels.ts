/** The 26 支出功能分类 类 of the 2024 template, in printed order, with their 3-digit codes. */
export const FUNCTIONAL_CLASSES: ReadonlyArray<readonly [code: string, name: string]> = [
  ['201', '一般公共服务支出'],
  ['202', '外交支出'],
  ['203', '国防支出'],
  ['204', '公共安全支出'],
  ['205', '教育支出'],
  ['206', '科学技术支出'],
  ['207', '文化旅游体育与传媒支出'],
  ['208', '社会保障和就业支出'],
  ['210', '卫生健康支出'],
  ['211', '节能环保支出'],
  ['212', '城乡社区支出'],
  ['213', '农林水支出'],
  ['214', '交通运输支出'],
  ['215', '资源勘探工业信息等支出'],
  ['216', '商业服务业等支出'],
  ['217', '金融支出'],
  ['219', '援助其他地区支出'],
  ['220', '自然资源海洋气象等支出'],
  ['221', '住房保障支出'],
  ['222', '粮油物资储备支出'],
  ['223', '国有资本经营预算支出'],
  ['224', '灾害防治及应急管理支出'],
  ['229', '其他支出'],
  ['231', '债务还本支出'],
  ['232', '债务付息支出'],
  ['234', '抗疫特别国债安排的支出'],
];

const CN = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
  '二十一',
  '二十二',
  '二十三',
  '二十四',
  '二十五',
  '二十六',
];

/** Expenditure-side 类 labels keyed by 行次, starting at `first` (01: 32, 04: 33). */
export function classLines(first: number): Record<number, string> {
  const out: Record<number, string> = {};
  FUNCTIONAL_CLASSES.forEach(([, name], i) => {
    out[first + i] = `${CN[i]}、${name}`;
  });
  return out;
}

/** 行次 of a functional 类 code on the expenditure side whose first 类 line is `first`. */
export function lineOfClass(code: string, first: number): number | undefined {
  const i = FUNCTIONAL_CLASSES.findIndex(([c]) => c === code);
  return i < 0 ? undefined : first + i;
}
