import type { Repositories, Subscriber } from "../db/repositories/index.js";
import type { ClaimRequest, FinalStatus, FinishRequest } from "../db/repositories/deliveries.js";
import type { Logger } from "../logger.js";
import { readerLocale, type Locale } from "../shared/locale.js";
import type { BuiltDigest, DigestBuilder, DigestInput } from "./build.js";
import { createGroupCommit } from "./group-commit.js";
import { dueAfter } from "./schedule.js";
import type { DigestSender } from "./send.js";

/** The reader's next due instant once `localDate` is settled; undefined for a zone this runtime lacks. */
export function nextDueAfter(subscriber: Pick<Subscriber, "timeZone" | "digestMinute">, localDate: string): Date | undefined {
  try {
    return dueAfter(localDate, subscriber);
  } catch {
    return undefined;
  }
}

export type DeliveryOutcome =
  | { kind: FinalStatus; parts: number }
  /** Another worker holds a live lease on today's row: try again after `leaseUntil`. */
  | { kind: "busy"; leaseUntil: Date }
  /** Today's digest was settled before we got to it. */
  | { kind: "settled" }
  /** Our lease was taken over mid-way (we stalled past it): the new holder finishes. */
  | { kind: "lost" };

export interface DelivererDeps {
  repos: Pick<Repositories, "deliveries" | "subscribers">;
  builder: Pick<DigestBuilder, "build" | "empty">;
  sender: DigestSender;
  /** Unique per process: leases are held in its name. */
  worker: string;
  leaseMs: number;
  /** DIGEST_SEND_EMPTY: a short message instead of silence when nothing is new. */
  sendEmpty: boolean;
  /** Default: no logging. */
  logger?: Logger;
  /** Runs once when a delivery deactivated a chat (e.g. tells a channel's managers why). Default: nothing more. */
  onDeactivated?: (subscriber: Subscriber, reason: string) => Promise<unknown>;
  /** Alerts held for quiet hours or the cap ride in the digest when it comes first (alerts/fold.ts). Default: none. */
  heldAlerts?: HeldAlertFolding;
}

/** The reader's held alerts, leased for the length of one digest delivery. */
export interface HeldAlertFolding {
  /** Leases the reader's held alerts; one message showing them, or undefined when there are none. */
  claim(subscriber: Subscriber, locale: Locale): Promise<{ ids: number[]; text: string } | undefined>;
  /** The digest carrying them was accepted (`messageId`: the part that shows them). */
  delivered(ids: number[], messageId: number): Promise<void>;
  /** They did not go out with the digest: they wait for their own time again. */
  release(ids: number[]): Promise<void>;
}

/** A reader's language by the one rule replies follow too (see readerLocale). */
export function localeOf(subscriber: Pick<Subscriber, "language" | "clientLanguage">): Locale {
  return readerLocale({ chosen: subscriber.language, client: subscriber.clientLanguage });
}

/**
 * Readers with the same topics, zone, language and window get the same digest: compose it once per
 * run. Keyed by everything `build` reads, so a hit is exactly what a fresh build would return.
 */
export function memoizeBuilds(builder: Pick<DigestBuilder, "build">, maxEntries = 2000) {
  const cache = new Map<string, Promise<BuiltDigest>>();
  return (input: DigestInput): Promise<BuiltDigest> => {
    const s = input.subscriber;
    const key = [input.locale, s.timeZone, [...s.topics].sort().join(","), s.lastDigestAt?.getTime() ?? "", input.now.getTime()].join("|");
    let built = cache.get(key);
    if (!built) {
      if (cache.size >= maxEntries) cache.clear();
      built = builder.build(input);
      cache.set(key, built);
      built.catch(() => cache.delete(key));
    }
    return built;
  };
}

/**
 * The ledger protocol for one reader and local date: claim the day's row (or take over a dead
 * worker's), compose and store the messages at the first claim, send from `parts_sent` on while
 * recording every accepted part, then settle the row. Every write is conditional on still holding
 * the lease, so the only duplicate a crash can cause is the one part that was in flight.
 */
