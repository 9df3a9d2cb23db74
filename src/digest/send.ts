import { GrammyError, HttpError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Pacer } from "./pacer.js";
import { sleep } from "../shared/async.js";
import type { SendApi } from "./send-api.js";

export type SendResult =
  | { kind: "sent"; messageId: number }
  /** Telegram will not deliver to this chat (blocked, deactivated, kicked, not found): stop for good. */
  | { kind: "unreachable"; reason: string }
  /** Retries are used up, or the request itself is wrong: today's digest for this chat failed. */
  | { kind: "failed"; error: string }
  /** `beforeAttempt` said no: the caller lost its claim, so nothing was sent. */
  | { kind: "aborted" };

export interface DigestSenderDeps {
  api: SendApi;
  pacer: Pacer;
  /** Attempts for 5xx and network errors (429s wait and do not count, up to `max429`). Default 5. */
  maxAttempts?: number;
  /** First backoff delay; doubles with every retry. Default 1,000 ms. */
  backoffMs?: number;
  /** 429s one message may wait through before it counts as failed. Default 20. */
  max429?: number;
  /** How waits happen (tests pass a fake). Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The group became a supergroup: Telegram refuses the old id and names the new one. The message
   * goes to the new id at once; this moves the chat's subscriptions there first, so the next send
   * uses it. Default: only the resend.
   */
  onMigrated?: (from: number, to: number) => Promise<unknown>;
}

export interface SendOptions {
  /** Runs right before each attempt (after the pacer's wait); false aborts. Used to renew the lease. */
  beforeAttempt?: () => Promise<boolean>;
  /** The forum topic the message goes to (groups whose digest was set up inside a topic). */
  messageThreadId?: number;
  /** Buttons under the message (an alert's mute button). */
  replyMarkup?: InlineKeyboardMarkup;
}

/** Descriptions of 400s that mean the chat is gone rather than the request being wrong. */
const UNREACHABLE_400 =
  /chat not found|user not found|peer_id_invalid|user is deactivated|bot was blocked|bot was kicked|not enough rights|need administrator rights|message thread not found|topic_deleted/i;


export function describeError(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code}: ${error.description}`;
  if (error instanceof HttpError) return `network: ${error.error instanceof Error ? error.error.message : error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends digest messages through the pacer and decides what each failure means. Nothing else on
 * this path retries (no auto-retry plugin), so every 429 reaches the pacer and pauses all sends.
 */
export function createDigestSender(opts: DigestSenderDeps) {
  const maxAttempts = opts.maxAttempts ?? 5;
  const backoffMs = opts.backoffMs ?? 1000;
  const max429 = opts.max429 ?? 20;
  const pause = opts.sleep ?? sleep;

  return {
    async send(to: number, text: string, options: SendOptions = {}): Promise<SendResult> {
      let chatId = to;
      let failures = 0;
      let limited = 0;
      let migrated = false;
      for (;;) {
        const slot = await opts.pacer.acquire(chatId);
        if (options.beforeAttempt && !(await options.beforeAttempt())) return { kind: "aborted" };
        try {
          const message = await opts.api.sendMessage(chatId, text, {
            ...(options.messageThreadId === undefined ? {} : { message_thread_id: options.messageThreadId }),
            // Paid broadcast (PAID_BROADCAST): this slot is above the free limit, 0.1 Star.
            ...(slot.paid ? { allow_paid_broadcast: true } : {}),
            ...(options.replyMarkup ? { reply_markup: options.replyMarkup } : {}),
          });
          return { kind: "sent", messageId: message.message_id };
        } catch (error) {
          if (error instanceof GrammyError) {
            if (error.error_code === 429) {
              opts.pacer.pause(error.parameters.retry_after ?? 1);
              if (++limited > max429) return { kind: "failed", error: describeError(error) };
              continue;
            }
            const movedTo = error.parameters.migrate_to_chat_id;
            // Once: a chat that "moves" again is not one the bot can follow.
            if (error.error_code === 400 && movedTo !== undefined && !migrated) {
              migrated = true;
              await opts.onMigrated?.(chatId, movedTo);
              chatId = movedTo;
              continue;
            }
            if (error.error_code === 403 || (error.error_code === 400 && UNREACHABLE_400.test(error.description))) {
              return { kind: "unreachable", reason: describeError(error) };
            }
            // Any other 4xx is our request being wrong: sending it again would fail again.
            if (error.error_code < 500) return { kind: "failed", error: describeError(error) };
          } else if (!(error instanceof HttpError)) {
            throw error;
          }
          if (++failures >= maxAttempts) return { kind: "failed", error: describeError(error) };
          await pause(backoffMs * 2 ** (failures - 1));
        }
      }
    },
  };
}

export type DigestSender = ReturnType<typeof createDigestSender>;
