export class UsageError extends Error {}

/** Prints one line and sets exit code 2; bad input must never show a stack trace. */
export function die(err: unknown): never {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kernel-patch-lens: ${msg.split('\n')[0]}\n`);
  process.exit(2);
}
