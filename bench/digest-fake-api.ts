/**
 * The fake Bot API in a process of its own for bench/digest.ts, so the benchmark measures Vestnik's
 * process and not the fake's HTML checks (Telegram is somebody else's computer too). Options come
 * as JSON in argv[2]; it prints `{ url, token }`, then answers each "stats" line on stdin with the
 * counts so far, and exits on "close" or when stdin ends.
 */
import { createInterface } from "node:readline";
import { startFakeBotApi, type FakeBotApiOptions } from "../tests/helpers/fake-bot-api.js";

/**
 * Messages per second between the first and the last tenth of the run: without the start (connections
 * opened, digests composed, code warming up) and the tail (the last readers trickling in).
 */
function steadyRate(times: number[]): number {
  const from = Math.floor(times.length * 0.1);
  const to = Math.floor(times.length * 0.9);
  const span = (times[to]! - times[from]!) / 1000;
  return times.length >= 10 && span > 0 ? (to - from) / span : 0;
}

const WARM_CHAT = 1;
const options = JSON.parse(process.argv[2] ?? "{}") as FakeBotApiOptions;
const fake = await startFakeBotApi(options);
// Warm-up: Telegram's servers are not starting cold, so neither is the fake: the first thousands of
// its answers are slower (its code not yet optimized) and would make the sender's start look slow.
// WARM_CHAT's calls are left out of every count; the wait lets its sends leave the sliding second.
if (process.env.BENCH_WARM !== "0") {
  const text = `<b>Warm-up</b> <a href="https://example.org/x">${"слово ".repeat(150)}</a> &amp; <i>ещё</i>`;
  for (let i = 0; i < 3000; i += 50) {
    await Promise.all(Array.from({ length: 50 }, () => fetch(`${fake.url}/bot${fake.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: WARM_CHAT, text, parse_mode: "HTML" }),
    }).then((r) => r.arrayBuffer())));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}
process.stdout.write(`${JSON.stringify({ url: fake.url, token: fake.token })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "stats") {
    const real = (c: { payload: Record<string, unknown> }) => String(c.payload.chat_id) !== String(WARM_CHAT);
    const ok = fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && real(c));
    const limited = fake.rateLimited.filter(real);
    const chats = new Set(ok.map((c) => String(c.payload.chat_id)));
    process.stdout.write(
      `${JSON.stringify({ ok: ok.length, chats: chats.size, rateLimited: limited.length, limitedAt: limited.map((c) => c.at - (ok[0]?.at ?? c.at)), first: ok[0]?.at ?? 0, last: ok.at(-1)?.at ?? 0, steady: steadyRate(ok.map((c) => c.at)) })}\n`,
    );
    if (process.env.BENCH_TIMELINE) {
      // Accepted sends per 250 ms from the first: where a run ramps up or stalls.
      const buckets: number[] = [];
      for (const c of ok) {
        const k = Math.floor((c.at - (ok[0]?.at ?? 0)) / 250);
        buckets[k] = (buckets[k] ?? 0) + 1;
      }
      process.stderr.write(`timeline/250ms: ${Array.from(buckets, (n) => n ?? 0).join(" ")}\n`);
    }
  } else if (line === "close") {
    break;
  }
}
await fake.close();
