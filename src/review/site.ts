/**
 * `juesuan review OUT --to SITE`: a static site to see what was read and settle it. No server and
 * no network: plain HTML files, one stylesheet and one script (assets/review/), page images beside
 * them, and each document's data inlined in its page, so it opens from the file system. The page
 * keeps a reviewer's decisions in the browser's storage and saves them as `corrections.json`
 * (a download: a static page cannot write files), which `extract`/`export --corrections` apply.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { MANIFEST_FILE, readManifest } from '../batch/manifest.js';
import { OperationalError } from '../batch/out-dir.js';
import type { Box } from '../schema/record.js';
import { DEFAULT_BUDGET, type PageMeta, type RenderBudget } from './render.js';
import { renderPool } from './render-pool.js';
import { cellKey, loadReviewDocument, worstFirst, type ReviewCell, type ReviewDocument } from './model.js';

export interface ReviewOptions {
  /** Render only pages holding a flagged cell (or a finding's box). */
  onlyFlagged?: boolean;
  budget?: Partial<RenderBudget>;
  /** Folders to look for the inputs in (by name, checked by sha256) when the manifest's path is gone. */
  sources?: string[];
  /** Where relative manifest paths are resolved (default: the working directory). */
  cwd?: string;
  /** Documents rendered at once, each in a worker thread (default: the cores; 1 renders in this thread). */
  concurrency?: number;
  onDocument?: (d: { output: string; pages: number; ms: number; source: string | null }) => void;
}

export interface ReviewSummary {
  documents: number;
  pages: number;
  /** Bytes of the whole site. */
  bytes: number;
  imageBytes: number;
  elapsedMs: number;
  /** Documents whose source file was not found (or has changed): findings only, no page images. */
  missingSources: string[];
  index: string;
}

const MARKER = '.juesuan-review';

export async function buildReviewSite(dir: string, to: string, opts: ReviewOptions = {}): Promise<ReviewSummary> {
  const t0 = Date.now();
  if (!existsSync(join(dir, MANIFEST_FILE)))
    throw new OperationalError('unusable', `${dir} has no ${MANIFEST_FILE}: not an extract output folder`);
  if (resolve(to) === resolve(dir)) throw new OperationalError('unusable', `--to must not be the output folder ${dir}`);
  if (existsSync(to) && !statSync(to).isDirectory())
    throw new OperationalError('unusable', `--to ${to} exists and is not a folder`);
  const manifest = readManifest(dir, '');
  // A folder this command made before is rebuilt from scratch; anything else in `to` is left alone.
  if (existsSync(join(to, MARKER))) rmSync(join(to, 'docs'), { recursive: true, force: true });
  mkdirSync(join(to, 'docs'), { recursive: true });
  mkdirSync(join(to, 'assets'), { recursive: true });
  writeFileSync(join(to, MARKER), 'written by juesuan review; docs/ is rebuilt on every run\n');
  const assets = assetsDir();
  let bytes = 0;
  for (const f of ['review.css', 'review.js']) {
    copyFileSync(join(assets, f), join(to, 'assets', f));
    bytes += statSync(join(to, 'assets', f)).size;
  }
  const budget = { ...DEFAULT_BUDGET, ...opts.budget };
  const docs = manifest.documents.map((e) => loadReviewDocument(dir, e)).sort(worstFirst);
  let pages = 0;
  let imageBytes = 0;
  const missingSources: string[] = [];
  const rendered = new Map<string, number>();
  const pool = renderPool(opts.concurrency);
  // Documents render in parallel (one per core); each page is written as soon as it is drawn.
  const one = async (d: ReviewDocument): Promise<void> => {
    const t1 = Date.now();
    const name = d.entry.output;
    const source = d.record ? findSource(d.entry.path, d.entry.sha256, opts) : null;
    if (d.record && !source) missingSources.push(name);
    let images: PageMeta[] = [];
    let text: string | null = null;
    if (d.record && source) {
      if (d.record.source.format === 'pdf') {
        const want = opts.onlyFlagged ? d.flaggedPages : d.pages;
        images = await pool.render({ bytes: source.bytes, pages: want, budget, dir: join(to, 'docs', name) });
        for (const img of images) imageBytes += img.bytes;
      } else {
        text = new TextDecoder().decode(source.bytes);
      }
    }
    const html = documentPage(d, images, text, source?.path ?? null, opts.onlyFlagged ?? false);
    writeFileSync(join(to, 'docs', `${name}.html`), html);
    bytes += Buffer.byteLength(html);
    pages += images.length;
    rendered.set(name, images.length);
    opts.onDocument?.({ output: name, pages: images.length, ms: Date.now() - t1, source: source?.path ?? null });
  };
  try {
    // Only as many documents in hand (their bytes read) as there are renderers.
    const limit = pLimit(pool.size);
    await Promise.all(docs.map((d) => limit(() => one(d))));
  } finally {
    await pool.close();
  }
  missingSources.sort();
  const index = indexPage(docs, rendered, opts.onlyFlagged ?? false);
  writeFileSync(join(to, 'index.html'), index);
  bytes += Buffer.byteLength(index) + imageBytes;
  return {
    documents: docs.length,
    pages,
    bytes,
    imageBytes,
    elapsedMs: Date.now() - t0,
    missingSources,
    index: join(to, 'index.html'),
  };
}

