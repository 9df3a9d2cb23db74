import type { LedgerEntry } from "../db/repositories/deliveries.js";
import type { Repositories, Subscriber } from "../db/repositories/index.js";
import { memoizeBuilds, type Deliverer, type DeliveryOutcome } from "./deliver.js";
import type { DigestBuilder } from "./build.js";
import { checkDue } from "./schedule.js";
import { pool, sleep } from "../shared/async.js";

export interface DueDigest {
  subscriber: Subscriber;
  localDate: string;
}

/** A local date one day before `now` in UTC is earlier than any zone's current local date. */
function ledgerHorizon(now: Date): string {
  return new Date(now.getTime() - 36 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Active readers whose digest for their current local date is still open: no ledger row, or a
 * claimed one (its holder may be dead; the claim decides). `ignoreTime` is `digest --now`: the
 * time of day does not matter, the ledger still does.
 */
export async function findDue(
  repos: Pick<Repositories, "subscribers" | "deliveries">,
  now: Date,
  opts: { ignoreTime?: boolean } = {},
): Promise<DueDigest[]> {
  const [active, ledger] = await Promise.all([repos.subscribers.listActive(), repos.deliveries.entriesSince(ledgerHorizon(now))]);
  const entries = new Map<string, LedgerEntry>(ledger.map((e) => [`${e.subscriberId}|${e.localDate}`, e]));
  const due: DueDigest[] = [];
  for (const subscriber of active) {
    let check;
    try {
      check = checkDue(now, subscriber);
    } catch {
      continue; // a zone this runtime does not know: the bot validates zones, so this is stale data
    }
    if (!check.due && !opts.ignoreTime) continue;
    const entry = entries.get(`${subscriber.id}|${check.localDate}`);
    if (entry && entry.status !== "claimed") continue;
    due.push({ subscriber, localDate: check.localDate });
  }
  return due;
}

export interface PassSummary {
  sent: number;
  empty: number;
  failed: number;
  deactivated: number;
  /** Settled by another process (or run) while this one was working. */
  elsewhere: number;
}

export interface PassOptions {
  deliverer: Deliverer;
  builder: Pick<DigestBuilder, "build">;
  repos: Pick<Repositories, "deliveries">;
  /** Deliveries in flight at once; the pacer sets the pace, this only keeps it fed. */
  concurrency: number;
  /** Told after each reader (the progress line of `digest --now`). Default: nobody. */
  onProgress?: (done: number, total: number) => void;
  /** An unexpected error (database, bug) for one reader; it is retried, then counted as failed. Default: nobody is told. */
  onError?: (item: DueDigest, error: unknown) => void;
  /** Waits between looks at rows somebody else holds (tests may speed it up). Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const MAX_ERRORS = 3;
const BUSY_POLL_MS = 1000;
/**
 * Delivers to every reader in `due` and only returns when each of them is settled: rows held by
 * a live lease (another process, or a dead one whose lease has not run out) are retried once the
 * lease ends — a takeover of a dead run's rows, or "settled elsewhere" for a live one's.
 */
export async function deliverAll(due: readonly DueDigest[], now: Date, opts: PassOptions): Promise<PassSummary> {
  const summary: PassSummary = { sent: 0, empty: 0, failed: 0, deactivated: 0, elsewhere: 0 };
  const pause = opts.sleep ?? sleep;
  const build = memoizeBuilds(opts.builder);
  const errors = new Map<DueDigest, number>();
  let pending = [...due];
  let done = 0;
  while (pending.length > 0) {
    const busy: { item: DueDigest; leaseUntil: Date }[] = [];
    await pool(pending, opts.concurrency, async (item) => {
      let outcome: DeliveryOutcome;
      try {
        outcome = await opts.deliverer.deliver(item.subscriber, item.localDate, now, build);
      } catch (error) {
        // A database hiccup for one reader must not stop the rest. Its row (if any) stays claimed
        // until the lease runs out, so retrying a little later either resumes or takes it over.
        const count = (errors.get(item) ?? 0) + 1;
        errors.set(item, count);
        opts.onError?.(item, error);
        if (count < MAX_ERRORS) {
          busy.push({ item, leaseUntil: new Date(Date.now() + 1000) });
          return;
        }
        outcome = { kind: "failed", parts: 0 };
      }
      if (outcome.kind === "busy") {
        busy.push({ item, leaseUntil: outcome.leaseUntil });
        return;
      }
      if (outcome.kind === "settled" || outcome.kind === "lost") summary.elsewhere += 1;
      else summary[outcome.kind] += 1;
      opts.onProgress?.(++done, due.length);
    });
    if (busy.length === 0) break;
    const dbNow = (await opts.repos.deliveries.now()).getTime();
    const earliest = Math.min(...busy.map((b) => b.leaseUntil.getTime()));
    // A live holder usually settles well before its lease ends, so look again soon rather than at the end.
    await pause(Math.min(BUSY_POLL_MS, Math.max(50, earliest - dbNow + 100)));
    pending = busy.map((b) => b.item);
  }
  return summary;
}