export function createDeliverer(deps: DelivererDeps) {
  const { deliveries, subscribers } = deps.repos;
  const halfLease = deps.leaseMs / 2;
  // Claims and settlements of concurrent deliveries share statements; progress of multi-part
  // digests (rare) and lease renewals (rarer) go one by one.
  const claim = createGroupCommit((reqs: ClaimRequest[]) => deliveries.claimMany(reqs));
  const finish = createGroupCommit((reqs: FinishRequest[]) => deliveries.finishMany(reqs));

  return {
    async deliver(
      subscriber: Subscriber,
      localDate: string,
      now: Date,
      build: (input: DigestInput) => Promise<BuiltDigest> = (input) => deps.builder.build(input),
    ): Promise<DeliveryOutcome> {
      const input: DigestInput = { subscriber, locale: localeOf(subscriber), now };
      const built = await build(input);
      let messages = built.messages.length === 0 && deps.sendEmpty ? [deps.builder.empty(input)] : built.messages;
      // Held alerts go first, as the digest's opening part, only with a digest that has news.
      const held = built.messages.length > 0 ? await deps.heldAlerts?.claim(subscriber, input.locale) : undefined;
      if (held) messages = [held.text, ...messages];
      const outcome = await deliverMessages(subscriber, localDate, built, messages, held?.text);
      if (held) {
        // Ours only when this delivery composed the stored parts and sent the first of them.
        if (outcome.foldedMessageId !== undefined) await deps.heldAlerts?.delivered(held.ids, outcome.foldedMessageId);
        else await deps.heldAlerts?.release(held.ids);
      }
      return outcome.result;
    },
  };

  async function deliverMessages(
    subscriber: Subscriber,
    localDate: string,
    built: BuiltDigest,
    messages: string[],
    heldText: string | undefined,
  ): Promise<{ result: DeliveryOutcome; foldedMessageId?: number }> {
    const claimed = await claim({
      subscriberId: subscriber.id,
      localDate,
      worker: deps.worker,
      leaseMs: deps.leaseMs,
      messages,
      articleCount: built.articleCount,
      cutoff: built.cutoff ?? null,
    });
    if (claimed.kind === "busy") return { result: { kind: "busy", leaseUntil: claimed.leaseUntil } };
    if (claimed.kind === "done") return { result: { kind: "settled" } };
    const row = claimed.row;
    if (row.status !== "claimed") {
      // Settled at the claim (nothing to send): move the reader on to their next day here.
      const nextDueAt = nextDueAfter(subscriber, localDate);
      if (nextDueAt) await subscribers.reschedule([{ id: subscriber.id, at: nextDueAt }]);
      return { result: { kind: row.status, parts: 0 } };
    }

    const parts = row.messages ?? [];
    const ids = [...(row.messageIds ?? [])];
    const doneStatus: FinalStatus = row.articleCount > 0 ? "sent" : "empty";
    // The held alerts are this delivery's only when the stored parts are the ones composed here.
    const foldsHeld = heldText !== undefined && row.partsSent === 0 && parts[0] === heldText;
    let foldedMessageId: number | undefined;
    let leaseExpires = Date.now() + deps.leaseMs;
    // Waits in the pacer or behind a 429 can be long; the lease must still be ours when we send.
    const keepLease = async () => {
      if (leaseExpires - Date.now() > halfLease) return true;
      const renewed = await deliveries.renew(row.id, deps.worker, deps.leaseMs);
      if (renewed) leaseExpires = Date.now() + deps.leaseMs;
      return renewed;
    };
    const settle = async (status: FinalStatus, sent: number, error?: string) => {
      const nextDueAt = nextDueAfter(subscriber, localDate);
      const mine = await finish({ id: row.id, worker: deps.worker, status, partsSent: sent, messageIds: ids, error, nextDueAt });
      return { result: mine ? { kind: status, parts: sent } : { kind: "lost" as const }, foldedMessageId };
    };

    for (let part = row.partsSent; part < parts.length; part += 1) {
      const result = await deps.sender.send(subscriber.chatId, parts[part]!, {
        beforeAttempt: keepLease,
        messageThreadId: subscriber.messageThreadId ?? undefined,
      });
      if (result.kind === "sent") {
        ids.push(result.messageId);
        if (part === 0 && foldsHeld) foldedMessageId = result.messageId;
        if (part === parts.length - 1) return settle(doneStatus, part + 1);
        if (!(await deliveries.recordProgress(row.id, deps.worker, part + 1, ids, deps.leaseMs))) return { result: { kind: "lost" }, foldedMessageId };
        leaseExpires = Date.now() + deps.leaseMs;
        continue;
      }
      if (result.kind === "aborted") return { result: { kind: "lost" }, foldedMessageId };
      if (result.kind === "unreachable") {
        const deactivated = await subscribers.deactivateAfterSend(subscriber, result.reason);
        deps.logger?.info(
          { chatId: subscriber.chatId, threadId: subscriber.messageThreadId, reason: result.reason },
          "digest: chat unreachable, subscriber deactivated",
        );
        if (deactivated && deps.onDeactivated) {
          await deps.onDeactivated(subscriber, result.reason).catch((error: unknown) => {
            deps.logger?.warn({ err: error, chatId: subscriber.chatId }, "digest: could not tell about a deactivated chat");
          });
        }
        return settle("deactivated", part, result.reason);
      }
      deps.logger?.warn({ chatId: subscriber.chatId, error: result.error }, "digest: delivery failed");
      return settle("failed", part, result.error);
    }
    return settle(doneStatus, parts.length);
  }
}

export type Deliverer = ReturnType<typeof createDeliverer>;
