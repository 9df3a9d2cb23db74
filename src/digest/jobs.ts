import PgBoss from "pg-boss";
import type { Database } from "../db/client.js";
import type { Repositories, Subscriber } from "../db/repositories/index.js";
import type { Logger } from "../logger.js";
import { memoizeBuilds } from "./deliver.js";
import type { DigestEngine } from "./engine.js";
import { collectDue, type DueReader } from "./due.js";
import { nextDueAfter } from "./deliver.js";
import { checkDue } from "./schedule.js";
import { pool, sleep } from "../shared/async.js";

export const TICK_QUEUE = "digest-tick";
export const DELIVER_QUEUE = "digest-deliver";
/** pg-boss keeps its tables apart from ours (drizzle owns `public`). */
export const BOSS_SCHEMA = "pgboss";
const POLL_SECONDS = 2;
/** Ledger rows are kept this many days (the product needs today's and yesterday's; the rest is history). */
export const LEDGER_KEEP_DAYS = 30;
const MIN_HOLD_MS = 15 * 60_000;

/**
 * pg-boss fetches by priority (higher first), then by creation: the earlier a reader became due,
 * the higher their job's priority, so a 09:00 reader is never overtaken by a 09:30 one.
 */
export function duePriority(dueAt: Date): number {
  return 2_000_000_000 - Math.floor(dueAt.getTime() / 60_000);
}

/** The UTC date `days` before `now` (older ledger days than this are pruned). */
export function ledgerCutoff(now: Date, days = LEDGER_KEEP_DAYS): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

interface DeliverJob {
  subscriberId: number;
  localDate: string;
}

export interface DigestSchedulerDeps {
  database: Pick<Database, "kind" | "executeSql">;
  /** Required on Postgres: pg-boss opens a small pool of its own there. */
  databaseUrl?: string;
  repos: Repositories;
  engine: DigestEngine;
  /** DIGEST_CHECK_INTERVAL. */
  checkIntervalMs: number;
  logger: Logger;
}

export interface DigestScheduler {
  /** Asks for a due check now (still at most one per interval slot across all processes). */
  nudge(): Promise<void>;
  /** Stops checking and waits (bounded) for deliveries in flight. */
  stop(): Promise<void>;
}

function bossOptions(opts: DigestSchedulerDeps): PgBoss.ConstructorOptions {
  const common = {
    schema: BOSS_SCHEMA,
    // Schema creation takes an advisory lock and tolerates a racing creator, so processes starting
    // together are safe; maintenance (expiring, archiving) is likewise guarded by pg-boss itself.
    migrate: true,
    supervise: true,
    // Ticks are throttled sends, not cron: cron cannot express intervals under a minute.
    schedule: false,
  };
  if (opts.database.kind === "pglite") {
    const executeSql = opts.database.executeSql;
    if (!executeSql) throw new Error("this database cannot run raw SQL, so pg-boss cannot use it");
    // PGlite has one connection and serialises everything on it; pg-boss goes through it too.
    return { ...common, db: { executeSql: (text, values) => executeSql(text, values) } };
  }
  if (!opts.databaseUrl) throw new Error("DATABASE_URL is needed for the digest scheduler on Postgres");
  return { ...common, connectionString: opts.databaseUrl, max: 3, application_name: "vestnik-digest" };
}

/**
 * pg-boss 10 creates a queue as a partition of its job table. Two processes doing that at the same
 * moment can deadlock in Postgres (each attaches a partition while the other holds the parent);
 * the loser's statement is rolled back whole, so trying again — by then the queue exists — is safe.
 */
async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue & { name: string }): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (await boss.getQueue(queue.name)) return;
      await boss.createQueue(queue.name, queue);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 5 || (code !== "40P01" && code !== "23505" && code !== "42P07")) throw error;
      await sleep(100 + Math.random() * 400);
    }
  }
}

/**
 * The digest schedule inside `vestnik run`, on pg-boss. Every process asks for a throttled tick
 * each DIGEST_CHECK_INTERVAL; pg-boss keeps one tick per interval slot however many processes ask.
 * Whoever takes the tick enqueues one delivery job per due reader, keyed by reader and local date
 * (a `stately` queue drops duplicates while one is waiting), and the workers of every process run
 * the ledger protocol on them. The ledger, not the queue, guarantees one digest a day: a job that
 * runs twice, or races `vestnik digest --now`, finds the day's row claimed or settled.
 */
