import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertNotLocked } from '../batch/lock.js';
import { buildReviewSite } from '../review/site.js';
import { createLogger } from './logger.js';

export interface ReviewCliOptions {
  to: string;
  onlyFlagged?: boolean;
  open?: boolean;
  source?: string[];
  dpi: number;
  pageKb: number;
  logLevel: string;
}

/**
 * `juesuan review OUT --to SITE`: build the static review site of an extract output folder. Exit 0;
 * an unusable folder (3) or one a run is writing (4) is thrown as OperationalError for main.
 */
export async function reviewCommand(dir: string, o: ReviewCliOptions): Promise<number> {
  const log = createLogger(o.logLevel);
  assertNotLocked(dir);
  const s = await buildReviewSite(dir, o.to, {
    onlyFlagged: o.onlyFlagged ?? false,
    budget: { dpi: o.dpi, maxBytes: Math.round(o.pageKb * 1000) },
    ...(o.source ? { sources: o.source } : {}),
    onDocument: (d) => log.debug(d, 'document'),
  });
  for (const name of s.missingSources)
    log.warn({ document: name }, 'input not found (or changed since extraction): findings only; pass --source <dir>');
  log.info(
    {
      documents: s.documents,
      pages: s.pages,
      bytes: s.bytes,
      imageBytes: s.imageBytes,
      elapsedMs: s.elapsedMs,
      missingSources: s.missingSources.length,
      index: s.index,
    },
    `review site: ${s.documents} documents, ${s.pages} pages, ${(s.bytes / 1e6).toFixed(1)} MB in ${(s.elapsedMs / 1000).toFixed(1)} s → ${s.index}`,
  );
  if (o.open) openInBrowser(resolve(s.index), log);
  return 0;
}

/** The platform's opener (xdg-open, open, start), detached; where there is none, say where the site is. */
function openInBrowser(file: string, log: ReturnType<typeof createLogger>): void {
  const url = pathToFileURL(file).href;
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  if (process.platform !== 'win32' && !onPath(cmd)) {
    log.warn({ index: file }, `no ${cmd} here to open a browser: open ${url} yourself`);
    return;
  }
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => log.warn({ index: file }, `could not start ${cmd}: open ${url} yourself`));
  child.unref();
}

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
}
