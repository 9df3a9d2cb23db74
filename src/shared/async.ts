/** Resolves after `ms` milliseconds; rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise<void>((resolve) => setTimeout(resolve, ms));
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `work` on every item, in order of start, with at most `concurrency` (at least 1) in flight.
 * Rejects with the first error; lanes that are still running finish their items first.
 */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** Lets the event loop turn: timers, sockets and I/O callbacks waiting behind CPU work run. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * `work` over `items`, a piece at a time, letting the event loop turn between pieces. A statement
 * sent just before then runs on the server while this works: the Postgres client writes to its
 * socket on a later turn of the loop, so one long synchronous loop would hold the statement back
 * until the loop ends.
 */
export async function mapInTurns<T, R>(items: readonly T[], work: (item: T) => R, perTurn = 20): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i % perTurn === 0) await yieldToEventLoop();
    out.push(work(items[i]!));
  }
  return out;
}
