/**
 * Peak resident memory of a whole process tree, sampled from /proc.
 *
 * Why not `process.resourceUsage().maxRSS` alone: it covers one process (its worker threads
 * included, they share its address space) but no child process, and GNU time's %M is the largest
 * single process, not the sum. "Peak RSS of the batch" must hold for everything the run started,
 * so the bench sums VmRSS over a process and all its descendants every few milliseconds and keeps
 * the maximum. Shared pages (libraries) are counted once per process, so the figure errs high —
 * the safe side for a memory limit. Off Linux (no /proc) the sampler reports 0 and callers fall
 * back to the self-reported maxRSS.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Parent pid of every live process, from /proc/<pid>/stat (field 4, after the parenthesized name). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // The name may contain spaces and parentheses: the fields resume after the LAST ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(e), Number(rest[1]));
    } catch {
      // the process ended between readdir and read
    }
  }
  return out;
}

/** `root` and every descendant pid. */
export function treePids(root: number): number[] {
  const ppid = parents();
  const children = new Map<number, number[]>();
  for (const [pid, parent] of ppid) {
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Current RSS of one process in KiB (VmRSS), 0 when it is gone or unreadable. */
function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Sum of VmRSS over the tree rooted at `root`, in KiB. */
export function treeRssKb(root: number): number {
  return treePids(root).reduce((sum, pid) => sum + rssKb(pid), 0);
}

export interface RssSampler {
  /** Stop sampling; returns the peak seen, in MiB (one last sample is taken first). */
  stop(): number;
}

/**
 * Sample the tree of `root` every `everyMs` ms until stopped. Finding the tree reads every
 * process's stat file, which costs more than reading a few status files, so the tree is looked up
 * again only every `rescanEvery` samples (processes come and go far more rarely than memory
 * moves); the sampler itself then stays well under 1 % of a core and does not skew the bench.
 */
export function sampleTreeRss(root: number, everyMs = 50, rescanEvery = 10): RssSampler {
  let peak = 0;
  let pids: number[] = [];
  let n = 0;
  const take = () => {
    if (n++ % rescanEvery === 0) pids = treePids(root);
    peak = Math.max(
      peak,
      pids.reduce((sum, pid) => sum + rssKb(pid), 0),
    );
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop() {
      n = 0; // rescan: the last sample must see the tree as it is now
      take();
      clearInterval(timer);
      return peak / 1024;
    },
  };
}
