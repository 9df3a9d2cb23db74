/**
 * Scale mode of bench:digest (`npm run bench:digest -- --scale 100000,1000000`): N readers seeded
 * with SQL on a scratch Postgres database, then the scheduler's tick as `vestnik run` runs it
 * (collectDue, enqueueing into pg-boss): with nobody due, with 5 % due, and right after (all held).
 * Reports tick times, the enqueue time, the longest event-loop stall (perf_hooks), peak RSS, and
 * the ledger's size after 40 simulated days with pruning at 30.
 */
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import PgBoss from "pg-boss";
import postgres from "postgres";
import { createScratchDatabase } from "../tests/helpers/scratch-database.js";
import { createRepositories } from "../src/db/repositories/index.js";
import { collectDue } from "../src/digest/due.js";
import { BOSS_SCHEMA, DELIVER_QUEUE, duePriority, ledgerCutoff } from "../src/digest/jobs.js";

const HOLD_MS = 15 * 60_000;
const LEDGER_READERS = Number(process.env.BENCH_LEDGER_N ?? 10_000);

const ms = (x: number) => `${x.toFixed(1)} ms`;
const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function scale(serverUrl: string, n: number): Promise<void> {
  const scratch = await createScratchDatabase(serverUrl, { prefix: "vestnik_bench_scale", maxConnections: 8 });
  const { database } = scratch;
  const url = new URL(scratch.url);
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const boss = new PgBoss({ connectionString: url.toString(), schema: BOSS_SCHEMA, max: 3, supervise: false, schedule: false });
  try {
    await boss.start();
    await boss.createQueue(DELIVER_QUEUE, { name: DELIVER_QUEUE, policy: "stately", retryLimit: 0 });
    const repos = createRepositories(database.db);
    let t = performance.now();
    // Everyone due within the next day, spread over it: nobody due now.
    await sql.unsafe(`
      insert into subscribers (chat_id, time_zone, digest_minute, subscribed, next_due_at)
      select i, (array['Europe/Moscow','Asia/Almaty','Asia/Tashkent','Europe/Kyiv','UTC'])[1 + i % 5], (i * 7) % 1440, true,
             now() + interval '1 minute' + (i % 1380) * interval '1 minute'
      from generate_series(1, ${n}) i`);
    await sql.unsafe("analyze subscribers");
    process.stdout.write(`scale ${n.toLocaleString("en")} readers: seeded in ${((performance.now() - t) / 1000).toFixed(1)} s; load average ${loadavg()[0]!.toFixed(1)}\n`);

    const stall = monitorEventLoopDelay({ resolution: 5 });
    stall.enable();
    const enqueue = async (now: Date) => {
      let queued = 0;
      await collectDue(repos, now, {
        holdMs: HOLD_MS,
        onBatch: async (readers) => {
          queued += readers.length;
          await boss.insert(
            readers.map((r) => ({
              name: DELIVER_QUEUE,
              data: { subscriberId: r.subscriberId, localDate: r.localDate },
              singletonKey: `${r.subscriberId}:${r.localDate}`,
              priority: duePriority(r.dueAt),
            })),
          );
        },
      });
      return queued;
    };

    const idle: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      t = performance.now();
      if ((await enqueue(new Date())) !== 0) throw new Error("nobody should be due");
      idle.push(performance.now() - t);
    }
    idle.sort((a, b) => a - b);
    process.stdout.write(`  tick, nobody due: p50 ${ms(p(idle, 0.5))}, p95 ${ms(p(idle, 0.95))} (30 ticks)\n`);

    // 5 % due now: readers in UTC with a 00:00 digest (due all day), their next_due_at a minute ago.
    const dueCount = Math.floor(n / 20);
    await sql.unsafe(`update subscribers set time_zone = 'UTC', digest_minute = 0, next_due_at = now() - interval '1 minute' where id % 20 = 0`);
    await sql.unsafe("analyze subscribers");
    stall.reset();
    t = performance.now();
    const queued = await enqueue(new Date());
    const enqueueMs = performance.now() - t;
    const maxStall = stall.max / 1e6;
    process.stdout.write(
      `  tick, 5 % due: ${queued.toLocaleString("en")} of ${dueCount.toLocaleString("en")} queued into pg-boss in ${ms(enqueueMs)} ` +
        `(${((enqueueMs * 1000) / Math.max(1, queued)).toFixed(0)} µs per reader); longest event-loop stall ${ms(maxStall)}\n`,
    );
    const again: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      t = performance.now();
      if ((await enqueue(new Date())) !== 0) throw new Error("a queued reader was queued again");
      again.push(performance.now() - t);
    }
    again.sort((a, b) => a - b);
    const jobs = (await sql<{ jobs: number }[]>`select count(*)::int as jobs from pgboss.job where name = ${DELIVER_QUEUE}`)[0]?.jobs ?? 0;
    process.stdout.write(`  next ticks (all queued readers held): p50 ${ms(p(again, 0.5))}, p95 ${ms(p(again, 0.95))}; ${jobs.toLocaleString("en")} jobs in the queue (none twice)\n`);
    stall.disable();
    process.stdout.write(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average ${loadavg()[0]!.toFixed(1)}\n`);

    {
      // Ledger: 40 simulated days for LEDGER_READERS readers, pruned as the tick prunes (30 days kept).
      const readers = Math.min(n, LEDGER_READERS);
      await sql.unsafe(`
        insert into digest_deliveries (subscriber_id, local_date, status, attempts, messages, article_count, finished_at)
        select s, current_date - d, 'sent', 1, '["x"]'::jsonb, 3, now()
        from generate_series(1, ${readers}) s, generate_series(0, 39) d`);
      const before = await repos.deliveries.size();
      t = performance.now();
      let pruned = 0;
      for (let k; (k = await repos.deliveries.prune(ledgerCutoff(new Date()))) > 0; ) pruned += k;
      const after = await repos.deliveries.size();
      const bytes = (await sql<{ bytes: string }[]>`select pg_total_relation_size('digest_deliveries')::text as bytes`)[0]?.bytes ?? "0";
      process.stdout.write(
        `  ledger: ${readers.toLocaleString("en")} readers × 40 days = ${before.toLocaleString("en")} rows; pruned ${pruned.toLocaleString("en")} ` +
          `in ${ms(performance.now() - t)} → ${after.toLocaleString("en")} rows (≤ 31 days each), ${(Number(bytes) / 1e6).toFixed(1)} MB on disk before vacuum\n`,
      );
    }
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await sql.end();
    await scratch.drop();
  }
}

export async function runScale(sizes: number[]): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("bench:digest --scale needs DATABASE_URL (Postgres)");
  process.stdout.write(`bench:digest --scale on Postgres, Node ${process.version}\n`);
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 1000) throw new Error(`--scale takes reader counts ≥ 1000, got ${n}`);
    await scale(serverUrl, n);
  }
}
