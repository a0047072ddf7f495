import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { extractCommand, type ExtractCliOptions } from './extract.js';
import { mergeCommand, exportCommand } from './dataset.js';
import { checkCommand } from './check.js';
import { LOG_LEVELS } from './logger.js';
import { UsageError } from './usage.js';
import { packageVersion } from '../batch/version.js';

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
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
 * 2 usage error, 130/143 interrupted.
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
    .addOption(
      new Option('--log-level <level>', 'process log level (pino JSON on stderr)').choices(LOG_LEVELS).default('info'),
    )
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (inputs: string[], o: ExtractCliOptions) => {
      code = await extractCommand(inputs, o);
    });

  program
    .command('merge')
    .description('Combine the output folders of `extract --shard i/n` runs (records, logs, manifests) into one')
    .argument('<dirs...>', 'shard output folders')
    .requiredOption('-o, --out <dir>', 'merged output folder (may be one of the inputs)')
    .addOption(new Option('--log-level <level>', 'process log level').choices(LOG_LEVELS).default('info'))
    .action((dirs: string[], o: { out: string; logLevel: string }) => {
      code = mergeCommand(dirs, o);
    });

  program
    .command('export')
    .description('Write the dataset of an output folder: cells (long table), documents, findings, facts')
    .argument('<dir>', 'an extract (or merge) output folder')
    .addOption(
      new Option(
        '--format <format>',
        'jsonl: one file, one object per line with "kind"; csv: a folder of four files; sqlite: one database',
      )
        .choices(['jsonl', 'csv', 'sqlite'])
        .makeOptionMandatory(),
    )
    .requiredOption('--to <path>', 'output file (jsonl, sqlite) or folder (csv)')
    .option('--bom', 'CSV only: start each file with a UTF-8 BOM for spreadsheet programs')
    .addOption(new Option('--log-level <level>', 'process log level').choices(LOG_LEVELS).default('info'))
    .action((dir: string, o: { format: 'jsonl' | 'csv' | 'sqlite'; to: string; bom?: boolean; logLevel: string }) => {
      code = exportCommand(dir, o);
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
    throw err;
  }
}
