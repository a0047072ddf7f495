/**
 * Run one command and measure it from outside: wall time and the peak RSS of its whole process
 * tree (see tree-rss.ts). Asynchronous on purpose — the sampler runs on this process's event loop,
 * which spawnSync would block.
 */
import { spawn } from 'node:child_process';
import { sampleTreeRss } from './tree-rss.js';

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak of the sum of VmRSS over the command and its descendants, MiB (0 off Linux). */
  peakMb: number;
}

export function measuredSpawn(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const sampler = child.pid === undefined ? { stop: () => 0 } : sampleTreeRss(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => {
      sampler.stop();
      reject(err);
    });
    // 'exit' comes before the pipes close; the tree is sampled up to here (the last sample of a
    // gone process reads 0, which leaves the peak alone).
    let peakMb: number | undefined;
    child.on('exit', () => {
      peakMb = sampler.stop();
    });
    child.on('close', (code) => {
      peakMb ??= sampler.stop();
      resolve({ code, stdout, stderr, ms: performance.now() - t0, peakMb });
    });
  });
}
