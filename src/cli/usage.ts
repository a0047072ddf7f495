/** A command-line mistake: exit code 2 and a message, never a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
