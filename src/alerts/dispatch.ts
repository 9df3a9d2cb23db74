import type { AlertRepository, ClaimedAlert } from "../db/repositories/alerts.js";
import { localeOf } from "../digest/deliver.js";
import type { DigestSender } from "../digest/send.js";
import type { Translate } from "../digest/texts.js";
import type { Logger } from "../logger.js";
import { composeAlert, composeHeldAlerts, type ComposedAlert } from "./compose.js";
import { applyCap } from "./timing.js";
import { sleep } from "../shared/async.js";

export interface AlertDispatcherDeps {
  repo: Pick<AlertRepository, "claimDue" | "settle" | "hold" | "renew" | "recentSends" | "heldUntil">;
  /** The digest's sender: the same pacer, 429 handling and failure verdicts for every proactive send. */
  sender: DigestSender;
  /**
   * Telegram says the chat (or its forum topic) is gone: deactivate it as digests do, and tell a
   * channel's managers.
   */
  deactivate(chat: Pick<ClaimedAlert, "chatId" | "messageThreadId" | "chatKind">, reason: string): Promise<unknown>;
  t: Translate;
  worker: string;
  leaseMs: number;
  /** ALERT_HOURLY_CAP: alert messages per chat and hour before the rest are held for a summary. */
  hourlyCap: number;
  /** Rows claimed at once; chats among them are delivered concurrently. Default 200. */
  batchSize?: number;
  /** Chats delivered at the same time (the pacer sets the pace; this keeps it fed). Default 16. */
  concurrency?: number;
  /** How often to look for due rows filed by other processes, held ones and expired leases. Default 1,000 ms. */
  pollMs?: number;
  /** Default: the real clock. */
  now?: () => Date;
  /** Default: no logging. */
  logger?: Logger;
}

export interface AlertDispatcher {
  /** Claims and delivers one batch of due alerts; returns how many rows it claimed. */
  runOnce(): Promise<number>;
  /** Runs until stopped: a batch whenever woken, or every `pollMs`. */
  start(): void;
  /** New alerts were filed in this process: deliver without waiting for the poll. */
  wake(): void;
  stop(): Promise<void>;
}

type ChatOutcome = "ok" | "lost" | "unreachable";

const PER_CHAT_GAP_MS = 1000;

/**
 * Delivers alerts from the ledger. A worker leases due rows (`skip locked`, so processes never
 * share a row), sends, and settles each row only while it still holds the lease; a process that
 * dies leaves its rows claimed until the lease runs out, and then any process takes them over.
 * Like digests, the only duplicate a crash can cause is the one message that was in flight.
 */
export function createAlertDispatcher(opts: AlertDispatcherDeps): AlertDispatcher {
  const { repo, sender, t } = opts;
  const batchSize = opts.batchSize ?? 200;
  const concurrency = opts.concurrency ?? 16;
  const pollMs = opts.pollMs ?? 1000;
  const now = opts.now ?? (() => new Date());
  const halfLease = opts.leaseMs / 2;

  async function sendRows(chat: ClaimedAlert, ids: number[], message: ComposedAlert, keepLease: () => Promise<boolean>, lastSent: { at: number }): Promise<ChatOutcome> {
    // Telegram allows about one message a second to one chat: space a chat's alerts out.
    const wait = lastSent.at + PER_CHAT_GAP_MS - Date.now();
    if (wait > 0) await sleep(wait);
    lastSent.at = Date.now();
    const result = await sender.send(chat.chatId, message.text, {
      beforeAttempt: keepLease,
      replyMarkup: message.replyMarkup,
      messageThreadId: chat.messageThreadId ?? undefined,
    });
    if (result.kind === "sent") {
      await repo.settle(ids, opts.worker, { status: "sent", messageId: result.messageId });
      return "ok";
    }
    if (result.kind === "aborted") return "lost";
    if (result.kind === "unreachable") {
      await opts.deactivate(chat, result.reason);
      opts.logger?.info({ chatId: chat.chatId, threadId: chat.messageThreadId, reason: result.reason }, "alerts: chat unreachable, deactivated");
      return "unreachable";
    }
    opts.logger?.warn({ chatId: chat.chatId, error: result.error }, "alerts: delivery failed");
    await repo.settle(ids, opts.worker, { status: "failed", error: result.error });
    return "ok";
  }

  async function deliverChat(rows: ClaimedAlert[]): Promise<void> {
    const first = rows[0]!;
    const locale = localeOf(first);
    const allIds = rows.map((r) => r.id);
    let leaseExpires = Date.now() + opts.leaseMs;
    const keepLease = async () => {
      if (leaseExpires - Date.now() > halfLease) return true;
      const renewed = await repo.renew(allIds, opts.worker, opts.leaseMs);
      if (renewed) leaseExpires = Date.now() + opts.leaseMs;
      return renewed;
    };
    const settledIds = new Set<number>();
    const finish = async (outcome: ChatOutcome, ids: number[]) => {
      // The chat is gone: this message's rows and every other one still held are dropped.
      if (outcome === "unreachable") {
        await repo.settle(allIds.filter((id) => !settledIds.has(id)), opts.worker, { status: "dropped", error: "chat unreachable" });
      }
      for (const id of ids) settledIds.add(id);
      return outcome;
    };

    const lastSent = { at: 0 };
    const held = rows.filter((r) => r.mode === "held");
    const instant = rows.filter((r) => r.mode === "instant");
    if (held.length > 0) {
      const ids = held.map((r) => r.id);
      const outcome = await finish(await sendRows(first, ids, { text: composeHeldAlerts(held, locale, t) }, keepLease, lastSent), ids);
      if (outcome !== "ok") return;
    }
    if (instant.length === 0) return;
    const recent = await repo.recentSends(first.subscriberId);
    const decision = applyCap(now(), instant.length, opts.hourlyCap, recent.count, recent.oldest, await repo.heldUntil(first.subscriberId));
    if (decision.holdUntil) await repo.hold(instant.slice(decision.sendNow).map((r) => r.id), opts.worker, decision.holdUntil);
    for (const row of instant.slice(0, decision.sendNow)) {
      const outcome = await finish(await sendRows(row, [row.id], composeAlert(row, locale, t, { muteButton: row.chatKind !== "channel" }), keepLease, lastSent), [row.id]);
      if (outcome !== "ok") return;
    }
  }

  async function runOnce(): Promise<number> {
    const rows = await repo.claimDue(opts.worker, opts.leaseMs, batchSize);
    if (rows.length === 0) return 0;
    const byChat = new Map<number, ClaimedAlert[]>();
    for (const row of rows) {
      const list = byChat.get(row.subscriberId);
      if (list) list.push(row);
      else byChat.set(row.subscriberId, [row]);
    }
    const chats = [...byChat.values()];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, chats.length) }, async () => {
        while (next < chats.length) {
          const chat = chats[next++]!;
          try {
            await deliverChat(chat);
          } catch (error) {
            // Rows stay claimed: after the lease another pass (here or elsewhere) retries them.
            opts.logger?.error({ err: error, chatId: chat[0]?.chatId }, "alerts: delivery error");
          }
        }
      }),
    );
    return rows.length;
  }

  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  const nap = () =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(() => {
        wakeUp = undefined;
        resolve();
      }, pollMs);
      wakeUp = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
    });

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          woken = false;
          let claimed = 0;
          try {
            claimed = await runOnce();
          } catch (error) {
            opts.logger?.error({ err: error }, "alerts: dispatch pass failed");
          }
          if (running && claimed < batchSize) await nap();
        }
      })();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}
