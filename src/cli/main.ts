import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { extractCommand, type ExtractCliOptions } from './extract.js';
import { mergeCommand, exportCommand, type ExportFormat } from './dataset.js';
import { checkCommand } from './check.js';
import { reviewCommand, type ReviewCliOptions } from './review.js';
import { LOG_LEVELS } from './logger.js';
import { UsageError } from './usage.js';
import { packageVersion } from '../batch/version.js';
import { OperationalError } from '../batch/out-dir.js';
import { DEFAULT_LIMITS, MB } from '../ingest/limits.js';

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
    return n;
  };
}

function nonNegativeNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number ≥ 0`);
    return n;
  };
}

function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
    return n;
  };
}

/**
 * The juesuan command line. Returns the exit code instead of calling process.exit, so tests can
 * drive it in-process and bin/juesuan.js stays a shim: 0 success, 1 some document failed,
 * 2 usage error, 3 output folder unusable (not a folder, not writable, corrupt manifest), 4 output
 * folder busy (another run holds its lock), 5 a write failed during the run (disk full),
 * 70 internal error (a bug), 130/143 interrupted. Every error but a bug is one line on stderr.
 */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('juesuan')
    .description('Turn Chinese department final-accounts reports (部门决算) into exact, typed, checked JSON')
    .version(packageVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });

  program
    .command('extract')
    .description('Extract records from reports (.txt, .pdf; folders are searched recursively)')
    .argument('<inputs...>', 'report files and/or folders')
    .requiredOption('-o, --out <dir>', 'output folder: <name>.json, <name>.log.jsonl per input, and manifest.json')
    .option('-f, --force', 'redo inputs the manifest says are done (unchanged bytes and pipeline version)')
    .option(
      '-c, --concurrency <n>',
      `documents in parallel, one worker thread each (default: ${availableParallelism()}, the cores)`,
      positiveInt('--concurrency'),
    )
    .option(
      '--timeout <sec>',
      'per-document time limit; the worker is stopped and the document failed (kind Timeout)',
      positiveNumber('--timeout'),
      300,
    )
    .option(
      '--memory-limit <mb>',
      'heap limit per worker thread; a document exceeding it fails alone',
      positiveInt('--memory-limit'),
      2048,
    )
    .option(
      '--shard <i/n>',
      'process only shard i of n (1 ≤ i ≤ n), a stable partition by hash of the path under its input folder',
    )
    .addOption(
      new Option('--ocr <mode>', 'when to OCR pages: only pages without a usable text layer, every page, or never')
        .choices(['auto', 'always', 'never'])
        .default('auto'),
    )
    .option('--no-fold-glyphs', 'keep Kangxi radicals and CJK radical-supplement glyphs as printed')
    .option('--strict', 'count partial records and warn/error findings as failures (exit 1); records are still written')
    .option(
      '--max-input-mb <mb>',
      'refuse (kind TooLarge) any input file above this size, before reading it',
      positiveNumber('--max-input-mb'),
      DEFAULT_LIMITS.maxInputBytes / MB,
    )
    .option(
      '--max-text-mb <mb>',
      'refuse (kind TooLarge) a text input above this size',
      positiveNumber('--max-text-mb'),
      DEFAULT_LIMITS.maxTextBytes / MB,
    )
    .option(
      '--max-image-mpx <mpx>',
      'do not decode a PDF image above this many megapixels (a finding names its page)',
      positiveNumber('--max-image-mpx'),
      DEFAULT_LIMITS.maxImagePixels / 1e6,
    )
    .option(
      '--max-page-area <m2>',
      'largest page (m²; A2 = 0.25) OCR-rendered at full resolution; larger pages are scaled down, or skipped below half the resolution',
      positiveNumber('--max-page-area'),
      DEFAULT_LIMITS.maxPageArea,
    )
    .option(
      '--wait <sec>',
      'when another run holds the output folder, wait up to this long for it (default: exit 4 at once)',
      nonNegativeNumber('--wait'),
      0,
    )
    .addOption(
      new Option('--log-level <level>', 'process log level (pino JSON on stderr)').choices(LOG_LEVELS).default('info'),
    )
    .option('--no-progress', 'no progress bar even on a terminal')
    .option(
      '--corrections <files...>',
      "reviewers' corrections.json files (from `juesuan review`): applied by document sha256 and cell key; put last",
    )
    .action(async (inputs: string[], o: ExtractCliOptions) => {
      code = await extractCommand(inputs, o);
    });

  program
    .command('merge')
    .description('Combine the output folders of `extract --shard i/n` runs (records, logs, manifests) into one')
    .argument('<dirs...>', 'shard output folders')
    .requiredOption('-o, --out <dir>', 'merged output folder (may be one of the inputs)')
    .option(
      '--wait <sec>',
      'when another run holds the output folder, wait up to this long for it (default: exit 4 at once)',
      nonNegativeNumber('--wait'),
      0,
    )
    .addOption(new Option('--log-level <level>', 'process log level').choices(LOG_LEVELS).default('info'))
    .action(async (dirs: string[], o: { out: string; logLevel: string; wait: number }) => {
      code = await mergeCommand(dirs, o);
    });

  program
    .command('export')
    .description('Write the dataset of an output folder: cells (long table), documents, findings, facts')
    .argument('<dir>', 'an extract (or merge) output folder')
    .addOption(
      new Option(
        '--format <format>',
        'jsonl: one file, one object per line with "kind"; csv: a folder of four files; sqlite: one database; parquet: a folder of four files',
      )
        .choices(['jsonl', 'csv', 'sqlite', 'parquet'])
        .makeOptionMandatory(),
    )
    .requiredOption('--to <path>', 'output file (jsonl, sqlite) or folder (csv, parquet)')
    .option('--bom', 'CSV only: start each file with a UTF-8 BOM for spreadsheet programs')
    .option(
      '--corrections <files...>',
      "reviewers' corrections.json files (from `juesuan review`) applied to the records before export",
    )
    .addOption(new Option('--log-level <level>', 'process log level').choices(LOG_LEVELS).default('info'))
    .action(
      async (
        dir: string,
        o: { format: ExportFormat; to: string; bom?: boolean; logLevel: string; corrections?: string[] },
      ) => {
        code = await exportCommand(dir, o);
      },
    );

  program
    .command('review')
    .description(
      'Build a static review site of an output folder: documents worst first; each table page with every read cell outlined by confidence, flagged cells marked, findings beside it; corrections saved as corrections.json',
    )
    .argument('<dir>', 'an extract (or merge) output folder')
    .requiredOption('--to <site>', 'folder to write the site into (index.html, docs/, assets/)')
    .option('--only-flagged', 'render only pages with a flagged cell (a smaller site)')
    .option('--open', 'open index.html in the default browser, where there is one')
    .option(
      '--source <dirs...>',
      "folders to find the inputs in (by file name, checked by sha256) when the manifest's paths do not resolve from here",
    )
    .option('--dpi <dpi>', 'page image resolution tried first (lowered to fit --page-kb)', positiveNumber('--dpi'), 96)
    .option('--page-kb <kb>', 'size budget of one page image (JPEG)', positiveNumber('--page-kb'), 200)
    .addOption(new Option('--log-level <level>', 'process log level').choices(LOG_LEVELS).default('info'))
    .action(async (dir: string, o: ReviewCliOptions) => {
      code = await reviewCommand(dir, o);
    });

  program
    .command('check')
    .description(
      'Summarize the findings of records by severity (error, warn, then a count of info), with table/row/column and both sides; exit 1 when any error',
    )
    .argument(
      '<records...>',
      'document records (X.json) or extract output folders; findings are read from the sibling X.log.jsonl, or re-run from the record when it is missing',
    )
    .addOption(
      new Option('--format <format>', 'text for people, json for programs').choices(['text', 'json']).default('text'),
    )
    .action((records: string[], o: { format: 'text' | 'json' }) => {
      code = checkCommand(records, o);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; help shown because a command was missing exits non-zero: usage.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`juesuan: ${err.message}\n`);
      return 2;
    }
    if (err instanceof OperationalError) {
      process.stderr.write(`juesuan: ${oneLine(err.message)}\n`);
      return err.exitCode;
    }
    return internalError(err);
  }
}

/** A bug: one line, and the stack only when JUESUAN_DEBUG is set. Exit 70 (EX_SOFTWARE). */
export function internalError(err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`juesuan: internal error (a bug; please report it): ${oneLine(message)}\n`);
  if (process.env.JUESUAN_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 70;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
