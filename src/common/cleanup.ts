/**
 * One place that knows what must be undone before the process ends (throwaway databases, temporary
 * clusters), so that a normal finish, a cancelled CI job (SIGINT, then SIGTERM) and a crash all leave
 * nothing behind.
 */

type Handler = () => void | Promise<void>;

const handlers: Handler[] = [];
let running: Promise<void> | null = null;

/** Registers `fn` to run at cleanup; the returned disposer unregisters it (call it once `fn` has run by itself). */
export function onCleanup(fn: Handler): () => void {
  handlers.push(fn);
  return () => {
    const index = handlers.lastIndexOf(fn);
    if (index >= 0) handlers.splice(index, 1);
  };
}

/**
 * Runs the registered handlers, newest first, each at most once. Concurrent calls share one run; a failing
 * handler is reported on stderr and does not stop the others, because cleanup runs on paths (signals,
 * crashes) where nobody is left to catch.
 */
export function runCleanup(): Promise<void> {
  running ??= drain().finally(() => {
    running = null;
  });
  return running;
}

async function drain(): Promise<void> {
  while (handlers.length > 0) {
    const fn = handlers.pop()!;
    try {
      await fn();
    } catch (error) {
      process.stderr.write(`cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
let installed = false;
let cancelledBy: string | null = null;

/**
 * Set once a signal asked the process to stop. Cleanup then ends the sessions the check is using, and the
 * check fails in ways that say nothing about the project (57P01, a closed connection): the entry points
 * print no report, finding or error for a cancelled check, only the one line the signal handler printed.
 */
export function isCancelled(): boolean {
  return cancelledBy !== null;
}

/**
 * On SIGINT/SIGTERM: clean up, then exit with the conventional 128 + signal number. On an uncaught error
 * or unhandled rejection: print it, clean up, exit 1. Installing a listener replaces Node's default of
 * dying at once, which would skip cleanup.
 */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  let exitCode: number | null = null;
  const exitAfterCleanup = (code: number) => {
    // A second signal while cleaning up (a CI runner sends SIGINT then SIGTERM) must not cut cleanup short.
    if (exitCode !== null) return;
    exitCode = code;
    void runCleanup().finally(() => process.exit(code));
  };
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      if (cancelledBy === null) process.stderr.write(`Cancelled by ${signal}: removing the throwaway databases and stopping.\n`);
      cancelledBy ??= signal;
      exitAfterCleanup(code);
    });
  }
  const crash = (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    exitAfterCleanup(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
}
