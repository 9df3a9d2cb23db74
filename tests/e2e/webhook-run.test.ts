import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { range, seedArticles, seedSubscribers } from "../digest/seed.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { runCli } from "../helpers/run-cli.js";
import { post, SECRET, startInstance, type Instance } from "../helpers/webhook-instance.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const GOOD = fileURLToPath(new URL("../fixtures/ingest/good", import.meta.url));
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("vestnik run in webhook mode (one instance)", () => {
  let fake: FakeBotApi;
  let server: TestDatabase | undefined;
  let dataDir: string;
  let instance: Instance;

  beforeAll(async () => {
    fake = await startFakeBotApi();
    dataDir = mkdtempSync(join(tmpdir(), "vestnik-webhook-"));
    let env: Record<string, string>;
    if (process.env.DATABASE_URL) {
      server = await createTestDatabase();
      env = { DATABASE_URL: server.url ?? "" };
    } else {
      env = { DATA_DIR: dataDir };
    }
    expect((await runCli(["ingest", GOOD], env)).code).toBe(0);
    instance = await startInstance(fake, env);
  }, 90_000);

  afterAll(async () => {
    await instance?.cli.stop("SIGKILL");
    await fake?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("registers the webhook with its secret and an unguessable path", () => {
    const call = fake.calls.find((c) => c.method === "setWebhook" && c.status === 200);
    expect(call?.payload.secret_token).toBe(SECRET);
    expect(String(call?.payload.url)).toMatch(/^https:\/\/bot\.example\.test\/vestnik\/telegram\/[0-9a-f]{32}$/);
    expect(call?.payload.allowed_updates).toEqual(expect.arrayContaining(["message", "callback_query", "inline_query"]));
    expect(fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("serves an update with the right secret and refuses one without it", async () => {
    const refused = fake.pushMessage("/start", { chatId: 9101, userId: 9101 });
    expect((await post(instance, refused, null)).status).toBe(401);
    expect((await post(instance, refused, "not-the-secret")).status).toBe(401);

    const accepted = fake.pushMessage("/start", { chatId: 9102, userId: 9102 });
    expect((await post(instance, accepted)).status).toBe(200);
    await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 9102);
    expect(fake.sent(9101)).toHaveLength(0);
  });

  it("handles a repeated update_id once", async () => {
    const update = fake.pushMessage("/help", { chatId: 9103, userId: 9103 });
    const answers = await Promise.all([post(instance, update), post(instance, update)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 9103);
    await delay(500);
    expect((await post(instance, update)).status).toBe(200);
    await delay(500);
    expect(fake.sent(9103)).toHaveLength(1);
  });

  it("answers oversized bodies with 413 and malformed ones with 400", async () => {
    const big = JSON.stringify({ ...fake.pushMessage("big", { chatId: 9104 }), padding: "x".repeat(1_100_000) });
    expect((await post(instance, big)).status).toBe(413);
    expect((await post(instance, "{oops")).status).toBe(400);
    expect((await post(instance, `{"message":{}}`)).status).toBe(400);
  });

  it("answers inline queries through the Bot API", async () => {
    const update = fake.pushInlineQuery("");
    expect((await post(instance, update)).status).toBe(200);
    const answer = await fake.waitFor((c) => c.method === "answerInlineQuery");
    const results = answer.payload.results as { id: string; input_message_content: { message_text: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.some((r) => r.input_message_content.message_text.includes("«KMG &amp; Partners» &lt;обновлено&gt;"))).toBe(true);
  });

  it("exposes health, readiness and metrics", async () => {
    expect((await fetch(`${instance.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${instance.base}/readyz`)).status).toBe(200);
    const res = await fetch(`${instance.base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(sample(text, 'vestnik_updates_total{type="message"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'vestnik_updates_total{type="inline_query"}')).toBe(1);
    expect(sample(text, 'vestnik_telegram_api_calls_total{method="sendMessage",status="200"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'vestnik_webhook_requests_total{outcome="duplicate"}')).toBe(2);
    expect(sample(text, 'vestnik_webhook_requests_total{outcome="unauthorized"}')).toBe(2);
    expect(sample(text, "vestnik_database_up")).toBe(1);
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await instance.cli.stop("SIGTERM", 30_000)).toBe(0);
  });
});

describe("two webhook instances on one Postgres", () => {
  const DUE = range(12, 9500);
  let fake: FakeBotApi;
  let server: TestDatabase | undefined;
  let instances: Instance[] = [];

  beforeAll(async () => {
    if (!process.env.DATABASE_URL) return;
    fake = await startFakeBotApi();
    server = await createTestDatabase();
    const env = { DATABASE_URL: server.url ?? "", DIGEST_CHECK_INTERVAL: "1s", SEND_RATE: "20" };
    const database = await openDatabase({ url: env.DATABASE_URL });
    try {
      await seedArticles(database.db, new Date(), [{ title: "Pipeline news", age: 30, topics: ["energy"] }]);
      // A 00:00 digest is due all day in any zone.
      await seedSubscribers(database.db, DUE.map((chatId) => ({ chatId, digestMinute: 0, timeZone: "Asia/Almaty" })));
    } finally {
      await database.close();
    }
    instances = await Promise.all([startInstance(fake, env), startInstance(fake, env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.cli.stop("SIGKILL")));
    await fake?.close();
    await server?.close();
  });

  // PGlite keeps its data in one process's memory, so only Postgres can be shared by two instances.
  it.skipIf(!process.env.DATABASE_URL)(
    "serve updates posted to either, each once, and send every reader one digest",
    { timeout: 180_000 },
    async () => {
      const [a, b] = instances as [Instance, Instance];
      expect(a.path).toBe(b.path);
      const toA = fake.pushMessage("/start", { chatId: 9601, userId: 9601 });
      const toB = fake.pushMessage("/start", { chatId: 9602, userId: 9602 });
      expect((await post(a, toA)).status).toBe(200);
      expect((await post(b, toB)).status).toBe(200);
      expect((await post(b, toA, null)).status).toBe(401);
      // Telegram retrying at the other instance: already handled, so not again.
      expect((await post(b, toA)).status).toBe(200);
      const inline = fake.pushInlineQuery("Pipeline");
      expect((await post(b, inline)).status).toBe(200);
      await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 9601);
      await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === 9602);
      const answer = await fake.waitFor((c) => c.method === "answerInlineQuery");
      expect(JSON.stringify(answer.payload.results)).toContain("Pipeline news");

      const deadline = Date.now() + 120_000;
      while (!DUE.every((chat) => fake.sent(chat).length > 0)) {
        if (Date.now() > deadline) throw new Error(`not all digests arrived:\n${a.cli.output()}\n${b.cli.output()}`);
        await delay(200);
      }
      // Both schedulers keep checking meanwhile; none may send again.
      await delay(3000);
      for (const chat of DUE) expect(fake.sent(chat), `chat ${chat}`).toHaveLength(1);
      expect(fake.sent(9601)).toHaveLength(1);

      for (const instance of instances) {
        expect((await fetch(`${instance.base}/readyz`)).status).toBe(200);
        const text = await (await fetch(`${instance.base}/metrics`)).text();
        // Read from the shared ledger: both instances report all the digests, whoever sent them.
        expect(sample(text, 'vestnik_digest_deliveries{status="sent"}')).toBe(DUE.length);
      }
      expect(await a.cli.stop("SIGTERM", 30_000)).toBe(0);
      expect(await b.cli.stop("SIGTERM", 30_000)).toBe(0);
    },
  );
});
