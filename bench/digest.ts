/**
 * Digest delivery benchmark: N readers against the fake Bot API over real HTTP, on Postgres.
 *   (a) the fake enforces 30 msg/s per sliding second: achieved rate as % of it, and the 429s;
 *   (b) no limit: messages per second one process delivers (claim, compose, send, settle).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:digest -- --n 10000
 *
 * Options (flags or env): --n / BENCH_N (10000), --limited-n / BENCH_LIMITED_N (readers in (a),
 * default N; (a) takes N/30 seconds), --send-rate / BENCH_SEND_RATE (SEND_RATE for (a), 29),
 * --only a|b|two|paid, --concurrency (deliveries in flight per sender; default the engine's), BENCH_PROFILE=<file.cpuprofile> (CPU profile of the delivery phase). Each run uses a
 * scratch database on the server, dropped at the end. The fake runs in a process of its own
 * (bench/digest-fake-api.ts): Telegram's work is not Vestnik's.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../src/db/client.js";
import { createScratchDatabase } from "../tests/helpers/scratch-database.js";
import { createRepositories, type Repositories } from "../src/db/repositories/index.js";
import { digestDeliveries, sendBudgets, subscribers } from "../src/db/schema.js";
import { createDigestEngine, createPacer } from "../src/digest/engine.js";
import { createSharedPacer } from "../src/digest/shared-pacer.js";
import { deliverAll, findDue } from "../src/digest/pass.js";
import { BUILTIN_TOPICS } from "../src/topics/taxonomy.js";
import { seedArticles, seedSubscribers } from "../tests/digest/seed.js";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const LIMIT = 30;

/** BENCH_PROFILE=file.cpuprofile: a CPU profile of the delivery phase only (open it in Chrome DevTools). */
async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop(file: string) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

const { values } = parseArgs({
  options: {
    n: { type: "string" },
    "limited-n": { type: "string" },
    "send-rate": { type: "string" },
    only: { type: "string" },
    scale: { type: "string" },
    concurrency: { type: "string" },
    repeat: { type: "string" },
  },
});
if (values.scale) {
  // Scale mode (bench/digest-scale.ts): the scheduler's tick at 100,000–1,000,000 readers.
  const { runScale } = await import("./digest-scale.js");
  await runScale(values.scale.split(",").map(Number));
  process.exit(0);
}
const N = Number(values.n ?? process.env.BENCH_N ?? 10_000);
const LIMITED_N = Number(values["limited-n"] ?? process.env.BENCH_LIMITED_N ?? N);
const SEND_RATE = Number(values["send-rate"] ?? process.env.BENCH_SEND_RATE ?? 30);
const ONLY = values.only;
/** --concurrency: deliveries in flight per sender instead of the engine's own choice (to compare). */
const CONCURRENCY = values.concurrency === undefined ? undefined : Number(values.concurrency);
/** --repeat: the paid run again in the same process (a long-running sender's code is compiled already). */
const REPEAT = Math.max(1, Number(values.repeat ?? 1));

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write("bench:digest needs Postgres: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:digest\n");
  process.exit(2);
}

const ZONES = ["Europe/Moscow", "Asia/Almaty", "Asia/Tashkent", "Europe/Kyiv", "UTC"];
const TOPIC_SETS = [[], ["central-asia"], ["energy", "economy"], ["central-asia", "energy"], ["russia"]];

async function seed(database: Database, n: number, offset: number): Promise<void> {
  await seedSubscribers(
    database.db,
    Array.from({ length: n }, (_, i) => ({
      chatId: offset + i,
      timeZone: ZONES[i % ZONES.length]!,
      topics: TOPIC_SETS[i % TOPIC_SETS.length]!,
      language: i % 3 === 0 ? ("en" as const) : ("ru" as const),
    })),
  );
}

interface FakeStats {
  ok: number;
  chats: number;
  rateLimited: number;
  /** When each 429 was answered, in ms after the first accepted message. */
  limitedAt: number[];
  first: number;
  last: number;
  /** Messages per second between the first and the last tenth of the accepted messages. */
  steady: number;
}

interface RemoteFake {
  url: string;
  token: string;
  stats(): Promise<FakeStats>;
  close(): Promise<void>;
}

