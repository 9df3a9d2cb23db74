import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.js";
import { alertDeliveries, alertSettings, alertWatches, subscribers } from "../schema.js";
import { rowsOf } from "./raw-rows.js";

export type AlertWatch = typeof alertWatches.$inferSelect;

export interface AlertSettings {
  paused: boolean;
  /** Local minutes after midnight; null when quiet hours are off. */
  quiet: { start: number; end: number } | null;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { paused: false, quiet: { start: 23 * 60, end: 8 * 60 } };

export type AddWatchResult =
  | { kind: "added"; watch: AlertWatch }
  | { kind: "limit"; limit: number }
  | { kind: "duplicate"; watch: AlertWatch };

/** What the matcher needs to know about a chat to file an alert. */
export interface AlertTarget {
  watchId: number;
  watchQuery: string;
  subscriberId: number;
  timeZone: string;
  settings: AlertSettings;
}

export interface NewAlert {
  subscriberId: number;
  watchId: number;
  watchQuery: string;
  articleId: number;
  mode: "instant" | "held";
  dueAt: Date;
}

/** A claimed ledger row with everything its message needs. */
export interface ClaimedAlert {
  id: number;
  subscriberId: number;
  chatId: number;
  /** The forum topic the chat's alerts go to (null: the chat itself). */
  messageThreadId: number | null;
  chatKind: "private" | "group" | "supergroup" | "channel" | null;
  language: string | null;
  clientLanguage: string | null;
  watchId: number | null;
  watchQuery: string;
  mode: "instant" | "held";
  articleId: number;
  title: string;
  url: string;
  summary: string;
  sourceTitle: string;
  /** Titles of the other sources of the article's story (none without a story). */
  otherSources: string[];
}

const leaseEnd = (ms: number) => sql`now() + ${Math.max(1, Math.round(ms))} * interval '1 millisecond'`;

function settingsOf(row: { paused: boolean | null; quietStart: number | null; quietEnd: number | null } | undefined): AlertSettings {
  if (!row || row.paused === null) return DEFAULT_ALERT_SETTINGS;
  const quiet = row.quietStart === null || row.quietEnd === null ? null : { start: row.quietStart, end: row.quietEnd };
  return { paused: row.paused, quiet };
}

const toNumberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Watches, per-chat alert settings and the alert ledger. Everything a chat can change is scoped
 * by the chat's own subscriber id, so a forged button naming another chat's watch changes nothing.
 */
export function createAlertRepository(db: Db) {
  const bump = () => db.execute(sql`select nextval('alert_watch_revision')`);
  const ownWatch = (subscriberId: number, watchId: number) =>
    and(eq(alertWatches.id, watchId), eq(alertWatches.subscriberId, subscriberId));

  /** Leases the rows `where` selects (oldest due first) and reads what their messages need. */
  async function claimWhere(where: SQL, worker: string, leaseMs: number, limit: number): Promise<ClaimedAlert[]> {
    const result = await db.execute(sql`
      with due as (
        select id from ${alertDeliveries}
        where ${where}
        order by due_at, id
        limit ${limit}
        for update skip locked
      ), taken as (
        update ${alertDeliveries} d
        set status = 'claimed', claimed_by = ${worker}, lease_until = ${leaseEnd(leaseMs)}, attempts = d.attempts + 1
        from due where d.id = due.id
        returning d.*
      )
      select t.id, t.subscriber_id, s.chat_id, s.message_thread_id, s.chat_kind, s.language, s.client_language, t.watch_id, t.watch_query, t.mode,
             a.id as article_id, a.title, a.url, a.summary, src.title as source_title,
             coalesce((
               select array_agg(distinct os.title) from articles oa join sources os on os.id = oa.source_id
               where a.story_id is not null and oa.story_id = a.story_id and oa.source_id <> a.source_id
             ), '{}') as other_sources
      from taken t
      join ${subscribers} s on s.id = t.subscriber_id
      join articles a on a.id = t.article_id
      join sources src on src.id = a.source_id
      order by t.due_at, t.id`);
    return rowsOf<Record<string, unknown>>(result).map((r) => ({
      id: Number(r["id"]),
      subscriberId: Number(r["subscriber_id"]),
      chatId: Number(r["chat_id"]),
      messageThreadId: toNumberOrNull(r["message_thread_id"]),
      chatKind: (r["chat_kind"] as ClaimedAlert["chatKind"]) ?? null,
      language: (r["language"] as string | null) ?? null,
      clientLanguage: (r["client_language"] as string | null) ?? null,
      watchId: toNumberOrNull(r["watch_id"]),
      watchQuery: String(r["watch_query"]),
      mode: r["mode"] === "held" ? "held" : "instant",
      articleId: Number(r["article_id"]),
      title: String(r["title"]),
      url: String(r["url"]),
      summary: typeof r["summary"] === "string" ? r["summary"] : "",
      sourceTitle: String(r["source_title"]),
      otherSources: parseTextArray(r["other_sources"]),
    }));
  }

  return {
    async listWatches(subscriberId: number): Promise<AlertWatch[]> {
      return db.select().from(alertWatches).where(eq(alertWatches.subscriberId, subscriberId)).orderBy(asc(alertWatches.id));
    },

    /** Adds a watch unless the chat has `limit` already; the count and insert are one statement. */
    async addWatch(subscriberId: number, query: string, topic: string | null, limit: number): Promise<AddWatchResult> {
      const existing = await this.listWatches(subscriberId);
      const same = existing.find((w) => (topic ? w.topic === topic : w.topic === null && w.query.toLowerCase() === query.toLowerCase()));
      if (same) return { kind: "duplicate", watch: same };
      const result = await db.execute(sql`
        insert into ${alertWatches} (subscriber_id, query, topic)
        select ${subscriberId}, ${query}, ${topic}
        where (select count(*) from ${alertWatches} where subscriber_id = ${subscriberId}) < ${limit}
        returning id`);
      const id = rowsOf<{ id: number | string }>(result)[0]?.id;
      if (id === undefined) return { kind: "limit", limit };
      await bump();
      const [watch] = await db.select().from(alertWatches).where(eq(alertWatches.id, Number(id)));
      return { kind: "added", watch: watch! };
    },

    /** False when the chat has no such watch (removed already, or another chat's). */
    async removeWatch(subscriberId: number, watchId: number): Promise<boolean> {
      const rows = await db.delete(alertWatches).where(ownWatch(subscriberId, watchId)).returning({ id: alertWatches.id });
      if (rows.length > 0) await bump();
      return rows.length > 0;
    },

    async setMuted(subscriberId: number, watchId: number, muted: boolean): Promise<AlertWatch | undefined> {
      const [row] = await db.update(alertWatches).set({ muted }).where(ownWatch(subscriberId, watchId)).returning();
      if (row) await bump();
      return row;
    },

    /** Every watch that can match (not muted, chat not blocked); paused chats are filtered when filing. */
    async activeWatches(): Promise<Pick<AlertWatch, "id" | "subscriberId" | "query" | "topic">[]> {
      return db
        .select({ id: alertWatches.id, subscriberId: alertWatches.subscriberId, query: alertWatches.query, topic: alertWatches.topic })
        .from(alertWatches)
        .innerJoin(subscribers, eq(subscribers.id, alertWatches.subscriberId))
        .where(and(eq(alertWatches.muted, false), sql`${subscribers.blockedAt} is null`));
    },

    /** Changes whenever any watch is added, removed or muted (by any process). */
    async revision(): Promise<number> {
      const result = await db.execute(sql`select last_value, is_called from alert_watch_revision`);
      const row = rowsOf<{ last_value: number | string; is_called: boolean }>(result)[0];
      return row?.is_called ? Number(row.last_value) : 0;
    },

    async settings(subscriberId: number): Promise<AlertSettings> {
      const [row] = await db.select().from(alertSettings).where(eq(alertSettings.subscriberId, subscriberId));
      return settingsOf(row);
    },

    async updateSettings(subscriberId: number, changes: Partial<AlertSettings>): Promise<AlertSettings> {
      const set: Partial<typeof alertSettings.$inferInsert> = { updatedAt: sql`now()` as never };
      if (changes.paused !== undefined) set.paused = changes.paused;
      if (changes.quiet !== undefined) {
        set.quietStart = changes.quiet?.start ?? null;
        set.quietEnd = changes.quiet?.end ?? null;
      }
      const [row] = await db
        .insert(alertSettings)
        .values({ subscriberId, ...set })
        .onConflictDoUpdate({ target: alertSettings.subscriberId, set })
        .returning();
      return settingsOf(row);
    },

    /** Chats behind the given watches that take alerts now (watch live, chat reachable, not paused). */
    async targets(watchIds: readonly number[]): Promise<AlertTarget[]> {
      if (watchIds.length === 0) return [];
      const rows = await db
        .select({
          watchId: alertWatches.id,
          watchQuery: alertWatches.query,
          subscriberId: alertWatches.subscriberId,
          timeZone: subscribers.timeZone,
          paused: alertSettings.paused,
          quietStart: alertSettings.quietStart,
          quietEnd: alertSettings.quietEnd,
        })
        .from(alertWatches)
        .innerJoin(subscribers, eq(subscribers.id, alertWatches.subscriberId))
        .leftJoin(alertSettings, eq(alertSettings.subscriberId, alertWatches.subscriberId))
        .where(and(sql`${alertWatches.id} = any(${sql.param([...watchIds])}::bigint[])`, eq(alertWatches.muted, false), sql`${subscribers.blockedAt} is null`));
      return rows
        .map((r) => ({ watchId: r.watchId, watchQuery: r.watchQuery, subscriberId: r.subscriberId, timeZone: r.timeZone, settings: settingsOf(r) }))
        .filter((t) => !t.settings.paused);
    },

    /**
     * Files alerts in the ledger. The story key is read from the article here, after story
     * assignment, so every report of one story meets the same (chat, story) row; a second report
     * or a second watch finds it taken and adds nothing. Returns how many rows were new.
     */
    async file(alerts: readonly NewAlert[]): Promise<number> {
      if (alerts.length === 0) return 0;
      const col = <T>(pick: (a: NewAlert) => T) => sql.param(alerts.map(pick));
      const result = await db.execute(sql`
        insert into ${alertDeliveries} (subscriber_id, story_key, watch_id, watch_query, article_id, status, mode, due_at)
        select u.subscriber_id, coalesce('s' || a.story_id, 'a' || a.id), u.watch_id, u.watch_query, a.id,
               'pending', u.mode, u.due_at::timestamptz
        from unnest(
          ${col((a) => a.subscriberId)}::bigint[], ${col((a) => a.watchId)}::bigint[], ${col((a) => a.watchQuery)}::text[],
          ${col((a) => a.articleId)}::bigint[], ${col((a) => a.mode)}::text[], ${col((a) => a.dueAt.toISOString())}::text[]
        ) with ordinality as u(subscriber_id, watch_id, watch_query, article_id, mode, due_at, n)
        join ${sql.raw("articles")} a on a.id = u.article_id
        order by u.n
        on conflict (subscriber_id, story_key) do nothing
        returning id`);
      return rowsOf(result).length;
    },

    /**
     * Leases up to `limit` due rows (pending, or claimed by a worker whose lease ran out) to
     * `worker`. `skip locked` lets several processes claim side by side without waiting.
     */
    async claimDue(worker: string, leaseMs: number, limit: number): Promise<ClaimedAlert[]> {
      return claimWhere(
        sql`(status = 'pending' and due_at <= now()) or (status = 'claimed' and lease_until < now())`,
        worker, leaseMs, limit,
      );
    },

    /**
     * Leases one chat's held rows (quiet hours, the cap), whenever they are due: its digest is
     * going out first and carries them. Rows another worker holds are skipped, not waited for.
     */
    async claimHeld(subscriberId: number, worker: string, leaseMs: number, limit = 100): Promise<ClaimedAlert[]> {
      return claimWhere(sql`subscriber_id = ${subscriberId} and status = 'pending' and mode = 'held'`, worker, leaseMs, limit);
    },

    /** Puts claimed rows that are still ours back as they were (pending, held, due as before). */
    async release(ids: readonly number[], worker: string): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(alertDeliveries)
        .set({ status: "pending", claimedBy: null, leaseUntil: null })
        .where(and(sql`${alertDeliveries.id} = any(${sql.param([...ids])}::bigint[])`, eq(alertDeliveries.claimedBy, worker), eq(alertDeliveries.status, "claimed")));
    },

    /** Settles claimed rows that are still ours; returns the ids settled. */
    async settle(ids: readonly number[], worker: string, outcome: { status: "sent" | "failed" | "dropped"; messageId?: number; error?: string }): Promise<number[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .update(alertDeliveries)
        .set({
          status: outcome.status,
          messageId: outcome.messageId ?? null,
          sentAt: outcome.status === "sent" ? sql`now()` : null,
          error: outcome.error?.slice(0, 1000) ?? null,
          leaseUntil: null,
        })
        .where(and(sql`${alertDeliveries.id} = any(${sql.param([...ids])}::bigint[])`, eq(alertDeliveries.claimedBy, worker), eq(alertDeliveries.status, "claimed")))
        .returning({ id: alertDeliveries.id });
      return rows.map((r) => r.id);
    },

    /** Puts claimed rows back as held until `dueAt` (over the hourly cap). */
    async hold(ids: readonly number[], worker: string, dueAt: Date): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(alertDeliveries)
        .set({ status: "pending", mode: "held", dueAt, claimedBy: null, leaseUntil: null })
        .where(and(sql`${alertDeliveries.id} = any(${sql.param([...ids])}::bigint[])`, eq(alertDeliveries.claimedBy, worker), eq(alertDeliveries.status, "claimed")));
    },

