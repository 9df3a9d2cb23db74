import type { Transformer } from "grammy";
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import type { Repositories } from "../db/repositories/index.js";
import type { OperationalCounts } from "../db/repositories/operations.js";
import { BOSS_SCHEMA, DELIVER_QUEUE } from "../digest/jobs.js";
import { HEADROOM as SEND_HEADROOM } from "../digest/shared-pacer.js";
import type { Logger } from "../logger.js";

export type WebhookOutcome = "accepted" | "duplicate" | "unauthorized" | "too_large" | "malformed" | "overloaded" | "failed";

export interface Metrics {
  readonly registry: Registry;
  /** Counts a feature that failed an update (BotDeps.onFeatureError). */
  featureError(feature: string): void;
  webhookRequest(outcome: WebhookOutcome): void;
  /** Updates accepted by the webhook and not yet finished by this process. */
  setBacklog(size: number): void;
  /** Counts an update by type (BotDeps.onUpdate, told by the bot's first middleware). */
  updateHandled(type: string): void;
  /** Counts Telegram calls by method and status; install on bot.api before autoRetry so every attempt counts. */
  apiCallCounter(): Transformer;
  /** The exposition text for GET /metrics. */
  render(): Promise<string>;
}

/**
 * Counters are this process's own (Prometheus sums them over instances); the digest, feed and
 * queue numbers are read from the shared database at scrape time, because deliveries and polls
 * happen in whichever process won the job, and every instance should tell the same story.
 */
export function createMetrics(opts: {
  repos: Pick<Repositories, "operations">;
  logger: Logger;
  /** SEND_RATE (or the paid-broadcast rate): how fast the queue can drain, for the expected finish. */
  sendRate?: number;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "vestnik_" });
  const registers = [registry];

  const updates = new Counter({ name: "vestnik_updates_total", help: "Telegram updates handled, by type", labelNames: ["type"], registers });
  const errors = new Counter({
    name: "vestnik_handler_errors_total",
    help: "Updates a bot feature failed on, by feature",
    labelNames: ["feature"],
    registers,
  });
  const apiCalls = new Counter({
    name: "vestnik_telegram_api_calls_total",
    help: "Bot API calls of the bot (not the digest sender), by method and HTTP status; `network` when no answer came",
    labelNames: ["method", "status"],
    registers,
  });
  const webhook = new Counter({
    name: "vestnik_webhook_requests_total",
    help: "Webhook requests by outcome",
    labelNames: ["outcome"],
    registers,
  });
  const backlog = new Gauge({ name: "vestnik_webhook_backlog", help: "Webhook updates accepted and not yet handled here", registers });

  let snapshot: Promise<OperationalCounts | undefined> | undefined;
  /** One set of queries per scrape, shared by the gauges below, which Prometheus reads in parallel. */
  function counts(): Promise<OperationalCounts | undefined> {
    snapshot ??= opts.repos.operations
      .counts({ schema: BOSS_SCHEMA, name: DELIVER_QUEUE })
      .then((c) => {
        databaseUp.set(1);
        return c;
      })
      .catch((error: unknown) => {
        databaseUp.set(0);
        opts.logger.warn({ err: error }, "metrics: cannot read counts from the database");
        return undefined;
      })
      .finally(() => setImmediate(() => (snapshot = undefined)));
    return snapshot;
  }
  const databaseUp = new Gauge({
    name: "vestnik_database_up",
    help: "1 when this scrape could read the database",
    registers,
    async collect() {
      await counts();
    },
  });
  new Gauge({
    name: "vestnik_digest_deliveries",
    help: "Digest ledger rows created in the last 24 hours, by status (sent, empty, failed, deactivated, claimed); all processes",
    labelNames: ["status"],
    registers,
    async collect() {
      const c = await counts();
      for (const [status, n] of Object.entries(c?.digests ?? {})) this.set({ status }, n);
    },
  });
  new Gauge({
    name: "vestnik_feed_sources",
    help: "Enabled feeds by the result of their last poll: ok, failing, pending (never polled)",
    labelNames: ["result"],
    registers,
    async collect() {
      const c = await counts();
      for (const [result, n] of Object.entries(c?.feeds ?? {})) this.set({ result }, n);
    },
  });
  new Gauge({
    name: "vestnik_feed_polls_in_progress",
    help: "Feeds some process holds a polling lease on",
    registers,
    async collect() {
      const c = await counts();
      if (c) this.set(c.feedsLeased);
    },
  });
  new Gauge({
    name: "vestnik_queue_depth",
    help: "Digest work waiting: pg-boss delivery jobs (queue=jobs) and ledger rows being delivered (queue=claimed)",
    labelNames: ["queue"],
    registers,
    async collect() {
      const c = await counts();
      if (!c) return;
      this.set({ queue: "claimed" }, c.claimedDeliveries);
      if (c.queuedDeliveries !== undefined) this.set({ queue: "jobs" }, c.queuedDeliveries);
    },
  });
  new Gauge({
    name: "vestnik_digest_expected_finish_seconds",
    help: "Seconds until the digest work waiting now is sent, at the send rate (one message per reader assumed)",
    registers,
    async collect() {
      const c = await counts();
      if (!c || !opts.sendRate) return;
      this.set((c.claimedDeliveries + (c.queuedDeliveries ?? 0)) / (opts.sendRate * SEND_HEADROOM));
    },
  });

  return {
    registry,
    featureError: (feature) => errors.inc({ feature }),
    webhookRequest: (outcome) => webhook.inc({ outcome }),
    setBacklog: (size) => backlog.set(size),
    updateHandled: (type) => updates.inc({ type }),
    apiCallCounter: () => async (prev, method, payload, signal) => {
      try {
        const result = await prev(method, payload, signal);
        apiCalls.inc({ method, status: result.ok ? "200" : String(result.error_code) });
        return result;
      } catch (error) {
        apiCalls.inc({ method, status: "network" });
        throw error;
      }
    },
    render: () => registry.metrics(),
  };
}
