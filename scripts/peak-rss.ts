/**
 * Run one command and print its wall time and the peak RSS of its whole process tree (npm, sh and
 * node included), e.g. to check the batch's memory limit:
 *   node dist/scripts/peak-rss.js npm run extract -- samples --out /tmp/o
 * The command's own output is passed through to stderr; the figures go to stdout as one line.
 */
import { measuredSpawn } from './lib/measured-spawn.js';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: peak-rss <command> [args…]');
  process.exit(2);
}
const r = await measuredSpawn(cmd, args);
process.stderr.write(r.stdout + r.stderr);
console.log(
  `exit ${r.code}, wall ${(r.ms / 1000).toFixed(1)} s, peak RSS of the process tree ${r.peakMb.toFixed(0)} MiB`,
);
process.exitCode = r.code ?? 1;
