import cliProgress from 'cli-progress';
import type { Progress } from './run.js';

/**
 * A progress bar on stderr, only when stderr is a terminal: nightly jobs and CI logs get the pino
 * lines alone. Pages/s counts pages of PDFs; text inputs have none.
 */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY || total === 0) return { update: (_p: Progress) => {}, stop: () => {} };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {value}/{total} docs | {pps} pages/s | ETA {eta_formatted} | {last}',
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { pps: '0.0', last: '' });
  return {
    update(p: Progress) {
      const s = (Date.now() - started) / 1000;
      bar.update(p.done, {
        pps: s > 0 ? (p.pages / s).toFixed(1) : '0.0',
        last: `${p.entry.output} ${p.entry.status}`,
      });
    },
    stop() {
      bar.stop();
    },
  };
}
