/** A command-line mistake: exit code 2 and a message, never a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Run `load`, reporting its failure as a usage error (a bad file named on the command line). */
export function asUsage<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
