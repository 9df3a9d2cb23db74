import { count, gte, lt, sql } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Db } from "../client.js";
import { digestDeliveries, processedUpdates, sources } from "../schema.js";
import { rowsOf } from "./raw-rows.js";

const JOURNAL = fileURLToPath(new URL("../../../drizzle/meta/_journal.json", import.meta.url));

export type Readiness = { ready: true } | { ready: false; reason: string };

export interface OperationalCounts {
  /** Ledger rows created in the last 24 hours, by status: what the digest runs of every process did. */
  digests: Record<string, number>;
  /** Polled feeds by the outcome of their last poll: ok, failing, or never polled yet. */
  feeds: Record<"ok" | "failing" | "pending", number>;
  /** Feeds some process is polling right now (an unexpired lease). */
  feedsLeased: number;
  /** Digest deliveries waiting in pg-boss, undefined before its schema exists; plus ledger rows claimed. */
  queuedDeliveries: number | undefined;
  claimedDeliveries: number;
}

function migrationsInRepository(): number {
  const journal = JSON.parse(readFileSync(JOURNAL, "utf8")) as { entries?: unknown[] };
  return journal.entries?.length ?? 0;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error";
}

/** Webhook deduplication, readiness and the scrape-time numbers behind /metrics. */
export function createOperationsRepository(db: Db) {
  const expectedMigrations = migrationsInRepository();

  return {
    /** Forgets ids received before `before`; Telegram stops retrying long before that. */
    async pruneUpdates(before: Date): Promise<number> {
      const rows = await db.delete(processedUpdates).where(lt(processedUpdates.receivedAt, before)).returning({ id: processedUpdates.updateId });
      return rows.length;
    },

    /** Ready when the database answers and every migration in drizzle/ is applied. */
    async readiness(): Promise<Readiness> {
      try {
        await db.execute(sql`select 1`);
      } catch (error) {
        return { ready: false, reason: `database unreachable: ${message(error)}` };
      }
      try {
        const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
        const applied = Number((rowsOf(result)[0] as { n?: unknown } | undefined)?.n ?? 0);
        if (applied < expectedMigrations) {
          return { ready: false, reason: `migrations pending: ${applied} of ${expectedMigrations} applied` };
        }
        return { ready: true };
      } catch (error) {
        return { ready: false, reason: `migrations not applied: ${message(error)}` };
      }
    },

    /** `queue`: the pg-boss schema and queue whose waiting jobs count as queued deliveries. */
    async counts(queue: { schema: string; name: string }, now: Date = new Date()): Promise<OperationalCounts> {
      const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
      const digestRows = await db
        .select({ status: digestDeliveries.status, n: count() })
        .from(digestDeliveries)
        .where(gte(digestDeliveries.createdAt, dayAgo))
        .groupBy(digestDeliveries.status);
      const digests: Record<string, number> = { claimed: 0, sent: 0, empty: 0, failed: 0, deactivated: 0 };
      for (const row of digestRows) digests[row.status] = row.n;

      const [feedRow] = await db
        .select({
          ok: sql<number>`count(*) filter (where ${sources.lastPolledAt} is not null and ${sources.failures} = 0)`.mapWith(Number),
          failing: sql<number>`count(*) filter (where ${sources.failures} > 0)`.mapWith(Number),
          pending: sql<number>`count(*) filter (where ${sources.lastPolledAt} is null and ${sources.failures} = 0)`.mapWith(Number),
          leased: sql<number>`count(*) filter (where ${sources.lockedUntil} > ${now.toISOString()}::timestamptz)`.mapWith(Number),
        })
        .from(sources)
        .where(sql`${sources.kind} = 'feed' and ${sources.enabled}`);

      const claimedDeliveries = await db.$count(digestDeliveries, sql`${digestDeliveries.status} = 'claimed'`);
      return {
        digests,
        feeds: { ok: feedRow?.ok ?? 0, failing: feedRow?.failing ?? 0, pending: feedRow?.pending ?? 0 },
        feedsLeased: feedRow?.leased ?? 0,
        queuedDeliveries: await queuedJobs(db, queue),
        claimedDeliveries,
      };
    },
  };
}

/** pg-boss keeps its jobs in its own schema, which exists only once a scheduler has started. */
async function queuedJobs(db: Db, queue: { schema: string; name: string }): Promise<number | undefined> {
  const table = `${queue.schema}.job`;
  const exists = rowsOf(await db.execute(sql`select to_regclass(${table}) is not null as present`))[0] as { present?: unknown } | undefined;
  if (exists?.present !== true) return undefined;
  const result = await db.execute(
    sql`select count(*)::int as n from ${sql.identifier(queue.schema)}.job where name = ${queue.name} and state in ('created', 'retry')`,
  );
  return Number((rowsOf(result)[0] as { n?: unknown } | undefined)?.n ?? 0);
}