/** The input of a document: its manifest path, else a file of the same name in a --source folder; the sha256 must match. */
function findSource(path: string, sha256: string, opts: ReviewOptions): { path: string; bytes: Uint8Array } | null {
  const cwd = opts.cwd ?? process.cwd();
  const candidates = [isAbsolute(path) ? path : resolve(cwd, path)];
  for (const s of opts.sources ?? []) candidates.push(resolve(cwd, s, path), resolve(cwd, s, basename(path)));
  for (const c of candidates) {
    try {
      if (!existsSync(c) || !statSync(c).isFile()) continue;
      const bytes = new Uint8Array(readFileSync(c));
      if (createHash('sha256').update(bytes).digest('hex') === sha256) return { path: c, bytes };
    } catch {
      // unreadable: try the next candidate
    }
  }
  return null;
}

/** assets/review/ of the installed package, from src/review (tsx, vitest) or dist/src/review (built). */
export function assetsDir(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const a = join(d, 'assets', 'review');
    if (existsSync(join(a, 'review.js'))) return a;
    d = dirname(d);
  }
  throw new Error('assets/review/ not found beside the package');
}

// ---------------------------------------------------------------------------------------------- HTML

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON inside a <script> element: `<` escaped so no string can close it. */
const inlineJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

const href = (name: string): string => encodeURIComponent(name);

const STATUS_ZH = { ok: '完整', partial: '不完整', failed: '失败' } as const;
const LEVEL_ZH = { error: '错误', warn: '警告', info: '提示' } as const;

