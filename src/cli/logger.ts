import pino from 'pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/**
 * The process log: pino JSON on stderr (stdout stays free for data). Synchronous so the summary
 * line is on disk before the process exits, even on an early exit path.
 */
export function createLogger(level: string) {
  return pino({ level, base: { name: 'juesuan' } }, pino.destination({ fd: 2, sync: true }));
}
export type Logger = ReturnType<typeof createLogger>;
