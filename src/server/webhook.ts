import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";
import { sameSecret, sendText } from "./http-server.js";
import type { WebhookOutcome } from "./metrics.js";

/** Telegram's updates are a few KB; anything near this is not an update. */
export const MAX_BODY_BYTES = 1024 * 1024;
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export interface WebhookHandlerDeps {
  secret: string;
  /**
   * Claims the update (with its body) for a while; false when it is done, or held by a process
   * that is still alive (a retry). A claim that ran out before the update was done is taken again.
   */
  claim(update: Update): Promise<boolean>;
  /** Runs one update through the bot; must not throw (the bot's error boundaries see to that). */
  handle(update: Update): Promise<void>;
  /** Marks the update done, after it was handled: until then a crash leaves it to be handled again. */
  complete?(updateId: number): Promise<void>;
  logger: Logger;
  onOutcome?(outcome: WebhookOutcome): void;
  onBacklog?(size: number): void;
  /** Largest request body accepted (413 beyond). Default MAX_BODY_BYTES, 1 MiB. */
  maxBodyBytes?: number;
  /** Updates handled at the same time; the bot keeps one chat's updates in order. Default 32. */
  concurrency?: number;
  /** Accepted updates waiting or running; beyond it Telegram is told to retry later (503). Default 100. */
  maxBacklog?: number;
}

/** Accepted updates held in memory at most, by default: few to redo after a crash, few to wait for on SIGTERM. */
export const DEFAULT_MAX_BACKLOG = 100;

export interface WebhookHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Refuses new updates (503, so Telegram retries elsewhere) and waits for the accepted ones. */
  drain(): Promise<void>;
  readonly backlog: number;
  /** Updates that can still be taken before the backlog is full (0 while draining). */
  readonly room: number;
  /** Ids of the updates waiting or running here, whose claims must be kept alive. */
  pendingIds(): number[];
  /** Queues an update claimed outside a request (one a dead process left unfinished). */
  enqueue(update: Update): void;
}

/** The unguessable part of the webhook path, derived from the token so every instance agrees on it. */
export function webhookPath(token: string): string {
  return `/telegram/${createHash("sha256").update(`vestnik-webhook:${token}`).digest("hex").slice(0, 32)}`;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseUpdate(body: Buffer): Update | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const id = (value as { update_id?: unknown }).update_id;
    return Number.isSafeInteger(id) && (id as number) >= 0 ? (value as Update) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Telegram's side of `vestnik run` in webhook mode. Every request is answered as soon as its
 * update is claimed, never after the bot handled it: a slow handler would make Telegram time out
 * and retry, and it would hold the endpoint for everyone else. The claim in the shared database
 * (with the update's body and a lease) keeps a retried update — which may reach any instance —
 * from being handled twice, and it is completed only after handling, so an update accepted by a
 * process that then died is handled later (by a retry or by whoever takes over the expired claim).
 */
export function createWebhookHandler(opts: WebhookHandlerDeps): WebhookHandler {
  const { logger } = opts;
  const limit = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  const concurrency = opts.concurrency ?? 32;
  const maxBacklog = opts.maxBacklog ?? DEFAULT_MAX_BACKLOG;
  const waiting: Update[] = [];
  const runningIds = new Set<number>();
  let running = 0;
  let draining = false;
  let idle: (() => void)[] = [];

  const backlog = () => waiting.length + running;
  const report = () => {
    opts.onBacklog?.(backlog());
    if (backlog() === 0) {
      for (const resolve of idle) resolve();
      idle = [];
    }
  };

  function pump(): void {
    while (running < concurrency && waiting.length > 0) {
      const update = waiting.shift()!;
      running += 1;
      runningIds.add(update.update_id);
      opts
        .handle(update)
        .catch((error: unknown) => logger.error({ err: error, updateId: update.update_id }, "webhook: update failed"))
        .then(() => opts.complete?.(update.update_id))
        .catch((error: unknown) =>
          logger.warn({ err: error, updateId: update.update_id }, "webhook: cannot mark the update done; it may be handled again"),
        )
        .finally(() => {
          runningIds.delete(update.update_id);
          running -= 1;
          pump();
          report();
        });
    }
  }

  function refuse(res: ServerResponse, req: IncomingMessage, status: number, text: string, outcome: WebhookOutcome): void {
    opts.onOutcome?.(outcome);
    sendText(res, status, text, { connection: "close" });
    // The rest of the body is not wanted; drop the connection once the answer is out.
    res.on("finish", () => req.destroy());
  }

  return {
    get backlog() {
      return backlog();
    },
    get room() {
      return draining ? 0 : Math.max(0, maxBacklog - backlog());
    },
    pendingIds: () => [...waiting.map((u) => u.update_id), ...runningIds],
    enqueue(update) {
      waiting.push(update);
      pump();
      report();
    },
    async handle(req, res) {
      const header = req.headers[SECRET_HEADER];
      if (!sameSecret(typeof header === "string" ? header : undefined, opts.secret)) {
        return refuse(res, req, 401, "unauthorized", "unauthorized");
      }
      let body: Buffer;
      try {
        body = await readBody(req, limit);
      } catch (error) {
        if (error instanceof BodyTooLarge) return refuse(res, req, 413, "payload too large", "too_large");
        throw error;
      }
      const update = parseUpdate(body);
      if (!update) {
        opts.onOutcome?.("malformed");
        return sendText(res, 400, "expected a JSON Telegram update");
      }
      if (draining || backlog() >= maxBacklog) {
        // Not recorded, so Telegram's retry (here later, or at another instance) gets handled.
        opts.onOutcome?.("overloaded");
        return sendText(res, 503, draining ? "shutting down" : "busy", { "retry-after": "1" });
      }
      let fresh: boolean;
      try {
        fresh = await opts.claim(update);
      } catch (error) {
        logger.error({ err: error, updateId: update.update_id }, "webhook: cannot record the update");
        opts.onOutcome?.("failed");
        return sendText(res, 500, "cannot record the update");
      }
      if (!fresh) {
        logger.debug({ updateId: update.update_id }, "webhook: duplicate update skipped");
        opts.onOutcome?.("duplicate");
        return sendText(res, 200, "duplicate");
      }
      opts.onOutcome?.("accepted");
      sendText(res, 200, "ok");
      waiting.push(update);
      pump();
      report();
    },
    drain() {
      draining = true;
      if (backlog() === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