    /**
     * Moves the chat's pending rows due later than `dueAt` forward to it (quiet hours switched off
     * or shortened). Rows held by the hourly cap may come forward too: the dispatcher applies the
     * cap again when it claims them. Returns how many rows moved.
     */
    async bringForward(subscriberId: number, dueAt: Date): Promise<number> {
      const rows = await db
        .update(alertDeliveries)
        .set({ dueAt })
        .where(and(eq(alertDeliveries.subscriberId, subscriberId), eq(alertDeliveries.status, "pending"), gt(alertDeliveries.dueAt, dueAt)))
        .returning({ id: alertDeliveries.id });
      return rows.length;
    },

    /** Extends the lease on rows still ours; false when any was taken over. */
    async renew(ids: readonly number[], worker: string, leaseMs: number): Promise<boolean> {
      const rows = await db
        .update(alertDeliveries)
        .set({ leaseUntil: leaseEnd(leaseMs) })
        .where(and(sql`${alertDeliveries.id} = any(${sql.param([...ids])}::bigint[])`, eq(alertDeliveries.claimedBy, worker), eq(alertDeliveries.status, "claimed")))
        .returning({ id: alertDeliveries.id });
      return rows.length === ids.length;
    },

    /**
     * Alert messages the chat got in the last hour (a summary counts once), and when the oldest
     * of them went out, for the hourly cap.
     */
    async recentSends(subscriberId: number): Promise<{ count: number; oldest: Date | null }> {
      const result = await db.execute(sql`
        select count(distinct message_id) as n, min(sent_at) as oldest from ${alertDeliveries}
        where subscriber_id = ${subscriberId} and status = 'sent' and sent_at > now() - interval '1 hour'`);
      const row = rowsOf<{ n: number | string; oldest: Date | string | null }>(result)[0];
      return { count: Number(row?.n ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
    },

    /** When the chat's pending held rows (if any) are due: new overflow joins that summary. */
    async heldUntil(subscriberId: number): Promise<Date | null> {
      const [row] = await db
        .select({ dueAt: sql<Date | string | null>`min(${alertDeliveries.dueAt})` })
        .from(alertDeliveries)
        .where(and(eq(alertDeliveries.subscriberId, subscriberId), eq(alertDeliveries.status, "pending"), eq(alertDeliveries.mode, "held")));
      return row?.dueAt ? new Date(row.dueAt) : null;
    },

    /** Ledger rows of one chat, oldest first (tests and diagnostics). */
    async ledger(subscriberId: number) {
      return db.select().from(alertDeliveries).where(eq(alertDeliveries.subscriberId, subscriberId)).orderBy(asc(alertDeliveries.id));
    },

    /** The database clock: due times and leases are compared with it. */
    async now(): Promise<Date> {
      const value = rowsOf<{ now: Date | string }>(await db.execute(sql`select now() as now`))[0]?.now;
      return value instanceof Date ? value : new Date(value ?? Date.now());
    },
  };
}

/** Postgres text[] as either driver returns it: an array, or its `{a,"b c"}` literal. */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string" || value === "{}") return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^,{}]+)/g;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!);
  return out;
}

export type AlertRepository = ReturnType<typeof createAlertRepository>;
