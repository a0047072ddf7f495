/**
 * Build the producer corpus: every fixture of fixtures.ts rendered by its producer into
 * test/fixtures/producers/<seed-stem>.<producer>-<variant>.pdf, then corpus.json (what each file is
 * and what its producer wrote) and the README's table from it. Needs the Debian packages of
 * install-deps.sh (build-corpus.sh installs them); tests never run this.
 *
 *   npx tsx scripts/corpus/build.ts [--out DIR] [--only SUBSTRING] [--shared /work/shared]
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildDoc } from './doc.js';
import { toFods } from './emit-fods.js';
import { toFodt } from './emit-fodt.js';
import { toHtml } from './emit-html.js';
import { renderPdfkit } from './emit-pdfkit.js';
import { FIXTURES, SEEDS, fixtureName, type CorpusEntry, type Fixture } from './fixtures.js';
import { inspectPdf } from './inspect.js';
import { DEFAULT_OPTIONS, type LayoutOptions } from './model.js';
import { normalizePdf } from './normalize-pdf.js';
import * as run from './producers.js';
import { writeReadme } from './readme.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function renderNative(
  f: Extract<Fixture, { variant: string }>,
  opts: LayoutOptions,
  shared: string,
  work: string,
  out: string,
): Promise<void> {
  const doc = buildDoc(
    { truthDir: path.join(shared, 'truth'), seedDir: path.join(shared, 'seeds') },
    SEEDS[f.seed]!,
    opts,
  );
  const base = path.join(work, fixtureName(f));
  switch (f.producer) {
    case 'lo-writer':
      writeFileSync(`${base}.fodt`, toFodt(doc));
      run.soffice(`${base}.fodt`, out, 'writer_pdf_Export');
      break;
    case 'lo-calc':
      writeFileSync(`${base}.fods`, toFods(doc));
      run.soffice(`${base}.fods`, out, 'calc_pdf_Export');
      break;
    case 'chromium':
      writeFileSync(`${base}.html`, toHtml(doc));
      run.chromium(`${base}.html`, out);
      break;
    case 'wkhtmltopdf':
      writeFileSync(`${base}.html`, toHtml(doc));
      run.wkhtmltopdf(`${base}.html`, out);
      break;
    case 'reportlab':
      writeFileSync(`${base}.json`, JSON.stringify(doc));
      run.reportlab(`${base}.json`, out);
      break;
    case 'pdfkit':
      writeFileSync(out, await renderPdfkit(doc));
      break;
  }
}

async function main(): Promise<void> {
  const outDir = path.resolve(arg('--out') ?? path.join(ROOT, 'test/fixtures/producers'));
  const shared = path.resolve(arg('--shared') ?? process.env.JUESUAN_SHARED ?? '/work/shared');
  const only = arg('--only');
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), 'corpus-build-'));
  const manifestPath = path.join(outDir, 'corpus.json');
  const previous: CorpusEntry[] = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { fixtures: CorpusEntry[] }).fixtures
    : [];
  const entries: CorpusEntry[] = [];
  try {
    for (const f of FIXTURES) {
      const name = fixtureName(f);
      const file = `${name}.pdf`;
      const dest = path.join(outDir, file);
      const isRewrite = 'from' in f;
      const opts: LayoutOptions = isRewrite
        ? (entries.find((e) => e.file === `${SEEDS[f.seed]}.${f.from}.pdf`)?.options ??
          previous.find((e) => e.file === `${SEEDS[f.seed]}.${f.from}.pdf`)?.options ??
          DEFAULT_OPTIONS)
        : { ...DEFAULT_OPTIONS, ...f.options };
      if (!only || name.includes(only)) {
        const raw = path.join(work, `${name}.raw.pdf`);
        const t0 = Date.now();
        if (isRewrite) {
          const src = path.join(outDir, `${SEEDS[f.seed]}.${f.from}.pdf`);
          if (!existsSync(src)) throw new Error(`${name}: source ${src} not built`);
          if (f.producer === 'gs') run.ghostscript(src, raw);
          else if (f.producer === 'cairo') run.cairo(src, raw);
          else run.mutool(src, raw);
        } else {
          await renderNative(f, opts, shared, work, raw);
        }
        writeFileSync(dest, normalizePdf(readFileSync(raw)));
        console.log(`${file}\t${(readFileSync(dest).length / 1024).toFixed(0)} KiB\t${Date.now() - t0} ms`);
      }
      if (!existsSync(dest)) continue;
      entries.push({
        file,
        seed: SEEDS[f.seed]!,
        producer: f.producer,
        variant: isRewrite ? f.from : f.variant,
        from: isRewrite ? `${SEEDS[f.seed]}.${f.from}.pdf` : null,
        options: opts,
        facts: inspectPdf(dest),
      });
    }
  } finally {
    run.cleanupProfiles();
    rmSync(work, { recursive: true, force: true });
  }
  writeFileSync(
    manifestPath,
    JSON.stringify({ generatedBy: 'scripts/corpus/build.ts', fixtures: entries }, null, 1) + '\n',
  );
  writeReadme(outDir, entries);
  const total = entries.reduce((a, e) => a + e.facts.bytes, 0);
  console.log(`${entries.length} fixtures, ${(total / 1024 / 1024).toFixed(2)} MiB`);
}

await main();
