/**
 * CPU time spent by the whole machine, from /proc/stat, so the bench can tell its own CPU from
 * everybody else's. On a shared 2-core machine a concurrent test run elsewhere halves the
 * speed-up; printing "others: 1.3 cores" next to the figures says so instead of hiding it.
 */
import { readFileSync } from 'node:fs';

/** Busy (non-idle, non-iowait) CPU time of all cores since boot, in ms; null off Linux. */
export function machineBusyMs(): number | null {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (USER_HZ ticks)
    const f = first.trim().split(/\s+/).slice(1).map(Number);
    const busy = f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!;
    return (busy * 1000) / 100; // USER_HZ is 100 on every Linux ABI Node runs on
  } catch {
    return null;
  }
}
