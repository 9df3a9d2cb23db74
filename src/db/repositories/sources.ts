import { and, asc, eq, getTableColumns, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { articles, sources } from "../schema.js";

export type Source = typeof sources.$inferSelect;

export interface SourceInput {
  url: string;
  title: string;
  siteUrl?: string | null;
  kind: "feed" | "file";
}

/** A polled feed about to be stored, with what its first fetch already told us. */
export interface NewFeed {
  url: string;
  title: string;
  siteUrl?: string | null;
  pollIntervalMs?: number | null;
  etag?: string | null;
  lastModified?: string | null;
  lastStatus?: number | null;
  polledAt?: Date | null;
  /** Null: due at once. */
  nextPollAt: Date | null;
  /** The operator's home region (see topics/source-region.ts); left as it is when undefined. */
  region?: string;
}

export interface SourceWithCount extends Source {
  articleCount: number;
}

export interface PollSuccess {
  at: Date;
  status: number;
  /** Undefined keeps the stored validator (a 304 need not repeat it); null forgets it. */
  etag?: string | null;
  lastModified?: string | null;
  nextPollAt: Date;
}

export interface PollFailure {
  at: Date;
  status: number | null;
  error: string;
  failures: number;
  nextPollAt: Date;
}

/** Stored reasons are for people: one line, bounded. */
const MAX_ERROR_LENGTH = 500;

export function createSourceRepository(db: Db) {
  // Qualified by hand: drizzle leaves column names bare in one-table selects, which would bind
  // both sides of the comparison to the inner table.
  const articleCount = sql<number>`(select count(*) from ${articles} where ${articles}."source_id" = ${sources}."id")`.mapWith(Number);
  /** Writes are only accepted from the poller that still holds the lease it was given. */
  const leased = (id: number, lease: Date) => and(eq(sources.id, id), eq(sources.lockedUntil, lease));

  return {
    /** Finds or creates the source by URL; a better title from a later read replaces the old one. */
    async upsert(input: SourceInput): Promise<number> {
      const [row] = await db
        .insert(sources)
        .values({ url: input.url, title: input.title, siteUrl: input.siteUrl ?? null, kind: input.kind })
        .onConflictDoUpdate({
          target: sources.url,
          set: {
            title: sql`coalesce(nullif(excluded.title, ''), ${sources.title})`,
            siteUrl: sql`coalesce(excluded.site_url, ${sources.siteUrl})`,
          },
        })
        .returning({ id: sources.id });
      if (!row) throw new Error(`source ${input.url} was neither inserted nor found`);
      return row.id;
    },

    async find(id: number): Promise<Source | undefined> {
      const [row] = await db.select().from(sources).where(eq(sources.id, id));
      return row;
    },

    /** Sets the source's home region: a topic slug, '' for none, null to measure it from history. */
    async setRegion(id: number, region: string | null): Promise<Source | undefined> {
      const [row] = await db.update(sources).set({ region }).where(eq(sources.id, id)).returning();
      return row;
    },

    async findByUrl(url: string): Promise<Source | undefined> {
      const [row] = await db.select().from(sources).where(eq(sources.url, url));
      return row;
    },

    /**
     * Stores a feed to poll. A `file` source with the same URL (read once by `vestnik ingest`)
     * becomes a polled feed; an existing feed is left alone and `created` is false.
     */
    async addFeed(feed: NewFeed): Promise<{ source: Source; created: boolean }> {
      const state = {
        title: feed.title,
        siteUrl: feed.siteUrl ?? null,
        kind: "feed" as const,
        enabled: true,
        pollIntervalMs: feed.pollIntervalMs ?? null,
        etag: feed.etag ?? null,
        lastModified: feed.lastModified ?? null,
        lastStatus: feed.lastStatus ?? null,
        lastPolledAt: feed.polledAt ?? null,
        lastOkAt: feed.polledAt ?? null,
        nextPollAt: feed.nextPollAt,
        failures: 0,
        lastError: null,
        ...(feed.region !== undefined ? { region: feed.region } : {}),
      };
      const [row] = await db
        .insert(sources)
        .values({ url: feed.url, ...state })
        .onConflictDoUpdate({ target: sources.url, set: state, setWhere: eq(sources.kind, "file") })
        .returning();
      if (row) return { source: row, created: true };
      const existing = await this.findByUrl(feed.url);
      if (!existing) throw new Error(`source ${feed.url} was neither inserted nor found`);
      return { source: existing, created: false };
    },

    /** Polled feeds with their article counts, in the order they were added. */
    async listFeeds(): Promise<SourceWithCount[]> {
      return db
        .select({ ...getTableColumns(sources), articleCount })
        .from(sources)
        .where(eq(sources.kind, "feed"))
        .orderBy(asc(sources.id));
    },

    /** Deletes the source and, through the foreign key, its articles; says how many went with it. */
    async remove(id: number): Promise<{ source: Source; articles: number } | undefined> {
      return db.transaction(async (tx) => {
        const [counted] = await tx
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(articles)
          .where(eq(articles.sourceId, id));
        const [source] = await tx.delete(sources).where(eq(sources.id, id)).returning();
        return source ? { source, articles: counted?.n ?? 0 } : undefined;
      });
    },

    /**
     * Claims up to `limit` due feeds for this poller until `leaseUntil`. Rows another transaction
     * is claiming are skipped rather than waited for, and the claim re-checks the lease after any
     * wait, so two processes never get the same source.
     */
    async claimDue(opts: { now: Date; limit: number; leaseUntil: Date }): Promise<Source[]> {
      if (opts.limit <= 0) return [];
      const due = db
        .select({ id: sources.id })
        .from(sources)
        .where(
          and(
            eq(sources.kind, "feed"),
            eq(sources.enabled, true),
            or(isNull(sources.nextPollAt), lte(sources.nextPollAt, opts.now)),
            or(isNull(sources.lockedUntil), lt(sources.lockedUntil, opts.now)),
          ),
        )
        .orderBy(sql`${sources.nextPollAt} asc nulls first`, asc(sources.id))
        .limit(opts.limit)
        .for("update", { skipLocked: true });
      return db.update(sources).set({ lockedUntil: opts.leaseUntil }).where(inArray(sources.id, due)).returning();
    },

    /** When the earliest feed becomes due (or its lease runs out); undefined when there is none. */
    async nextDueAt(): Promise<Date | undefined> {
      const [row] = await db
        .select({ at: sql<Date | string | null>`min(greatest(${sources.nextPollAt}, ${sources.lockedUntil}))` })
        .from(sources)
        .where(and(eq(sources.kind, "feed"), eq(sources.enabled, true), or(isNotNull(sources.nextPollAt), isNotNull(sources.lockedUntil))));
      return row?.at ? new Date(row.at) : undefined;
    },

    /** Whether the poller still holds the source (it was not removed or taken over meanwhile). */
    async holds(id: number, lease: Date): Promise<boolean> {
      const rows = await db.select({ id: sources.id }).from(sources).where(leased(id, lease));
      return rows.length > 0;
    },

    /** False when the lease was lost (taken over after expiry): the result is then dropped. */
    async recordSuccess(id: number, lease: Date, ok: PollSuccess): Promise<boolean> {
      const rows = await db
        .update(sources)
        .set({
          ...(ok.etag !== undefined ? { etag: ok.etag } : {}),
          ...(ok.lastModified !== undefined ? { lastModified: ok.lastModified } : {}),
          lastStatus: ok.status,
          lastPolledAt: ok.at,
          lastOkAt: ok.at,
          lastError: null,
          failures: 0,
          nextPollAt: ok.nextPollAt,
          lockedUntil: null,
        })
        .where(leased(id, lease))
        .returning({ id: sources.id });
      return rows.length > 0;
    },

    async recordFailure(id: number, lease: Date, failure: PollFailure): Promise<boolean> {
      const rows = await db
        .update(sources)
        .set({
          lastStatus: failure.status,
          lastPolledAt: failure.at,
          lastError: failure.error.replace(/\s+/g, " ").trim().slice(0, MAX_ERROR_LENGTH),
          failures: failure.failures,
          nextPollAt: failure.nextPollAt,
          lockedUntil: null,
        })
        .where(leased(id, lease))
        .returning({ id: sources.id });
      return rows.length > 0;
    },

    /** Gives a claimed source back untouched (shutdown), so another process need not wait out the lease. */
    async release(id: number, lease: Date): Promise<void> {
      await db.update(sources).set({ lockedUntil: null }).where(leased(id, lease));
    },
  };
}

export type SourceRepository = ReturnType<typeof createSourceRepository>;
