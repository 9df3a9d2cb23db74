import { dayKey } from "../db/repositories/deliveries.js";
import type { DueRow } from "../db/repositories/subscribers.js";
import type { Repositories } from "../db/repositories/index.js";
import { checkDue, dueAfter, dueInstant, type DueCheck } from "./schedule.js";
import { yieldToEventLoop } from "../shared/async.js";

/** A reader whose digest for `localDate` should be delivered now. */
export interface DueReader {
  subscriberId: number;
  localDate: string;
  /** When it became due: deliveries go earliest first. */
  dueAt: Date;
}

export interface CollectOptions {
  /** Readers taken per statement; the event loop gets a turn between batches. Default 1,000. */
  batchSize?: number;
  /** How long a taken reader stays off the due index while their job waits (see takeDue). */
  holdMs: number;
  /** Called with each batch of readers to deliver, in due order. */
  onBatch(readers: DueReader[]): Promise<void>;
}

export interface CollectSummary {
  /** Readers handed to `onBatch`. */
  queued: number;
  /** Readers looked at and moved on (not due yet today, or today's digest already settled). */
  moved: number;
}

const DAY_MS = 86_400_000;

/**
 * One scheduler tick: take the readers whose next_due_at has passed (an index range scan),
 * decide each one's local date, move those not due or already served to their exact next due
 * instant, and hand the rest on. Work is proportional to the readers due, never to the audience;
 * readers sharing a zone and digest time share one clock computation.
 */
export async function collectDue(
  repos: Pick<Repositories, "subscribers" | "deliveries">,
  now: Date,
  opts: CollectOptions,
): Promise<CollectSummary> {
  const batchSize = opts.batchSize ?? 1000;
  const summary: CollectSummary = { queued: 0, moved: 0 };
  const checks = new Map<string, DueCheck | undefined>();
  const check = (row: DueRow): DueCheck | undefined => {
    const key = `${row.timeZone}|${row.digestMinute}`;
    if (!checks.has(key)) {
      let result: DueCheck | undefined;
      try {
        result = checkDue(now, row);
      } catch {
        result = undefined; // a zone this runtime does not know: the bot validates zones, so stale data
      }
      checks.set(key, result);
    }
    return checks.get(key);
  };

  for (;;) {
    const rows = await repos.subscribers.takeDue(now, batchSize, opts.holdMs);
    const moves: { id: number; at: Date }[] = [];
    const candidates: DueReader[] = [];
    for (const row of rows) {
      const c = check(row);
      if (!c) moves.push({ id: row.id, at: new Date(now.getTime() + DAY_MS) });
      else if (!c.due) moves.push({ id: row.id, at: dueInstant(c.localDate, row) }); // later today
      else candidates.push({ subscriberId: row.id, localDate: c.localDate, dueAt: row.dueAt });
    }
    const settled = await repos.deliveries.settledAmong(candidates);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ready: DueReader[] = [];
    for (const reader of candidates) {
      if (settled.has(dayKey(reader))) moves.push({ id: reader.subscriberId, at: dueAfter(reader.localDate, byId.get(reader.subscriberId)!) });
      else ready.push(reader);
    }
    await repos.subscribers.reschedule(moves);
    if (ready.length > 0) await opts.onBatch(ready);
    summary.queued += ready.length;
    summary.moved += moves.length;
    if (rows.length < batchSize) return summary;
    await yieldToEventLoop();
  }
}
