import type { Config } from "../config.js";
import { createHeldAlertFolding } from "../alerts/fold.js";
import { createDigestEngine, createWorkerId } from "../digest/engine.js";
import { createFeatureTranslate } from "../digest/texts.js";
import { startDigestScheduler } from "../digest/jobs.js";
import type { Pacer } from "../digest/pacer.js";
import { createSharedPacer } from "../digest/shared-pacer.js";
import type { Logger } from "../logger.js";
import type { Topic } from "../topics/types.js";
import type { Store } from "./store.js";

/**
 * The digest scheduler for `vestnik run`: its own pacer and API client (no auto-retry, so 429s
 * reach the pacer), on the store's database. Returns the stop function for shutdown.
 */
/**
 * The send budget as the configuration describes it: one per bot token across every process on
 * this database, drawn from by every proactive send (digests, alerts, channel posts).
 */
export function configuredPacer(config: Config, store: Store, token: string, logger: Logger): Pacer {
  return createSharedPacer({
    budgets: store.repos.sendBudgets,
    token,
    rate: config.SEND_RATE,
    paid: config.PAID_BROADCAST ? { dailyStars: config.PAID_BROADCAST_DAILY_STARS } : undefined,
    logger,
  });
}

/** The digest engine as the configuration describes it. */
export function configuredEngine(config: Config, store: Store, topics: Topic[], token: string, logger: Logger, pacer?: Pacer) {
  return createDigestEngine({
    repos: store.repos,
    topics,
    size: config.DIGEST_SIZE,
    sendEmpty: config.DIGEST_SEND_EMPTY,
    leaseMs: config.DIGEST_LEASE,
    logger,
    pacer: pacer ?? configuredPacer(config, store, token, logger),
    api: { token, apiRoot: config.TELEGRAM_API_ROOT },
    sender: { onMigrated: (from, to) => store.repos.subscribers.moveChat(from, to) },
    heldAlerts: createHeldAlertFolding({
      repo: store.repos.alerts,
      t: createFeatureTranslate("alerts", "digest"),
      worker: createWorkerId(),
      leaseMs: config.DIGEST_LEASE,
    }),
  });
}

export async function startDigestService(
  config: Config,
  store: Store,
  topics: Topic[],
  token: string,
  logger: Logger,
  /** The process's one pacer, shared with alerts; a new one when absent. */
  pacer?: Pacer,
): Promise<{ stop(): Promise<void> }> {
  const engine = configuredEngine(config, store, topics, token, logger, pacer);
  return startDigestScheduler({
    database: store.database,
    databaseUrl: config.DATABASE_URL,
    repos: store.repos,
    engine,
    checkIntervalMs: config.DIGEST_CHECK_INTERVAL,
    logger,
  });
}
