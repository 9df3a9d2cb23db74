import { sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { sendBudgets } from "../schema.js";
import { rowsOf } from "./raw-rows.js";
import { executePrepared } from "./prepared.js";

export interface ReserveRequest {
  tokenKey: string;
  /** Slots wanted now. */
  count: number;
  /** Messages per second at full pace (the free limit under SEND_RATE). */
  ceiling: number;
  /** Paid broadcast: the ceiling while the day's paid messages stay within `paidCap`. */
  paid?: { ceiling: number; cap: number };
  /** Share of the ceiling regained per second without a 429 (slow recovery). */
  recoverPerSecond: number;
  /** Paid slots this process reserved earlier and did not use: they go back to today's cap. */
  unusedPaid?: number;
}

export interface Reservation {
  /** Database time (epoch ms) of the first slot; the others follow every `intervalMs`. */
  startMs: number;
  intervalMs: number;
  /** Database time (epoch ms) when the reservation was made, to place the slots on a local clock. */
  nowMs: number;
  /** Messages per second granted (ceiling × pace). */
  rate: number;
  /** Paid slots (false when the day's cap is reached: sent at the free pace then). */
  paid: boolean;
  /** Database time (epoch ms) until which a 429 somewhere paused every process (0 when not paused). */
  pausedUntilMs: number;
}

/**
 * The shared send budget of one bot token. A reservation moves `next_at` forward by the slots it
 * takes while holding the row lock, so processes taking turns never get overlapping slots; slots
 * are instants, not a lease, so a process that dies holding some wastes only those few.
 */
export function createSendBudgetRepository(db: Db) {
  async function ensure(tokenKey: string): Promise<void> {
    await db.insert(sendBudgets).values({ tokenKey }).onConflictDoNothing();
  }

  return {
    ensure,

    /** The database's clock now (not the transaction's start), in epoch ms. */
    async clock(): Promise<number> {
      const [row] = rowsOf<{ nowMs: number | string }>(await db.execute(sql`select extract(epoch from clock_timestamp()) * 1000 as "nowMs"`));
      if (!row) throw new Error("the database returned no clock");
      return Number(row.nowMs);
    },

    async reserve(req: ReserveRequest): Promise<Reservation> {
      const count = Math.max(1, Math.floor(req.count));
      const paidCeiling = req.paid?.ceiling ?? req.ceiling;
      const cap = req.paid?.cap ?? -1;
      const unused = Math.max(0, Math.floor(req.unusedPaid ?? 0));
      // `for update` reads the latest committed row after waiting for its lock: concurrent
      // reservations line up one after another.
      const run = async () =>
        rowsOf<{ startMs: number | string; rate: number | string; nowMs: number | string; paid: boolean; pausedUntilMs: number | string | null }>(
          await executePrepared(db, sql`
          with cur as (
            select token_key,
                   least(1.0, pace + ${req.recoverPerSecond}::float8 * greatest(0, extract(epoch from now() - updated_at))) as pace,
                   greatest(next_at, now(), coalesce(paused_until, now())) as start,
                   case when paid_day = current_date then greatest(0, paid_count - ${unused}) else 0 end as paid_today
            from ${sendBudgets} where token_key = ${req.tokenKey}
            for update
          ),
          calc as (
            select cur.*, (cur.paid_today + ${count} <= ${cap}) as paid,
                   (case when cur.paid_today + ${count} <= ${cap} then ${paidCeiling}::float8 else ${req.ceiling}::float8 end) * cur.pace as rate
            from cur
          )
          update ${sendBudgets} b set
            pace = calc.pace,
            next_at = calc.start + ${count} * interval '1 millisecond' * (1000.0 / calc.rate),
            paid_count = calc.paid_today + (case when calc.paid then ${count} else 0 end),
            paid_day = current_date,
            updated_at = greatest(b.updated_at, now())
          from calc
          where b.token_key = calc.token_key
          returning extract(epoch from calc.start) * 1000 as "startMs", calc.rate, extract(epoch from clock_timestamp()) * 1000 as "nowMs", calc.paid,
                    coalesce(extract(epoch from b.paused_until) * 1000, 0) as "pausedUntilMs"`),
        );
      let rows = await run();
      if (rows.length === 0) {
        await ensure(req.tokenKey);
        rows = await run();
      }
      const row = rows[0];
      if (!row) throw new Error("send budget row is missing");
      const rate = Number(row.rate);
      return {
        startMs: Number(row.startMs),
        intervalMs: 1000 / rate,
        nowMs: Number(row.nowMs),
        rate,
        paid: row.paid === true,
        pausedUntilMs: Number(row.pausedUntilMs ?? 0),
      };
    },

    /** A 429: nobody's next slot starts before `retryAfterMs` from now, and the pace drops. */
    async pause(tokenKey: string, retryAfterMs: number, factor: number, minPace: number): Promise<void> {
      const wait = sql`${Math.max(0, Math.round(retryAfterMs))} * interval '1 millisecond'`;
      // updated_at moves to the pause's end: recovery starts counting only once sending resumes.
      await executePrepared(db, sql`
        update ${sendBudgets} set
          paused_until = greatest(coalesce(paused_until, now()), now() + ${wait}),
          next_at = greatest(next_at, now() + ${wait}),
          -- 429s of the same burst (any process) lower the pace once: only when not paused yet.
          pace = case when paused_until > now() then pace else greatest(${minPace}::float8, pace * ${factor}::float8) end,
          updated_at = greatest(updated_at, now() + ${wait})
        where token_key = ${tokenKey}`);
    },

    async read(tokenKey: string) {
      const result = await executePrepared(db, sql`
        select pace, paid_count as "paidCount", to_char(paid_day, 'YYYY-MM-DD') as "paidDay",
               extract(epoch from greatest(coalesce(paused_until, now()), now()) - now()) * 1000 as "pausedForMs"
        from ${sendBudgets} where token_key = ${tokenKey}`);
      const row = rowsOf<{ pace: number | string; paidCount: number | string; paidDay: string | null; pausedForMs: number | string }>(result)[0];
      return row
        ? { pace: Number(row.pace), paidCount: Number(row.paidCount), paidDay: row.paidDay, pausedForMs: Number(row.pausedForMs) }
        : undefined;
    },
  };
}

export type SendBudgetRepository = ReturnType<typeof createSendBudgetRepository>;