/** Starts bench/digest-fake-api.ts in a process of its own. */
async function startRemoteFake(options: object): Promise<RemoteFake> {
  const script = fileURLToPath(new URL("./digest-fake-api.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(options)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(((await lines.next()).value as string | undefined) ?? "null");
  const { url, token } = (await next()) as { url: string; token: string };
  return {
    url,
    token,
    async stats() {
      child.stdin.write("stats\n");
      return (await next()) as FakeStats;
    },
    async close() {
      child.stdin.end("close\n");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

interface Result {
  /** CPU time of this (Vestnik's) process per message, user + system, in ms. */
  cpuMsPerMessage: number;
  sent: number;
  seconds: number;
  rate: number;
  rateLimited: number;
  /** The rate without the first and last tenth of the messages (start-up and tail). */
  steady: number;
  /** The shared budget's reservations and the reserved slots nobody used (finite rates only). */
  budget: string;
}

async function run(
  repos: Repositories,
  fake: RemoteFake,
  sendRate: number,
  chats: Set<number>,
  opts: { paidStars?: number; senders?: Repositories[] } = {},
): Promise<Result> {
  // Finite rates go through the shared budget (as `vestnik run` does); each sender has its own pacer.
  const shared: ReturnType<typeof createSharedPacer>[] = [];
  const engineFor = (r: Repositories) => {
    let pacer;
    if (Number.isFinite(sendRate)) {
      const s = createSharedPacer({ budgets: r.sendBudgets, token: fake.token, rate: sendRate, paid: opts.paidStars ? { dailyStars: opts.paidStars } : undefined });
      shared.push(s);
      pacer = s;
    } else {
      pacer = createPacer({ rate: sendRate });
    }
    return createDigestEngine({
      repos: r,
      topics: [...BUILTIN_TOPICS],
      size: 10,
      sendEmpty: false,
      leaseMs: 30_000,
      pacer,
      api: { token: fake.token, apiRoot: fake.url },
    });
  };
  const engines = (opts.senders ?? [repos]).map(engineFor);
  const engine = engines[0]!;
  const now = new Date();
  const due = (await findDue(repos, now, { ignoreTime: true })).filter((d) => chats.has(d.subscriber.chatId));
  const profiler = process.env.BENCH_PROFILE ? await startProfiler() : undefined;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let lastShown = 0;
  const summaries = await Promise.all(
    engines.map((e) =>
      deliverAll(due, now, {
        deliverer: e.deliverer,
        builder: e.builder,
        repos,
        concurrency: CONCURRENCY ?? e.concurrency,
        onProgress: (done, total) => {
          if (process.stderr.isTTY && (done === total || performance.now() - lastShown > 500)) {
            lastShown = performance.now();
            process.stderr.write(`\r  ${done}/${total}`);
          }
        },
      }),
    ),
  );
  const summary = { sent: summaries.reduce((n, s) => n + s.sent, 0) };
  void engine;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await profiler?.stop(process.env.BENCH_PROFILE!);
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[2K");
  const stats = await fake.stats();
  // The rate Telegram sees: from the first accepted message to the last.
  const span = stats.ok > 1 ? (stats.last - stats.first) / 1000 : seconds;
  if (summary.sent !== due.length || stats.chats !== due.length) {
    throw new Error(`expected ${due.length} digests, got ${JSON.stringify(summary)}, ${stats.chats} chats reached`);
  }
  const slots = shared.map((s) => s.stats());
  return {
    cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / Math.max(1, stats.ok),
    sent: stats.ok,
    seconds,
    rate: (stats.ok - 1) / span,
    rateLimited: stats.rateLimited,
    steady: stats.steady,
    budget:
      (slots.length === 0
        ? ""
        : `; ${slots.reduce((n, s) => n + s.reservations, 0)} reservations, ${slots.reduce((n, s) => n + s.dropped, 0)} slots unused`) +
      (stats.limitedAt.length === 0 ? "" : `; 429 at ${stats.limitedAt.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}`),
  };
}

const { database, url: databaseUrl, drop } = await createScratchDatabase(serverUrl, { prefix: "vestnik_bench", maxConnections: 16 });
try {
  const repos = createRepositories(database.db);
  await seedArticles(
    database.db,
    new Date(),
    Array.from({ length: 200 }, (_, i) => ({
      title: `Article ${i}: pipeline talks in Astana & «KMG» <update>`,
      age: 5 + i * 5,
      topics: [["central-asia"], ["energy"], ["economy", "energy"], ["russia"], []][i % 5]!,
      summary: "A one-line summary of what happened, long enough to look like the real thing in a digest.",
    })),
  );
  process.stdout.write(`bench:digest on ${database.kind}, Node ${process.version}\n`);

  await seed(database, LIMITED_N, 1_000_000);
  if (ONLY === undefined || ONLY === "a") {
    const fake = await startRemoteFake({ rateLimit: { perSecond: LIMIT } });
    const chats = new Set(Array.from({ length: LIMITED_N }, (_, i) => 1_000_000 + i));
    const r = await run(repos, fake, SEND_RATE, chats);
    await fake.close();
    process.stdout.write(
      `(a) one sender, ${r.sent} messages, fake limit ${LIMIT}/s, SEND_RATE ${SEND_RATE}: ` +
        `${r.rate.toFixed(1)} msg/s = ${((r.rate / LIMIT) * 100).toFixed(1)}% of the limit, ` +
        `${r.rateLimited} × 429 (${((r.rateLimited / r.sent) * 100).toFixed(2)}% of messages), ${r.seconds.toFixed(1)} s${r.budget}; ` +
        `load average ${loadavg()[0]!.toFixed(1)}\n`,
    );
  }

  if (ONLY === undefined || ONLY === "two") {
    // Two senders, each with its own connection pool and pacer, sharing the token's budget.
    await database.db.delete(digestDeliveries).where(sql`true`);
    await database.db.update(subscribers).set({ lastDigestAt: null }).where(sql`true`);
    await database.db.delete(sendBudgets).where(sql`true`);
    const second = await openDatabase({ url: databaseUrl, maxConnections: 16 });
    const fake = await startRemoteFake({ rateLimit: { perSecond: LIMIT } });
    const chats = new Set(Array.from({ length: LIMITED_N }, (_, i) => 1_000_000 + i));
    const r = await run(repos, fake, SEND_RATE, chats, { senders: [repos, createRepositories(second.db)] });
    await fake.close();
    await second.close();
    process.stdout.write(
      `(a2) two senders, ${r.sent} messages, fake limit ${LIMIT}/s, SEND_RATE ${SEND_RATE}: ` +
        `${r.rate.toFixed(1)} msg/s = ${((r.rate / LIMIT) * 100).toFixed(1)}% of the limit, ` +
        `${r.rateLimited} × 429 (${((r.rateLimited / r.sent) * 100).toFixed(2)}%), ${r.seconds.toFixed(1)} s${r.budget}; load average ${loadavg()[0]!.toFixed(1)}\n`,
    );
  }

  for (let round = 1; (ONLY === undefined || ONLY === "paid") && round <= REPEAT; round += 1) {
    // Paid broadcasts against a 1,000 msg/s limit.
    await database.db.delete(digestDeliveries).where(sql`true`);
    await database.db.update(subscribers).set({ lastDigestAt: null }).where(sql`true`);
    await database.db.delete(sendBudgets).where(sql`true`);
    const fake = await startRemoteFake({ rateLimit: { perSecond: 1000 } });
    const chats = new Set(Array.from({ length: LIMITED_N }, (_, i) => 1_000_000 + i));
    const r = await run(repos, fake, SEND_RATE, chats, { paidStars: 1_000_000 });
    await fake.close();
    process.stdout.write(
      `(c) paid broadcast${REPEAT > 1 ? ` (run ${round} of ${REPEAT} in one process)` : ""}, ${r.sent} messages, fake limit 1000/s: ` +
        `${r.rate.toFixed(0)} msg/s (${r.steady.toFixed(0)} msg/s without the first and last tenth), ` +
        `${r.rateLimited} × 429, ` +
        `${r.seconds.toFixed(1)} s${r.budget}; load average ${loadavg()[0]!.toFixed(1)}\n`,
    );
  }

  if (ONLY !== "a" && ONLY !== "two" && ONLY !== "paid") {
    await database.db.delete(digestDeliveries).where(sql`true`);
    await database.db.update(subscribers).set({ lastDigestAt: null }).where(sql`true`);
    await seed(database, N, 3_000_000);
    const fake = await startRemoteFake({});
    const chats = new Set(Array.from({ length: N }, (_, i) => 3_000_000 + i));
    const r = await run(repos, fake, Infinity, chats);
    await fake.close();
    process.stdout.write(
      `(b) ${r.sent} messages, no limit: ${(r.sent / r.seconds).toFixed(0)} msg/s (${r.seconds.toFixed(1)} s; ${r.steady.toFixed(0)} msg/s without the first and last tenth); ` +
        `Vestnik's process used ${r.cpuMsPerMessage.toFixed(2)} ms CPU per message (${(1000 / r.cpuMsPerMessage).toFixed(0)} msg per CPU-second); ` +
        `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`,
    );
  }
} finally {
  await drop();
}
