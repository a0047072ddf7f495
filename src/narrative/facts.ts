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
    const c = changeOf(tail);
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

/**
 * The year-on-year change in an anchor's window. One that follows a sentence break (。/；) after
 * which another figure is stated belongs to that figure (an indicator the extractor did not read,
 * e.g. an amount printed without its unit), not to this anchor. Years ("与 2023 年度相比") are no
 * figures.
 */
function changeOf(tail: string): RegExpExecArray | null {
  const c = CHANGE_RE.exec(tail);
  if (!c) return null;
  const before = tail.slice(0, c.index);
  const cut = Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'));
  if (cut >= 0 && /\d(?![\d.,]*\s*年)/.test(before.slice(cut))) return null;
  return c;
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
  String.raw`${budgetWord}${IS}(${NUM})\s*${MONEY}${COMMA}(?:支出)?决算数?${IS}(${NUM})\s*(?:万元|元)` +
  String.raw`(?:${COMMA}完成${rateWord}数?的?\s*(${NUM})${PCT})?`;

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

/** One stated figure of a budget/final cluster: "年初预算为 0 万元", "支出决算为 307.82 万元". */
const FIGURE = new RegExp(
  String.raw`(年初预算|全年预算|调整(?:后)?预算|预算|支出决算|决算)数?${IS}(${NUM})\s*(万元|元)`,
  'g',
);
/** Between two figures of one cluster: a comma, or "，比" (Shanghai prints the final first sometimes). */
const FIGURE_GAP = /^\s*[，,]?\s*(?:比|较)?\s*$/;
const RATE_AFTER = new RegExp(String.raw`^\s*[，,]\s*完成(年初|全年)?预算数?的?\s*(${NUM})${PCT}`);

/**
 * A budget/final statement of 第三部分: adjacent figures (at least one budget and one final) and the
 * completion rate after them. The national template and Shanghai word it "年初预算为 B 万元，全年预算为 A
 * 万元，支出决算为 F 万元，完成年初预算的 r%"; Jiangxi "年初预算数 B 万元，决算数 F 万元，完成年初预算的 r%".
 */
interface Cluster {
  start: number;
  end: number;
  opening?: RegExpMatchArray;
  annual?: RegExpMatchArray;
  final: RegExpMatchArray;
  rate?: RegExpMatchArray;
}

export function budgetClusters(body: string): Cluster[] {
  const figures = [...body.matchAll(FIGURE)];
  const out: Cluster[] = [];
  let i = 0;
  while (i < figures.length) {
    const group = [figures[i]!];
    while (i + 1 < figures.length) {
      const a = group[group.length - 1]!;
      const b = figures[i + 1]!;
      if (!FIGURE_GAP.test(body.slice(a.index + a[0].length, b.index))) break;
      group.push(b);
      i++;
    }
    i++;
    const kind = (m: RegExpMatchArray): 'opening' | 'annual' | 'final' =>
      m[1] === '年初预算' ? 'opening' : /决算/.test(m[1] ?? '') ? 'final' : 'annual';
    const final = group.find((m) => kind(m) === 'final');
    const opening = group.find((m) => kind(m) === 'opening');
    const annual = group.find((m) => kind(m) === 'annual');
    if (!final || (!opening && !annual)) continue;
    const last = group[group.length - 1]!;
    let end = last.index + last[0].length;
    const rate = RATE_AFTER.exec(body.slice(end)) ?? undefined;
    if (rate) end += rate[0].length;
    out.push({
      start: group[0]!.index,
      end,
      final,
      ...(opening ? { opening } : {}),
      ...(annual ? { annual } : {}),
      ...(rate ? { rate } : {}),
    });
  }
  return out;
}

const ORD = '[一二三四五六七八九十]{1,3}';
/** Overall statements end right before their cluster: "财政拨款本年支出", "一般公共预算财政拨款支出". */
const OVERALL_BEFORE = /(一般公共预算)?财政拨款(?:本年)?支出(?:决算)?\s*$/;
/** "（一）一般公共服务支出（类）" / "（一）一般公共服务支出" (002) right before the cluster. */
const CLASS_BEFORE = new RegExp(
  String.raw`[（(]${ORD}[）)]\s*([^（）()，。；,\d]{2,30}?)(?:[（(]类[）)])?\s*[：:]?\s*$`,
);
/** "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）" anywhere between the previous cluster and this one. */
const PATH =
  /([^（）()，。；：:、\s\d]{2,30}?)[（(]类[）)]\s*(?:([^（）()，。；：:、\s\d]{2,30}?)[（(]款[）)])?\s*(?:([^（）()，。；：:、\s\d]{2,30}?)[（(]项[）)])?/g;

const fiscal: Handler = (body, sec, out) => {
  // Shanghai and the national template state the 一般公共预算 part; Jiangxi all 财政拨款.
  const general = /一般公共预算/.test(sec.heading);
  const anchors: Anchor[] = [];
  let from = 0;
  for (const c of budgetClusters(body)) {
    const prefix = body.slice(from, c.start);
    from = c.end;
    let name: string;
    let subject: string | undefined;
    const overall = OVERALL_BEFORE.exec(prefix);
    const paths = [...prefix.matchAll(PATH)];
    const cls = CLASS_BEFORE.exec(prefix);
    if (overall) {
      name = overall[1] || general ? N.GENERAL : N.FISCAL;
    } else if (paths.length > 0) {
      const p = paths[paths.length - 1]!;
      subject = [p[1], p[2], p[3]].filter((x): x is string => !!x).join('/');
      name = general ? N.GENERAL_ITEM : N.FISCAL_CLASS;
      if (!general) subject = p[1];
    } else if (cls && !/财政拨款/.test(cls[1] ?? '')) {
      subject = (cls[1] ?? '').trim();
      name = general ? N.GENERAL_ITEM : N.FISCAL_CLASS;
    } else continue;
    const at = sec.start + c.start;
    const unit = (m: RegExpMatchArray): string => out.money(m[3]);
    const own: Fact[] = [];
    if (c.opening) own.push(out.add(name + N.BUDGET_OPENING, c.opening[2] ?? '', unit(c.opening), at, '', subject));
    if (c.annual) own.push(out.add(name + N.BUDGET_ANNUAL, c.annual[2] ?? '', unit(c.annual), at, '', subject));
    own.push(out.add(name + N.FINAL, c.final[2] ?? '', unit(c.final), at, '', subject));
    if (c.rate) own.push(out.add(name + N.RATE, c.rate[2] ?? '', percentUnit(c.rate[3]), at, '', subject));
    anchors.push({
      name: name + N.FINAL,
      ...(subject ? { subject } : {}),
      start: c.start,
      end: c.end,
      share: false,
      own,
    });
  }
  if (general) {
    // "一般公共预算财政拨款支出 307.82 万元，占本年支出合计的 100.00%。与 2023 年度相比，…增加 307.82 万元"
    for (const m of body.matchAll(amountAfter(N.GENERAL))) {
      const own = [out.add(N.GENERAL + N.FINAL, m[1] ?? '', out.money(m[2]), sec.start + m.index, '')];
      anchors.push({ name: N.GENERAL + N.FINAL, start: m.index, end: m.index + m[0].length, share: false, own });
    }
    // 结构: "一般公共服务支出（类）264.87 万元，占 86.05%"
    const structure = new RegExp(
      String.raw`([^\s，。；：:、\d（）()]{2,20}?支出)[（(]类[）)]${IS}(${NUM})\s*${MONEY}(?=${COMMA}占)`,
      'g',
    );
    for (const m of body.matchAll(structure)) {
      const subject = m[1] ?? '';
      const own = [out.add(N.GENERAL_CLASS + N.FINAL, m[2] ?? '', out.money(m[3]), sec.start + m.index, '', subject)];
      anchors.push({ name: N.GENERAL_CLASS, subject, start: m.index, end: m.index + m[0].length, share: true, own });
    }
  }
  windows(body, sec, out, anchors);
};

const overview: Handler = (body, sec, out) => {
  const specs: Spec[] = [{ name: N.OVERVIEW_TOTAL, label: '收入[、和及]?支出(?:决算)?总计(?:各|均)?' }];
  windows(body, sec, out, amounts(body, sec, out, specs));
};

const fiscalOverview: Handler = (body, sec, out) => {
  const specs: Spec[] = [{ name: N.FISCAL_OVERVIEW_TOTAL, label: '财政拨款收入[、和及]?支出(?:决算)?总计(?:各|均)?' }];
  windows(body, sec, out, amounts(body, sec, out, specs));
};

const basic: Handler = (body, sec, out) => {
  const specs: Spec[] = [
    { name: N.BASIC, label: '一般公共预算财政拨款基本支出' },
    { name: '工资福利支出', label: '工资福利支出' },
    { name: '商品和服务支出', label: '商品和服务支出' },
    { name: '对个人和家庭的补助', label: '对个人和家庭(?:的)?补助(?:支出)?' },
    { name: '资本性支出', label: '资本性支出' },
    { name: N.PERSONNEL, label: '人员经费(?:支出)?' },
    { name: N.PUBLIC_USE, label: '(?<!日常)公用经费(?:支出)?' },
  ];
  windows(body, sec, out, amounts(body, sec, out, specs));
};

const SANGONG_LABELS: Record<string, string> = {
  三公经费: '[“"]三公[”"]经费(?:财政拨款)?(?:支出)?',
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
    const full = new RegExp(`${label}(?:支出)?\\s*${BUDGET_FINAL('(?:全年)?预算数?', '(?:全年)?预算')}`, 'g');
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
    // Shanghai: "政府采购金额（以合同签订为准）为 21.07 万元，其中：货物采购金额 21.07 万元、工程采购金额 0 万元…"
    { name: P.total, label: '政府采购(?:支出总额|金额(?:[（(]以合同签订为准[）)])?)' },
    { name: P.goods, label: '(?:政府采购货物支出|货物采购金额)' },
    { name: P.works, label: '(?:政府采购工程支出|工程采购金额)' },
    { name: P.services, label: '(?:政府采购服务支出|服务采购金额)' },
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

/** Vehicle kinds as the national template and Shanghai word them. */
const VEHICLE_LABELS: Record<string, string> = {
  车辆数合计: '共有车辆',
  '副部（省）级及以上领导用车': '(?:副部[（(]省[）)]级及以上领导用车|部级领导干部用车)',
  主要负责人用车: '(?:主要负责人用车|主要领导干部用车)',
  离退休干部服务用车: '离退休干部(?:服务)?用车',
};

const assets: Handler = (body, sec, out) => {
  for (const [name] of N.VEHICLES) {
    const label = VEHICLE_LABELS[name] ?? name.replace(/[（(]/g, '[（(]').replace(/[）)]/g, '[）)]');
    counts(body, sec, out, new RegExp(`${label}\\s*(\\d+)\\s*辆`), [[name, '辆']]);
  }
  counts(body, sec, out, /单价\s*100\s*万元[（(]含[）)]以上设备[（(]不含车辆[）)]\s*(\d+)\s*台/, [
    [N.EQUIPMENT, '台（套）'],
  ]);
};

const HANDLERS: Partial<Record<SectionKind, Handler>> = {
  overview,
  'fiscal-overview': fiscalOverview,
  income,
  expenditure,
  fiscal,
  basic,
  sangong,
  operating,
  procurement,
  assets,
};