function head(title: string, root: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${root}assets/review.css">
</head>
`;
}

function confClass(c: number): string {
  return c >= 0.9 ? 'c-hi' : c >= 0.5 ? 'c-mid' : 'c-lo';
}

function indexPage(docs: ReviewDocument[], rendered: Map<string, number>, onlyFlagged: boolean): string {
  const rows = docs
    .map((d) => {
      const r = d.record;
      const name = d.entry.output;
      const link = r ? `<a href="docs/${href(name)}.html">${esc(name)}</a>` : esc(name);
      const conf = r ? r.confidence.document.toFixed(3) : '—';
      return `<tr class="doc s-${d.entry.outcome}" data-document="${esc(name)}">
<td>${link}</td><td>${esc(r?.document.department ?? '')}</td><td>${r?.document.year ?? ''}</td>
<td><span class="status s-${d.entry.outcome}">${STATUS_ZH[d.entry.outcome]}</span>${d.entry.reason ? `<div class="reason">${esc(d.entry.reason)}</div>` : ''}</td>
<td class="num">${conf}</td><td class="num n-error">${d.counts.error}</td><td class="num n-warn">${d.counts.warn}</td><td class="num">${d.counts.info}</td>
<td class="num">${d.flagged}</td><td class="num">${rendered.get(name) ?? 0}</td><td class="path">${esc(d.entry.path)}</td></tr>`;
    })
    .join('\n');
  return `${head('决算复核 — 文档列表', '')}<body class="index">
<header><h1>决算复核</h1>
<p>${docs.length} 份文档，最需要复核的在前（失败 → 不完整 → 完整；错误、警告、存疑单元格多者在前）。${onlyFlagged ? '只渲染了有存疑单元格的页面。' : ''}</p>
<div class="corr-bar"><span id="corr-count"></span> <button id="corr-download" type="button">下载 corrections.json</button></div>
</header>
<table class="docs">
<thead><tr><th>文档</th><th>部门</th><th>年度</th><th>状态</th><th>置信度</th><th>错误</th><th>警告</th><th>提示</th><th>存疑单元格</th><th>页面</th><th>输入</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script src="assets/review.js"></script>
</body>
</html>
`;
}

function pct(v: number, of: number): string {
  return `${((v / of) * 100).toFixed(3)}%`;
}

function cellTitle(c: ReviewCell): string {
  if (c.column === 'label') return `公开${c.table}表 ${c.row}：${c.label}`;
  return `公开${c.table}表 ${c.row}（${c.label}）栏${c.column}${c.columnName ? ` ${c.columnName}` : ''}：${c.value ?? ''}，置信度 ${c.confidence}`;
}

function overlay(c: ReviewCell, w: number, h: number): string {
  const b = c.box as [number, number, number, number, number];
  const cls = c.column === 'label' ? 'box label' : `box cell ${confClass(c.confidence)}${c.flagged ? ' flagged' : ''}`;
  return `<div class="${cls}" data-cell="${esc(c.key)}" style="left:${pct(b[1], w)};top:${pct(b[2], h)};width:${pct(b[3] - b[1], w)};height:${pct(b[4] - b[2], h)}" title="${esc(cellTitle(c))}"></div>`;
}

function pdfPages(d: ReviewDocument, images: PageMeta[]): string {
  const name = d.entry.output;
  return images
    .map((img) => {
      const boxes = d.cells
        .filter((c) => c.box && c.box.length === 5 && c.box[0] === img.page)
        .map((c) => overlay(c, img.widthPt, img.heightPt))
        .join('');
      const flagged = d.cells.filter((c) => c.flagged && c.box?.[0] === img.page).length;
      return `<section class="page" id="page-${img.page}" data-page="${img.page}" data-width-pt="${img.widthPt}" data-height-pt="${img.heightPt}">
<h3>第 ${img.page} 页${flagged ? `<span class="n-flag">${flagged} 个存疑单元格</span>` : ''}</h3>
<div class="sheet" style="aspect-ratio:${img.widthPt} / ${img.heightPt}"><img src="${href(name)}/p${img.page}.jpg" width="${img.width}" height="${img.height}" alt="第 ${img.page} 页" loading="lazy">${boxes}</div>
</section>`;
    })
    .join('\n');
}

/** A text input: its lines around the tables, every read cell a span over its columns. */
function textPages(d: ReviewDocument, text: string): string {
  const lines = text.split(/\r?\n/);
  const byLine = new Map<number, ReviewCell[]>();
  for (const c of d.cells) {
    const b = c.box;
    if (!b || b.length !== 4) continue;
    byLine.set(b[0], [...(byLine.get(b[0]) ?? []), c]);
  }
  if (!byLine.size) return '';
  const first = Math.max(1, Math.min(...byLine.keys()) - 3);
  const last = Math.min(lines.length, Math.max(...byLine.keys()) + 3);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const line = lines[n - 1] ?? '';
    const cells = (byLine.get(n) ?? []).sort((a, b) => (a.box as Box)[1] - (b.box as Box)[1]);
    let html = '';
    let at = 0;
    for (const c of cells) {
      const b = c.box as [number, number, number, number];
      const s = b[1] - 1;
      const e = b[3];
      if (s < at) continue; // overlapping spans: the first one wins
      html += esc(line.slice(at, s));
      const cls =
        c.column === 'label' ? 'box label' : `box cell ${confClass(c.confidence)}${c.flagged ? ' flagged' : ''}`;
      html += `<span class="${cls}" data-cell="${esc(c.key)}" title="${esc(cellTitle(c))}">${esc(line.slice(s, e))}</span>`;
      at = e;
    }
    html += esc(line.slice(at));
    out.push(`<div class="ln" id="L${n}"><span class="no">${n}</span><span class="tx">${html}</span></div>`);
  }
  return `<section class="page text" data-page="text"><h3>文本第 ${first}–${last} 行</h3><pre class="text">${out.join('')}</pre></section>`;
}

function findingItem(f: ReviewDocument['findings'][number], i: number): string {
  const place = [
    f.table ? `公开${f.table}表` : '',
    f.row ?? '',
    f.column ? `栏${f.column}` : '',
    f.page ? `第 ${f.page} 页` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const sides =
    f.expected !== undefined || f.actual !== undefined
      ? `<div class="sides">${f.expected !== undefined ? `<span>期望 <b>${esc(f.expected)}</b></span>` : ''}${f.actual !== undefined ? `<span>实际 <b>${esc(f.actual)}</b></span>` : ''}</div>`
      : '';
  const key = f.table && f.row && f.column ? cellKey(f.table, f.row, f.column) : undefined;
  return `<li class="finding l-${f.level}" data-finding="${i}"${key ? ` data-key="${esc(key)}"` : ''}${f.target ? ` data-target="${esc(f.target)}"` : ''}${f.page ? ` data-page="${f.page}"` : ''} tabindex="0">
<div class="meta"><span class="level l-${f.level}">${LEVEL_ZH[f.level]}</span> <code>${esc(f.check)}</code> <span class="place">${esc(place)}</span></div>
<div class="msg">${esc(f.message)}</div>${sides}</li>`;
}

function documentPage(
  d: ReviewDocument,
  images: PageMeta[],
  text: string | null,
  sourcePath: string | null,
  onlyFlagged: boolean,
): string {
  const r = d.record;
  const name = d.entry.output;
  const title = r ? `${r.document.department} ${r.document.year ?? ''}` : name;
  const serious = d.findings.map((f, i) => [f, i] as const).filter(([f]) => f.level !== 'info');
  const info = d.findings.map((f, i) => [f, i] as const).filter(([f]) => f.level === 'info');
  const body = !r
    ? `<p class="notice">没有记录：${esc(d.entry.reason ?? d.problem ?? '')}</p>`
    : !sourcePath
      ? `<p class="notice">找不到输入文件 ${esc(d.entry.path)}（或其内容已变，sha256 不符），只列出发现。可用 <code>--source 文件夹</code> 指明输入所在。</p>`
      : text !== null
        ? textPages(d, text)
        : images.length
          ? pdfPages(d, images)
          : `<p class="notice">${onlyFlagged ? '没有存疑单元格的页面（--only-flagged）。' : '记录中没有单元格位置。'}</p>`;
  const data = {
    document: name,
    sha256: d.entry.sha256,
    path: d.entry.path,
    cells: Object.fromEntries(
      d.cells
        .filter((c) => c.column !== 'label')
        .map((c) => [
          c.key,
          { t: c.table, r: c.row, c: c.column, l: c.label, n: c.columnName, v: c.value, p: c.confidence, f: c.flagged },
        ]),
    ),
    // Cells the findings name that were not read (empty): a reviewer may type what is printed there.
    unread: Object.fromEntries(
      d.findings
        .filter(
          (f) => f.table && f.row && f.column && !d.cells.some((c) => c.key === cellKey(f.table!, f.row!, f.column!)),
        )
        .map((f) => [cellKey(f.table!, f.row!, f.column!), { t: f.table, r: f.row, c: f.column }]),
    ),
  };
  return `${head(`决算复核 — ${title}`, '../')}<body class="document">
<header>
<a class="back" href="../index.html">← 文档列表</a>
<h1>${esc(title)} <small>${esc(name)}</small></h1>
<p class="summary"><span class="status s-${d.entry.outcome}">${STATUS_ZH[d.entry.outcome]}</span>
${r ? `置信度 ${r.confidence.document.toFixed(3)} · ` : ''}错误 ${d.counts.error} · 警告 ${d.counts.warn} · 提示 ${d.counts.info} · 存疑单元格 <b id="n-flagged">${d.flagged}</b>
${d.entry.reason ? `<span class="reason">${esc(d.entry.reason)}</span>` : ''}</p>
<p class="keys">键盘：<kbd>n</kbd>/<kbd>j</kbd> 下一个存疑单元格 · <kbd>p</kbd>/<kbd>k</kbd> 上一个 · <kbd>a</kbd> 接受所选读数 · <kbd>e</kbd> 输入更正 · 颜色：<span class="swatch c-hi"></span>≥0.9 <span class="swatch c-mid"></span>0.5–0.9 <span class="swatch c-lo"></span>&lt;0.5 <span class="swatch flagged"></span>存疑</p>
</header>
<main>
<div class="pages">
${body}
</div>
<aside>
<section class="selected" id="selected" hidden>
<h2>所选单元格</h2>
<div id="sel-where"></div>
<div>读数 <b id="sel-value"></b> <span id="sel-conf"></span></div>
<div class="actions">
<button id="sel-accept" type="button">接受读数</button>
<input id="sel-input" inputmode="decimal" autocomplete="off" placeholder="印刷的数值">
<button id="sel-save" type="button">保存更正</button>
</div>
<div id="sel-error" class="error"></div>
</section>
<section class="corrections">
<label>校对人 <input id="reviewer" autocomplete="off" placeholder="姓名或单位"></label>
<div class="corr-bar"><span id="corr-count"></span> <button id="corr-download" type="button">下载 corrections.json</button></div>
<ul id="corr-list"></ul>
</section>
<section class="findings">
<h2>发现（${serious.length} 条错误/警告）</h2>
<ol class="findings">
${serious.map(([f, i]) => findingItem(f, i)).join('\n')}
</ol>
<details><summary>其他 ${info.length} 条提示</summary>
<ol class="findings info">
${info.map(([f, i]) => findingItem(f, i)).join('\n')}
</ol></details>
</section>
</aside>
</main>
<script type="application/json" id="review-data">${inlineJson(data)}</script>
<script src="../assets/review.js"></script>
</body>
</html>
`;
}
