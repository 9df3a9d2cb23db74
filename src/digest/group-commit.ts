/**
 * Group commit: callers submit one item each and wait for its result, while the items that arrive
 * during a write are written together by the next one. Under load that turns hundreds of single-row
 * statements into a few multi-row ones; when idle a lone item goes out at once. Every caller still
 * waits for its own write, so nothing counts as recorded before it is.
 */
export function createGroupCommit<T, R>(flush: (items: T[]) => Promise<R[]>, maxBatch = 200): (item: T) => Promise<R> {
  let queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let draining = false;

  async function write(batch: typeof queue): Promise<void> {
    try {
      const results = await flush(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i] as R));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad item must not fail its neighbours: write them one by one to find it.
      for (const b of batch) await write([b]);
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(maxBatch);
        await write(batch);
      }
    } finally {
      draining = false;
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // A microtask's delay lets callers released together share the first write too.
      if (!draining) {
        draining = true;
        queueMicrotask(() => void drain());
      }
    });
}
