import { parseArgs } from "node:util";
import { requireBotToken, type Config } from "../config.js";
import { createHeldAlertFolding } from "../alerts/fold.js";
import { createDigestEngine, createWorkerId } from "../digest/engine.js";
import { createFeatureTranslate } from "../digest/texts.js";
import { createSharedPacer } from "../digest/shared-pacer.js";
import { deliverAll, findDue, type PassSummary } from "../digest/pass.js";
import { startDigestScheduler } from "../digest/jobs.js";
import type { Pacer } from "../digest/pacer.js";
import { createLogger, type Logger } from "../logger.js";
import type { Topic } from "../topics/types.js";
import { UsageError } from "./errors.js";
import { openStore, type Store } from "./store.js";
import { configuredTopics } from "./topics-config.js";

export function formatSummary(s: PassSummary): string {
  const parts = [`${s.sent} sent`, `${s.empty} nothing new`, `${s.failed} failed`, `${s.deactivated} deactivated`];
  if (s.elsewhere > 0) parts.push(`${s.elsewhere} delivered by another process`);
  return `digest: ${parts.join(", ")}`;
}

/**
 * `vestnik digest --now`: today's digest for every active reader who has none for their current
 * local date, whatever their digest time. Rows a crashed run left claimed are taken over once
 * their lease runs out, so a rerun after kill -9 finishes the job before it exits.
 */
export async function digestCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { now: { type: "boolean" } }, allowPositionals: false });
  if (!values.now) throw new UsageError("say --now: `vestnik digest --now` sends today's digest to everyone who has not had it");
  const token = requireBotToken(config);
  const logger = createLogger(config.LOG_LEVEL);
  const topics = await configuredTopics(config);
  const store = await openStore(config);
  try {
    const engine = configuredEngine(config, store, topics, token, logger);
    const now = new Date();
    const due = await findDue(store.repos, now, { ignoreTime: true });
    const progress = createProgressLine(due.length, engine.pacer.rate);
    const summary = await deliverAll(due, now, {
      deliverer: engine.deliverer,
      builder: engine.builder,
      repos: store.repos,
      concurrency: engine.concurrency,
      onProgress: progress.update,
      onError: (item, error) => logger.error({ err: error, chatId: item.subscriber.chatId }, "digest: delivery error"),
    });
    progress.done();
    process.stdout.write(`${formatSummary(summary)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** "digest: 120/10000" on a terminal's stderr, at most a few times a second; silent in pipes. */
function createProgressLine(total: number, rate: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  const enabled = stream.isTTY === true && total > 0;
  let last = 0;
  return {
    update(done: number) {
      if (!enabled || (done < total && Date.now() - last < 200)) return;
      last = Date.now();
      // Expected finish from the pace so far (or the configured rate before anything was sent).
      const elapsed = (Date.now() - started) / 1000;
      const pace = done > 0 && elapsed > 1 ? done / elapsed : rate;
      const left = Math.ceil((total - done) / pace);
      stream.write(`\r\x1b[2Kdigest: ${done}/${total} (${Math.floor((done / total) * 100)}%), ${total - done} queued, done in ~${left}s`);
    },
    done() {
      if (enabled) stream.write("\r\x1b[2K");
    },
  };
}

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
function configuredEngine(config: Config, store: Store, topics: Topic[], token: string, logger: Logger, pacer?: Pacer) {
  return createDigestEngine({
    repos: store.repos,
    topics,
    size: config.DIGEST_SIZE,
    sendEmpty: config.DIGEST_SEND_EMPTY,
    leaseMs: config.DIGEST_LEASE,
    logger,
    pacer: pacer ?? configuredPacer(config, store, token, logger),
    api: { token, apiRoot: config.TELEGRAM_API_ROOT },
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
