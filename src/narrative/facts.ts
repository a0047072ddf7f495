import type { Fact } from '../schema/record.js';
import { flatten, sections, type FlatText, type Section, type SectionKind } from './flatten.js';
import * as N from './names.js';
import {
  CHANGE_RE,
  COMMA,
  FLAT_RE,
  IS,
  MONEY,
  NUM,
  PCT,
  SHARE_RE,
  amountAfter,
  clean,
  percentUnit,
} from './patterns.js';

export interface ExtractOptions {
  /** The report's money unit (from the cover/tables); used when a figure prints none. */
  unit: string;
  /** Maps an offset in `part3Text` to a page number. */
  pageOf?: (offset: number) => number | null;
}

/**
 * An amount the narrative states for an indicator. Its "window" runs to the next anchor and holds the
 * qualifiers that belong to it: the share ("，占 p%"), the year-on-year change and the reason.
 */
interface Anchor {
  /** Fact name the window's change/growth attach to. */
  name: string;
  subject?: string;
  start: number;
  end: number;
  /** Whether "，占 p%" may follow (composition sentences only). */
  share: boolean;
  /** Facts read from the anchor's own match; they get the window's sentence. */
  own: Fact[];
}

interface Spec {
  name: string;
  label: string;
  share?: boolean;
}

const MAX_SENTENCE = 240;

/**
 * Extract the figures that 第三部分 (情况说明) states, as typed facts. Input is the part's text after
 * glyph folding. Every figure is kept as printed (thousands separators removed); nothing is
 * recomputed here: the checks compare these facts with the tables.
 */
export function extractFacts(part3Text: string, opts: ExtractOptions): Fact[] {
  const flat = flatten(part3Text);
  const out = new FactSink(flat, opts);
  for (const sec of sections(flat)) {
    const body = flat.text.slice(sec.start, sec.end);
    const handler = HANDLERS[sec.kind];
    if (handler) handler(body, sec, out);
  }
  return out.facts;
}

/** Collects facts and turns flat offsets into pages. */
class FactSink {
  readonly facts: Fact[] = [];
  constructor(
    private readonly flat: FlatText,
    private readonly opts: ExtractOptions,
  ) {}

  add(name: string, value: string, unit: string, at: number, sentence: string, subject?: string): Fact {
    const origin = this.flat.origin[at];
    const page = origin !== undefined && this.opts.pageOf ? this.opts.pageOf(origin) : null;
    const fact: Fact = { name, value: clean(value), unit, page, part: 3, sentence };
    if (subject !== undefined) fact.subject = subject;
    this.facts.push(fact);
    return fact;
  }

  money(unit: string | undefined): string {
    return unit ?? this.opts.unit;
  }
}

/** Trim a window to a readable sentence: no dangling "其中：" and at most MAX_SENTENCE chars. */
function sentenceOf(text: string): string {
  const t = text.replace(/[，,；;：:。\s]*(其中[：:]?)?[，,；;：:\s]*$/, '');
  return t.length > MAX_SENTENCE ? `${t.slice(0, MAX_SENTENCE)}…` : t;
}

/** Find every spec's amount in a section body, as anchors (facts get their sentence later). */
function amounts(body: string, sec: Section, out: FactSink, specs: Spec[]): Anchor[] {
  const anchors: Anchor[] = [];
  for (const spec of specs) {
    for (const m of body.matchAll(amountAfter(spec.label))) {
      const fact = out.add(spec.name, m[1] ?? '', out.money(m[2]), sec.start + m.index, '');
      anchors.push({
        name: spec.name,
        start: m.index,
        end: m.index + m[0].length,
        share: spec.share ?? false,
        own: [fact],
      });
    }
  }
  return anchors;
}

/**
 * Read share / change / growth out of each anchor's window (up to the next anchor) and give the
 * anchor's facts their sentence. An anchor starting inside an earlier one is a label found inside
 * another label's match and is dropped with its facts.
 */
function windows(body: string, sec: Section, out: FactSink, anchors: Anchor[]): void {
  anchors.sort((a, b) => a.start - b.start);
  const kept: Anchor[] = [];
  for (const a of anchors) {
    const prev = kept[kept.length - 1];
    if (prev && a.start < prev.end) {
      for (const f of a.own) out.facts.splice(out.facts.indexOf(f), 1);
      continue;
    }
    kept.push(a);
  }
  kept.forEach((a, i) => {
    const next = kept[i + 1]?.start ?? body.length;
    const tail = body.slice(a.end, next);
    const sentence = sentenceOf(body.slice(a.start, next));
    for (const f of a.own) f.sentence = sentence;
    const at = sec.start + a.end;
    if (a.share) {
      const s = SHARE_RE.exec(tail);
      if (s) out.add(a.name + N.SHARE, s[1] ?? '', percentUnit(s[2]), at, sentence, a.subject);
    }
    const c = CHANGE_RE.exec(tail);
    if (c) {
      out.add(a.name + N.CHANGE, c[2] ?? '', out.money(undefined), at, sentence, c[1]);
      if (c[3] !== undefined && c[4] !== undefined) {
        out.add(a.name + N.GROWTH, c[4], percentUnit(c[5]), at, sentence, c[3]);
      }
    } else if (FLAT_RE.test(tail)) {
      out.add(a.name + N.CHANGE, '0', out.money(undefined), at, sentence, '持平');
    }
  });
}

