import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Context } from "../bot/context.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Logger } from "../logger.js";
import type { HttpRoutes } from "./http-server.js";
import type { Metrics } from "./metrics.js";
import { ALLOWED_UPDATES, type ServingMode } from "./serving-mode.js";
import { createWebhookHandler, webhookPath, type WebhookHandler } from "./webhook.js";

/** Telegram forgets an update after a day at most, so older ids can go. */
const KEEP_UPDATE_IDS_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface WebhookSetup {
  bot: Bot<Context>;
  /** WEBHOOK_URL: the public base URL; the unguessable path is appended. */
  url: string;
  secret: string;
  token: string;
  repos: Pick<Repositories, "operations" | "updates">;
  metrics: Metrics;
  logger: Logger;
  /** WEBHOOK_LEASE: how long a claimed update may go without a sign of life before another process takes it. */
  leaseMs: number;
}

/**
 * The webhook half of HTTP serving: the route for the HTTP server, and `register` to point
 * Telegram at it once the server listens. Every instance registers the same URL and secret,
 * so setWebhook from several instances is idempotent.
 */
export function createWebhookMode(setup: WebhookSetup): { route: NonNullable<HttpRoutes["webhook"]>; register(): Promise<ServingMode> } {
  const { bot, logger, metrics, repos, leaseMs } = setup;
  const path = webhookPath(setup.token);
  const handler: WebhookHandler = createWebhookHandler({
    secret: setup.secret,
    claim: (update) => repos.updates.claim(update.update_id, update, leaseMs),
    complete: (updateId) => repos.updates.complete(updateId),
    handle: (update) => bot.handleUpdate(update),
    logger,
    onOutcome: metrics.webhookRequest,
    onBacklog: metrics.setBacklog,
  });

  async function prune(): Promise<void> {
    try {
      await repos.operations.pruneUpdates(new Date(Date.now() - KEEP_UPDATE_IDS_MS));
    } catch (error) {
      logger.warn({ err: error }, "webhook: pruning old update ids failed");
    }
  }

  /** Keeps this process's claims alive, and takes over updates a dead process left unfinished. */
  async function tend(): Promise<void> {
    try {
      await repos.updates.extend(handler.pendingIds(), leaseMs);
      const orphans = await repos.updates.takeExpired(handler.room, leaseMs);
      if (orphans.length > 0) logger.info({ count: orphans.length }, "webhook: handling updates a stopped process left unfinished");
      for (const orphan of orphans) handler.enqueue(orphan.payload as Update);
    } catch (error) {
      logger.warn({ err: error }, "webhook: cannot renew or take over update claims");
    }
  }

  return {
    route: { path, handle: handler.handle },
    async register() {
      await bot.api.setWebhook(`${setup.url}${path}`, {
        secret_token: setup.secret,
        allowed_updates: [...ALLOWED_UPDATES],
        drop_pending_updates: false,
      });
      await prune();
      await tend();
      const timer = setInterval(() => void prune(), PRUNE_EVERY_MS);
      timer.unref();
      const tending = setInterval(() => void tend(), Math.max(500, Math.floor(leaseMs / 3)));
      tending.unref();
      return {
        name: "webhook",
        crashed: new Promise<void>(() => {}),
        async stop() {
          clearInterval(timer);
          // The webhook stays set: other instances keep serving, and a restart sets it again.
          // Tending goes on while the accepted updates finish, so their claims stay alive; nothing
          // new is taken over (a draining handler has no room).
          await handler.drain();
          clearInterval(tending);
        },
      };
    },
  };
}