export async function startDigestScheduler(opts: DigestSchedulerDeps): Promise<DigestScheduler> {
  const { engine, repos, logger } = opts;
  const boss = new PgBoss(bossOptions(opts));
  boss.on("error", (error) => logger.error({ err: error }, "digest scheduler: pg-boss error"));
  await boss.start();
  await ensureQueue(boss, { name: TICK_QUEUE, policy: "singleton", retryLimit: 0, expireInSeconds: 300 });
  // No retries: the next tick re-enqueues whoever is still due, which is the retry.
  await ensureQueue(boss, { name: DELIVER_QUEUE, policy: "stately", retryLimit: 0, expireInSeconds: 900 });

  const slotSeconds = Math.max(1, Math.round(opts.checkIntervalMs / 1000));
  const deliverWorkers: string[] = [];
  let stopping = false;

  // Polling only matters for work queued by other processes: our own is announced with notifyWorker.
  const tickWorker = await boss.work(TICK_QUEUE, { pollingIntervalSeconds: POLL_SECONDS }, async () => {
    const started = performance.now();
    // A reader taken off the due index stays off while the queue ahead of them drains; if their
    // job is lost (expired with a crashed worker) they come back after this.
    const depth = await boss.getQueueSize(DELIVER_QUEUE);
    const rate = Number.isFinite(engine.pacer.rate) ? engine.pacer.rate : 1000;
    const holdMs = MIN_HOLD_MS + Math.ceil((2 * depth * 1000) / rate);
    const { queued } = await collectDue(repos, new Date(), {
      holdMs,
      onBatch: async (readers: DueReader[]) => {
        await boss.insert(
          readers.map(({ subscriberId, localDate, dueAt }) => ({
            name: DELIVER_QUEUE,
            data: { subscriberId, localDate } satisfies DeliverJob,
            singletonKey: `${subscriberId}:${localDate}`,
            priority: duePriority(dueAt),
          })),
        );
        for (const id of deliverWorkers) boss.notifyWorker(id);
      },
    });
    const pruned = await repos.deliveries.prune(ledgerCutoff(new Date()));
    if (queued > 0 || pruned > 0) {
      logger.info({ due: queued, pruned, ms: Math.round(performance.now() - started) }, "digest scheduler: deliveries queued");
    }
  });

  const onBatch = async (jobs: PgBoss.Job<DeliverJob>[]) => {
    const now = new Date();
    const build = memoizeBuilds(engine.builder);
    const skipped: { id: number; at: Date }[] = [];
    // The batch's readers in one statement rather than one round trip per job. A batch is at most
    // half the concurrency, so every job starts at once: one read each at the start was the same moment.
    let readers = new Map<number, Subscriber>();
    try {
      if (!stopping) readers = await repos.subscribers.findByIds(jobs.map((job) => job.data.subscriberId));
    } catch (error) {
      // As a failed read of one reader was: logged, and the readers come back once their hold ends.
      logger.error({ err: error, jobs: jobs.length }, "digest scheduler: cannot read the batch's readers");
      return;
    }
    await pool(jobs, engine.concurrency, async (job) => {
      if (stopping) {
        // Left unclaimed: due again at once for the next tick, here or in another process.
        skipped.push({ id: job.data.subscriberId, at: now });
        return;
      }
      try {
        const subscriber = readers.get(job.data.subscriberId);
        if (!subscriber?.subscribed || subscriber.blockedAt) return;
        // Queued yesterday, or the reader moved their zone since: the next tick decides afresh.
        if (checkDue(now, subscriber).localDate !== job.data.localDate) {
          await repos.subscribers.reschedule([{ id: subscriber.id, at: now }]);
          return;
        }
        const outcome = await engine.deliverer.deliver(subscriber, job.data.localDate, now, build);
        const next = outcome.kind === "settled" ? nextDueAfter(subscriber, job.data.localDate) : undefined;
        if (next) await repos.subscribers.reschedule([{ id: subscriber.id, at: next }]);
        logger.debug({ chatId: subscriber.chatId, outcome }, "digest delivery");
      } catch (error) {
        logger.error({ err: error, subscriberId: job.data.subscriberId }, "digest scheduler: delivery error");
      }
    });
    if (skipped.length > 0) await repos.subscribers.reschedule(skipped).catch(() => undefined);
  };
  // Two workers, so one fetches the next batch while the other's slowest delivery finishes.
  const batchSize = Math.max(1, Math.ceil(engine.concurrency / 2));
  for (let i = 0; i < 2; i += 1) {
    deliverWorkers.push(await boss.work<DeliverJob>(DELIVER_QUEUE, { batchSize, pollingIntervalSeconds: POLL_SECONDS }, onBatch));
  }

  const nudge = async () => {
    try {
      await boss.sendThrottled(TICK_QUEUE, {}, {}, slotSeconds, "tick");
      boss.notifyWorker(tickWorker);
    } catch (error) {
      logger.error({ err: error }, "digest scheduler: could not queue a check");
    }
  };
  await nudge();
  const timer = setInterval(() => void nudge(), opts.checkIntervalMs);
  logger.info({ interval: opts.checkIntervalMs, worker: engine.worker }, "digest scheduler started");

  return {
    nudge,
    async stop() {
      stopping = true;
      clearInterval(timer);
      // Deliveries in flight finish their current reader; a long 429 pause is cut short by the
      // timeout, and whatever stays claimed is taken over when its lease runs out.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