/** Counts ("团组 1 个"): one regex, one or more capture groups each naming a fact. */
function counts(
  body: string,
  sec: Section,
  out: FactSink,
  re: RegExp,
  groups: Array<[name: string, unit: string]>,
): void {
  const m = re.exec(body);
  if (!m) return;
  const sentence = sentenceOf(sentenceAround(body, m.index, m.index + m[0].length));
  groups.forEach(([name, unit], i) => {
    const v = m[i + 1];
    if (v !== undefined) out.add(name, v, unit, sec.start + m.index, sentence);
  });
}

/** The sentence (between 。/；) around a match. */
function sentenceAround(body: string, start: number, end: number): string {
  const before = Math.max(body.lastIndexOf('。', start), body.lastIndexOf('；', start));
  const after = body.slice(end).search(/[。；]/);
  return body.slice(before + 1, after < 0 ? body.length : end + after);
}

const simple = (names: readonly string[], share = false): Spec[] => names.map((name) => ({ name, label: name, share }));

type Handler = (body: string, sec: Section, out: FactSink) => void;

const income: Handler = (body, sec, out) => {
  const specs: Spec[] = [
    { name: N.INCOME.total, label: '收入总计' },
    { name: N.INCOME.opening, label: '年初结转和结余' },
    {
      name: N.INCOME.nonFiscalReserve,
      label: '使用非财政拨款结余(?:[（(]含专用结余[）)]|和专用结余)?',
    },
    { name: N.INCOME.current, label: '本年收入合计' },
    ...simple(N.INCOME_SOURCES, true),
  ];
  windows(body, sec, out, amounts(body, sec, out, specs));
};

const expenditure: Handler = (body, sec, out) => {
  const specs: Spec[] = [
    { name: N.EXPENDITURE.total, label: '支出总计' },
    { name: N.EXPENDITURE.current, label: '本年支出合计' },
    { name: N.EXPENDITURE.distribution, label: '结余分配' },
    { name: N.EXPENDITURE.closing, label: '年末结转和结余' },
    ...simple(N.EXPENDITURE_KINDS, true),
  ];
  windows(body, sec, out, amounts(body, sec, out, specs));
};

/** "年初预算数 B 万元，决算数 F 万元，完成年初预算的 r%" (the rate is omitted when B = 0 in 001). */
const BUDGET_FINAL = (budgetWord: string, rateWord: string): string =>
  String.raw`${budgetWord}${IS}(${NUM})\s*${MONEY}${COMMA}决算数${IS}(${NUM})\s*(?:万元|元)` +
  String.raw`(?:${COMMA}完成${rateWord}的\s*(${NUM})${PCT})?`;

function budgetFinal(
  out: FactSink,
  sec: Section,
  m: RegExpMatchArray,
  name: string,
  budgetSuffix: string,
  subject?: string,
): Fact[] {
  const at = sec.start + (m.index ?? 0);
  const unit = out.money(m[2]);
  const facts = [
    out.add(name + budgetSuffix, m[1] ?? '', unit, at, '', subject),
    out.add(name + N.FINAL, m[3] ?? '', unit, at, '', subject),
  ];
  if (m[4] !== undefined) facts.push(out.add(name + N.RATE, m[4], percentUnit(m[5]), at, '', subject));
  return facts;
}

const fiscal: Handler = (body, sec, out) => {
  const anchors: Anchor[] = [];
  const overall = new RegExp(`财政拨款本年支出${BUDGET_FINAL('年初预算数', '年初预算')}`, 'g');
  for (const m of body.matchAll(overall)) {
    const own = budgetFinal(out, sec, m, N.FISCAL, N.BUDGET_OPENING);
    anchors.push({ name: N.FISCAL + N.FINAL, start: m.index, end: m.index + m[0].length, share: false, own });
  }
  const perClass = new RegExp(
    String.raw`[（(][一二三四五六七八九十]{1,3}[）)]\s*([^（）()，。；,\d]{2,30}?)(?:[（(]类[）)])?\s*` +
      BUDGET_FINAL('年初预算数', '年初预算'),
    'g',
  );
  for (const m of body.matchAll(perClass)) {
    const cls = (m[1] ?? '').trim();
    const shifted = [m[0], ...m.slice(2)] as unknown as RegExpMatchArray;
    shifted.index = m.index;
    const own = budgetFinal(out, sec, shifted, N.FISCAL_CLASS, N.BUDGET_OPENING, cls);
    anchors.push({
      name: N.FISCAL_CLASS + N.FINAL,
      subject: cls,
      start: m.index,
      end: m.index + m[0].length,
      share: false,
      own,
    });
  }
  windows(body, sec, out, anchors);
};

