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

const options = JSON.parse(process.argv[2] ?? "{}") as FakeBotApiOptions;
const fake = await startFakeBotApi(options);
process.stdout.write(`${JSON.stringify({ url: fake.url, token: fake.token })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === "stats") {
    const ok = fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200);
    const chats = new Set(ok.map((c) => String(c.payload.chat_id)));
    process.stdout.write(
      `${JSON.stringify({ ok: ok.length, chats: chats.size, rateLimited: fake.rateLimited.length, limitedAt: fake.rateLimited.map((c) => c.at - (ok[0]?.at ?? c.at)), first: ok[0]?.at ?? 0, last: ok.at(-1)?.at ?? 0, steady: steadyRate(ok.map((c) => c.at)) })}\n`,
    );
  } else if (line === "close") {
    break;
  }
}
await fake.close();
