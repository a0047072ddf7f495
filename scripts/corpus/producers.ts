/**
 * The external PDF producers, each behind one function: input file in, PDF out. All run offline
 * with fixed environment (SOURCE_DATE_EPOCH, TZ=UTC) so the producers that honour it write stable
 * dates; normalize-pdf.ts pins the rest.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** 2025-01-01T00:00:00Z: the date every fixture claims. */
export const EPOCH = 1735689600;
const ENV = { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH), TZ: 'UTC', LANG: 'zh_CN.UTF-8' };

function run(cmd: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): void {
  execFileSync(cmd, args, {
    env: ENV,
    cwd: opts.cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: opts.timeoutMs ?? 300_000,
  });
}

/** Chromium headless print to PDF (Skia/PDF), with a throw-away profile and no network services. */
export function chromium(htmlPath: string, outPdf: string): void {
  const profile = mkdtempSync(path.join(tmpdir(), 'corpus-chromium-'));
  try {
    run('chromium', [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--no-pdf-header-footer',
      '--disable-pdf-tagging',
      `--print-to-pdf=${outPdf}`,
      `file://${path.resolve(htmlPath)}`,
    ]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** wkhtmltopdf: Qt WebKit's layout and Qt's PDF writer (a second browser engine, not Chromium's Skia). */
export function wkhtmltopdf(htmlPath: string, outPdf: string): void {
  run('wkhtmltopdf', ['--quiet', '--enable-local-file-access', path.resolve(htmlPath), outPdf]);
}

let loProfile: string | null = null;

/**
 * LibreOffice headless conversion (Writer for .fodt, Calc for .fods). One profile for the whole run:
 * its first start is slow, later ones reuse it.
 */
export function soffice(input: string, outPdf: string, filter: 'writer_pdf_Export' | 'calc_pdf_Export'): void {
  loProfile ??= mkdtempSync(path.join(tmpdir(), 'corpus-lo-'));
  const outDir = mkdtempSync(path.join(tmpdir(), 'corpus-lo-out-'));
  try {
    run('soffice', [
      `-env:UserInstallation=file://${loProfile}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      `pdf:${filter}`,
      '--outdir',
      outDir,
      input,
    ]);
    renameSync(path.join(outDir, `${path.basename(input).replace(/\.[^.]+$/, '')}.pdf`), outPdf);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function cleanupProfiles(): void {
  if (loProfile) rmSync(loProfile, { recursive: true, force: true });
  loProfile = null;
}

/** Ghostscript's pdfwrite: re-interprets the page and writes new content streams and fonts. */
export function ghostscript(inPdf: string, outPdf: string): void {
  run('gs', [
    '-q',
    '-dSAFER',
    '-dBATCH',
    '-dNOPAUSE',
    '-sDEVICE=pdfwrite',
    '-dCompatibilityLevel=1.7',
    '-dOmitXMP',
    `-sOutputFile=${outPdf}`,
    inPdf,
  ]);
}

/** poppler's pdftocairo: renders each page through cairo's PDF surface. */
export function cairo(inPdf: string, outPdf: string): void {
  run('pdftocairo', ['-pdf', inPdf, outPdf]);
}

/** MuPDF: re-draws each page through its PDF-writing device (new content streams, fonts copied). */
export function mutool(inPdf: string, outPdf: string): void {
  run('mutool', ['convert', '-F', 'pdf', '-O', 'compress', '-o', outPdf, inPdf]);
}

/** ReportLab (Debian python3-reportlab, system Python: pyenv's python has no reportlab). */
export function reportlab(modelJson: string, outPdf: string): void {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'reportlab_render.py');
  run('/usr/bin/python3', [script, modelJson, outPdf]);
}