const basic: Handler = (body, sec, out) => {
  const specs: Spec[] = [
    { name: N.BASIC, label: '一般公共预算财政拨款基本支出' },
    { name: '工资福利支出', label: '工资福利支出' },
    { name: '商品和服务支出', label: '商品和服务支出' },
    { name: '对个人和家庭的补助', label: '对个人和家庭(?:的)?补助(?:支出)?' },
    { name: '资本性支出', label: '资本性支出' },
  ];
  windows(body, sec, out, amounts(body, sec, out, specs));
};

const SANGONG_LABELS: Record<string, string> = {
  三公经费: '[“"]三公[”"]经费(?:支出)?',
  '因公出国（境）费': '因公出国[（(]境[）)](?:费用?|支出)',
  公务用车购置及运行维护费: '公务用车购置及运行维护费',
  公务用车购置费: '公务用车购置(?!及)(?:费)?',
  公务用车运行维护费: '公务用车运行维护费',
  公务接待费: '公务接待费',
};

const sangong: Handler = (body, sec, out) => {
  const anchors: Anchor[] = [];
  for (const [name] of N.SANGONG) {
    const label = SANGONG_LABELS[name] ?? name;
    const full = new RegExp(`${label}(?:支出)?\\s*${BUDGET_FINAL('全年预算数', '全年预算')}`, 'g');
    const found = [...body.matchAll(full)];
    for (const m of found) {
      const own = budgetFinal(out, sec, m, name, N.BUDGET_ANNUAL);
      anchors.push({ name: name + N.FINAL, start: m.index, end: m.index + m[0].length, share: false, own });
    }
    if (found.length > 0) continue;
    // 002 states the car total without a budget: "公务用车购置及运行维护费支出 26.42 万元".
    for (const m of body.matchAll(amountAfter(`${label}(?:支出)?`))) {
      const own = [out.add(name + N.FINAL, m[1] ?? '', out.money(m[2]), sec.start + m.index, '')];
      anchors.push({ name: name + N.FINAL, start: m.index, end: m.index + m[0].length, share: false, own });
    }
  }
  windows(body, sec, out, anchors);
  counts(body, sec, out, new RegExp(`团组\\s*(\\d+)\\s*个${COMMA}累计\\s*(\\d+)\\s*人次?`), [
    ['因公出国团组数', '个'],
    ['因公出国人次', '人次'],
  ]);
  counts(body, sec, out, /购置公务用车\s*(\d+)\s*辆/, [['公务用车购置数', '辆']]);
  counts(body, sec, out, /保有量?\s*(\d+)\s*辆/, [['公务用车保有量', '辆']]);
  counts(body, sec, out, new RegExp(`国内公务接待\\s*(\\d+)\\s*批次?${COMMA}累计接待\\s*(\\d+)\\s*人次`), [
    ['国内公务接待批次', '批次'],
    ['国内公务接待人次', '人次'],
  ]);
};

const operating: Handler = (body, sec, out) => {
  windows(body, sec, out, amounts(body, sec, out, [{ name: N.OPERATING, label: '机关运行经费(?:支出)?' }]));
};

const procurement: Handler = (body, sec, out) => {
  const P = N.PROCUREMENT;
  const specs: Spec[] = [
    { name: P.total, label: '政府采购支出总额' },
    { name: P.goods, label: '政府采购货物支出' },
    { name: P.works, label: '政府采购工程支出' },
    { name: P.services, label: '政府采购服务支出' },
    { name: P.sme, label: '授予中小企业合同金额', share: true },
    { name: P.micro, label: '授予小微企业合同金额', share: true },
  ];
  windows(body, sec, out, amounts(body, sec, out, specs));
  const share = (kind: string, name: string): void =>
    counts(body, sec, out, new RegExp(`${kind}采购授予中小企业合同金额占${kind}支出金额的\\s*(${NUM})${PCT}`), [
      [name, '%'],
    ]);
  share('货物', P.goodsSmeShare);
  share('工程', P.worksSmeShare);
  share('服务', P.servicesSmeShare);
};

const assets: Handler = (body, sec, out) => {
  for (const [name] of N.VEHICLES) {
    const label = name === '车辆数合计' ? '共有车辆' : name.replace(/[（(]/g, '[（(]').replace(/[）)]/g, '[）)]');
    counts(body, sec, out, new RegExp(`${label}\\s*(\\d+)\\s*辆`), [[name, '辆']]);
  }
  counts(body, sec, out, /单价\s*100\s*万元[（(]含[）)]以上设备[（(]不含车辆[）)]\s*(\d+)\s*台/, [
    [N.EQUIPMENT, '台（套）'],
  ]);
};

const HANDLERS: Partial<Record<SectionKind, Handler>> = {
  income,
  expenditure,
  fiscal,
  basic,
  sangong,
  operating,
  procurement,
  assets,
};
