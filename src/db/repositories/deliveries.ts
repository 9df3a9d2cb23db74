import { and, asc, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { digestDeliveries, subscribers } from "../schema.js";
import { rowsOf } from "./raw-rows.js";
import { executePrepared } from "./prepared.js";

export type Delivery = typeof digestDeliveries.$inferSelect;
export type DeliveryStatus = Delivery["status"];
export type FinalStatus = Exclude<DeliveryStatus, "claimed">;

export interface ClaimRequest {
  subscriberId: number;
  /** The reader's local date, YYYY-MM-DD. */
  localDate: string;
  worker: string;
  leaseMs: number;
  /** The digest composed for this claim; only stored when the row is new. */
  messages: string[];
  articleCount: number;
  cutoff: Date | null;
}

export type ClaimResult =
  /** A new row: send `row.messages` from the start (none when the digest is empty: already final). */
  | { kind: "claimed"; row: Delivery }
  /** A dead worker's row taken over: continue `row.messages` from `row.partsSent`. */
  | { kind: "resumed"; row: Delivery }
  /** Somebody holds a live lease on it; try again after `leaseUntil`. */
  | { kind: "busy"; leaseUntil: Date }
  /** Today's digest for this reader is settled already. */
  | { kind: "done"; status: FinalStatus };

export interface FinishRequest {
  id: number;
  worker: string;
  status: FinalStatus;
  partsSent?: number;
  messageIds?: number[];
  error?: string;
  /** The reader's next due instant (their next local day's digest time), set with the settlement. */
  nextDueAt?: Date;
}

export interface LedgerEntry {
  subscriberId: number;
  localDate: string;
  status: DeliveryStatus;
  leaseUntil: Date | null;
}

const leaseEnd = (ms: number) => sql`now() + ${Math.max(1, Math.round(ms))} * interval '1 millisecond'`;
export const dayKey = (r: { subscriberId: number; localDate: string }) => `${r.subscriberId}|${r.localDate}`;

function newRow(req: ClaimRequest) {
  const empty = req.messages.length === 0;
  return {
    subscriberId: req.subscriberId,
    localDate: req.localDate,
    // Nothing to send: the day is settled at once.
    status: empty ? ("empty" as const) : ("claimed" as const),
    claimedBy: req.worker,
    leaseUntil: empty ? null : leaseEnd(req.leaseMs),
    attempts: 1,
    messages: req.messages,
    articleCount: req.articleCount,
    cutoff: req.cutoff,
    finishedAt: empty ? sql`now()` : null,
  };
}

/**
 * The digest delivery ledger. Every change to a claimed row is conditional on still holding it
 * (`claimed_by` and status), so a worker whose lease was taken over can never overwrite the new
 * holder's progress; the unique (subscriber, local date) key makes "one digest a day" a database fact.
 */
export function createDeliveryRepository(db: Db) {
  const held = (id: number, worker: string) =>
    and(eq(digestDeliveries.id, id), eq(digestDeliveries.claimedBy, worker), eq(digestDeliveries.status, "claimed"));

  async function find(subscriberId: number, localDate: string): Promise<Delivery | undefined> {
    const [row] = await db
      .select()
      .from(digestDeliveries)
      .where(and(eq(digestDeliveries.subscriberId, subscriberId), eq(digestDeliveries.localDate, localDate)));
    return row;
  }

  /** The day's row exists: take it over if its lease ran out, else report who has it. */
  async function takeOver(req: ClaimRequest): Promise<ClaimResult> {
    const [taken] = await db
      .update(digestDeliveries)
      .set({ claimedBy: req.worker, leaseUntil: leaseEnd(req.leaseMs), attempts: sql`${digestDeliveries.attempts} + 1` })
      .where(
        and(
          eq(digestDeliveries.subscriberId, req.subscriberId),
          eq(digestDeliveries.localDate, req.localDate),
          eq(digestDeliveries.status, "claimed"),
          or(isNull(digestDeliveries.leaseUntil), lt(digestDeliveries.leaseUntil, sql`now()`)),
        ),
      )
      .returning();
    if (taken) return { kind: "resumed", row: taken };
    const existing = await find(req.subscriberId, req.localDate);
    if (!existing) return claim(req); // deleted in between (reader removed): start over
    if (existing.status === "claimed") return { kind: "busy", leaseUntil: existing.leaseUntil ?? new Date() };
    return { kind: "done", status: existing.status };
  }

  async function claim(req: ClaimRequest): Promise<ClaimResult> {
    const [created] = await db
      .insert(digestDeliveries)
      .values(newRow(req))
      .onConflictDoNothing({ target: [digestDeliveries.subscriberId, digestDeliveries.localDate] })
      .returning();
    return created ? { kind: "claimed", row: created } : takeOver(req);
  }

  async function finishMany(reqs: FinishRequest[]): Promise<boolean[]> {
    if (reqs.length === 0) return [];
    // Column arrays and unnest: a fixed handful of parameters however many rows, which keeps
    // query building and parameter handling out of the per-message cost.
    const col = <T>(pick: (r: FinishRequest) => T) => sql.param(reqs.map(pick));
    // Settling the row and moving the reader's last_digest_at is one statement: a crash cannot
    // leave one without the other.
    const result = await executePrepared(db, sql`
      with v as (
        select * from unnest(
          ${col((r) => r.id)}::bigint[], ${col((r) => r.worker)}::text[], ${col((r) => r.status)}::text[],
          ${col((r) => r.partsSent ?? null)}::int[],
          ${col((r) => (r.messageIds === undefined ? null : JSON.stringify(r.messageIds)))}::text[],
          ${col((r) => r.error?.slice(0, 1000) ?? null)}::text[],
          ${col((r) => r.nextDueAt?.toISOString() ?? null)}::text[]
        ) as u(id, worker, status, parts_sent, message_ids, error, next_due_at)
      ),
      done as (
        update ${digestDeliveries} d
        set status = v.status, error = v.error, lease_until = null, finished_at = now(),
            parts_sent = coalesce(v.parts_sent, d.parts_sent), message_ids = coalesce(v.message_ids::jsonb, d.message_ids)
        from v
        where d.id = v.id and d.claimed_by = v.worker and d.status = 'claimed'
        returning d.id, d.subscriber_id, d.cutoff, d.status, d.created_at, v.next_due_at
      ),
      moved as (
        update ${subscribers} s
        set last_digest_at = case when done.status = 'sent' and done.cutoff is not null
                                  then greatest(coalesce(s.last_digest_at, done.cutoff), done.cutoff)
                                  else s.last_digest_at end,
            -- Settings changed since the claim: keep the (early) value that change set.
            next_due_at = case when done.next_due_at is null or s.updated_at > done.created_at then s.next_due_at
                               else done.next_due_at::timestamptz end
        from done
        where s.id = done.subscriber_id
          and ((done.status = 'sent' and done.cutoff is not null) or done.next_due_at is not null)
        returning s.id
      )
      select id from done`);
    const settled = new Set(rowsOf<{ id: number | string }>(result).map((r) => Number(r.id)));
    return reqs.map((r) => settled.has(r.id));
  }

  /** New rows for many claims in one statement; returns the rows actually inserted. */
  async function insertMany(reqs: ClaimRequest[]) {
    const col = <T>(pick: (r: ClaimRequest) => T) => sql.param(reqs.map(pick));
    // Readers with the same topics share one composed digest (the same array): send each text once
    // and point the rows at it, instead of escaping kilobytes of HTML once per reader.
    const texts: string[] = [];
    const textIndex = new Map<string[], number>();
    const textOf = (r: ClaimRequest) => {
      let i = textIndex.get(r.messages);
      if (i === undefined) {
        i = texts.push(JSON.stringify(r.messages));
        textIndex.set(r.messages, i);
      }
      return i;
    };
    const result = await executePrepared(db, sql`
      insert into ${digestDeliveries}
        (subscriber_id, local_date, status, claimed_by, lease_until, attempts, messages, article_count, cutoff, finished_at)
      select u.subscriber_id, u.local_date,
             case when u.empty then 'empty' else 'claimed' end, u.worker,
             case when u.empty then null else now() + u.lease_ms * interval '1 millisecond' end,
             1, u.messages, u.article_count, u.cutoff,
             case when u.empty then now() end
      from (
        -- Arrays of text and numbers only: every driver serialises those; the casts happen here.
        select t.subscriber_id, t.local_date::date as local_date, t.worker, t.lease_ms, m.messages,
               t.article_count, t.cutoff::timestamptz as cutoff, jsonb_array_length(m.messages) = 0 as empty
        from unnest(
          ${col((r) => r.subscriberId)}::bigint[], ${col((r) => r.localDate)}::text[], ${col((r) => r.worker)}::text[],
          ${col((r) => Math.max(1, Math.round(r.leaseMs)))}::int[], ${col(textOf)}::int[],
          ${col((r) => r.articleCount)}::int[], ${col((r) => r.cutoff?.toISOString() ?? null)}::text[]
        ) as t(subscriber_id, local_date, worker, lease_ms, text_no, article_count, cutoff)
        join unnest(${sql.param(texts)}::text[]) with ordinality as m0(text, no) on m0.no = t.text_no
        cross join lateral (select m0.text::jsonb as messages) m
      ) u
      on conflict (subscriber_id, local_date) do nothing
      returning id, subscriber_id as "subscriberId", to_char(local_date, 'YYYY-MM-DD') as "localDate", status,
                lease_until as "leaseUntil", created_at as "createdAt", finished_at as "finishedAt"`);
    return rowsOf<{
      id: number | string;
      subscriberId: number | string;
      localDate: string;
      status: DeliveryStatus;
      leaseUntil: Date | string | null;
      createdAt: Date | string;
      finishedAt: Date | string | null;
    }>(result).map((row) => ({
      id: Number(row.id),
      subscriberId: Number(row.subscriberId),
      localDate: row.localDate,
      status: row.status,
      leaseUntil: row.leaseUntil === null ? null : new Date(row.leaseUntil),
      createdAt: new Date(row.createdAt),
      finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt),
    }));
  }

  return {
    claim,

    /**
     * Many claims in one statement (group commit under load); those that meet an existing row go
     * the one-by-one way. Results are in the order of `reqs`.
     */
    async claimMany(reqs: ClaimRequest[]): Promise<ClaimResult[]> {
      if (reqs.length === 1) return [await claim(reqs[0]!)];
      const created = await insertMany(reqs);
      const byKey = new Map(created.map((row) => [dayKey(row), row]));
      const results: ClaimResult[] = [];
      for (const req of reqs) {
        const row = byKey.get(dayKey(req));
        // A second request for the same day in one batch meets the first one's claim.
        byKey.delete(dayKey(req));
        if (!row) {
          results.push(await takeOver(req));
          continue;
        }
        const full: Delivery = {
          ...row,
          claimedBy: req.worker,
          attempts: 1,
          messages: req.messages,
          partsSent: 0,
          messageIds: null,
          articleCount: req.articleCount,
          cutoff: req.cutoff,
          error: null,
        };
        results.push({ kind: "claimed", row: full });
      }
      return results;
    },

    /** Extends the lease; false when the row is no longer ours. */
    async renew(id: number, worker: string, leaseMs: number): Promise<boolean> {
      const rows = await db
        .update(digestDeliveries)
        .set({ leaseUntil: leaseEnd(leaseMs) })
        .where(held(id, worker))
        .returning({ id: digestDeliveries.id });
      return rows.length > 0;
    },

    /** Records that Telegram accepted parts up to `partsSent`; false when the row is no longer ours. */
    async recordProgress(id: number, worker: string, partsSent: number, messageIds: number[], leaseMs: number): Promise<boolean> {
      const rows = await db
        .update(digestDeliveries)
        .set({ partsSent, messageIds, leaseUntil: leaseEnd(leaseMs) })
        .where(held(id, worker))
        .returning({ id: digestDeliveries.id });
      return rows.length > 0;
    },

    /** Settles the row (and, for a sent digest, the reader's last_digest_at); false when it is not ours. */
    async finish(id: number, worker: string, outcome: Omit<FinishRequest, "id" | "worker">): Promise<boolean> {
      const [settled] = await finishMany([{ id, worker, ...outcome }]);
      return settled ?? false;
    },

    finishMany,
    find,

    /** Ledger rows from `fromDate` on (a day before the earliest local date in use is enough). */
    async entriesSince(fromDate: string): Promise<LedgerEntry[]> {
      return db
        .select({
          subscriberId: digestDeliveries.subscriberId,
          localDate: digestDeliveries.localDate,
          status: digestDeliveries.status,
          leaseUntil: digestDeliveries.leaseUntil,
        })
        .from(digestDeliveries)
        .where(gte(digestDeliveries.localDate, fromDate))
        .orderBy(asc(digestDeliveries.id));
    },

    /** Which of these (reader, local date) days already have a settled row. */
    async settledAmong(days: { subscriberId: number; localDate: string }[]): Promise<Set<string>> {
      if (days.length === 0) return new Set();
      const result = await db.execute(sql`
        select d.subscriber_id as "subscriberId", to_char(d.local_date, 'YYYY-MM-DD') as "localDate"
        from unnest(${sql.param(days.map((d) => d.subscriberId))}::bigint[], ${sql.param(days.map((d) => d.localDate))}::text[]) as v(id, day)
        join ${digestDeliveries} d on d.subscriber_id = v.id and d.local_date = v.day::date
        where d.status <> 'claimed'`);
      return new Set(rowsOf<{ subscriberId: number | string; localDate: string }>(result).map((r) => dayKey({ subscriberId: Number(r.subscriberId), localDate: r.localDate })));
    },

    /**
     * Deletes settled rows of days before `beforeDate`, at most `limit` at a time (bounded work per
     * call; the caller repeats). Claimed rows stay: their holder may still be working on them.
     */
    async prune(beforeDate: string, limit = 5000): Promise<number> {
      const result = await db.execute(sql`
        delete from ${digestDeliveries} where id in (
          select id from ${digestDeliveries}
          where local_date < ${beforeDate}::date and status <> 'claimed'
          limit ${limit}
        ) returning id`);
      return rowsOf(result).length;
    },

    /** Ledger rows in total (for the benchmark and metrics). */
    async size(): Promise<number> {
      const result = await db.execute(sql`select count(*)::int as n from ${digestDeliveries}`);
      return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
    },

    /** The database clock: leases are compared with it, not with this process's clock. */
    async now(): Promise<Date> {
      const result = await db.execute(sql`select now() as now`);
      const value = rowsOf<{ now: Date | string }>(result)[0]?.now;
      return value instanceof Date ? value : new Date(value ?? Date.now());
    },
  };
}

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
