import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { startHttpServer, type HttpServer } from "../../src/server/http-server.js";
import { createMetrics, type Metrics } from "../../src/server/metrics.js";
import { createWebhookHandler, MAX_BODY_BYTES, webhookPath, type WebhookHandler } from "../../src/server/webhook.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const SECRET = "s3cret_Token-for-tests";
const PATH = webhookPath("123:abc");
const METRICS_TOKEN = "metrics-token-0123456789";
const logger = pino({ level: "silent" });

let database: TestDatabase;
let repos: Repositories;
let metrics: Metrics;
let webhook: WebhookHandler;
let server: HttpServer;
let base: string;
const handled: number[] = [];
const gates = new Map<number, Promise<void>>();

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  metrics = createMetrics({ repos, logger });
  webhook = createWebhookHandler({
    secret: SECRET,
    claim: (update) => repos.updates.claim(update.update_id, update, 60_000),
    complete: (id) => repos.updates.complete(id),
    handle: async (update) => {
      await gates.get(update.update_id);
      handled.push(update.update_id);
    },
    logger,
    onOutcome: metrics.webhookRequest,
    onBacklog: metrics.setBacklog,
  });
  server = await startHttpServer({
    host: "127.0.0.1",
    port: 0,
    logger,
    routes: {
      webhook: { path: PATH, handle: webhook.handle },
      readiness: () => repos.operations.readiness(),
      metrics: () => metrics.render(),
      metricsToken: METRICS_TOKEN,
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});

let databaseClosed = false;

afterAll(async () => {
  await server?.close();
  if (!databaseClosed) await database?.close();
});

const update = (id: number): Update => ({ update_id: id, message: { message_id: 1, date: 0, chat: { id: 5, type: "private", first_name: "A" }, text: "hi" } }) as Update;

/** `secret: null` sends no secret header at all. */
function post(body: string | Uint8Array, secret: string | null = SECRET, path = PATH) {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }) },
    body,
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/** Parses the exposition format: `name{labels} value` lines, comments skipped; throws on anything else. */
function parseExposition(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    // Values are Go floats: Prometheus reads NaN and Inf case-insensitively (prom-client writes "Nan").
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|nan|[+-]?inf)$/i.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    series.set(match[1]!, Number(match[2]));
  }
  return series;
}

async function scrape(): Promise<Map<string, number>> {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parseExposition(await res.text());
}

describe("webhook endpoint over HTTP", () => {
  it("refuses requests without the right secret and processes nothing", async () => {
    for (const secret of [null, "", "wrong", `${SECRET}x`, SECRET.slice(0, -1)]) {
      const res = await post(JSON.stringify(update(1)), secret);
      expect(res.status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(handled).not.toContain(1);
    expect(await repos.updates.claim(1, update(1), 60_000)).toBe(true); // the id was never recorded
  });

  it("answers before a slow handler finishes, and handles other updates meanwhile", async () => {
    let release!: () => void;
    gates.set(10, new Promise<void>((resolve) => (release = resolve)));
    const slow = await post(JSON.stringify(update(10)));
    expect(slow.status).toBe(200);
    expect(webhook.backlog).toBe(1);
    const quick = await post(JSON.stringify(update(11)));
    expect(quick.status).toBe(200);
    await until(() => handled.includes(11), "update 11");
    expect(handled).not.toContain(10);
    release();
    await until(() => handled.includes(10), "update 10");
  });

  it("processes a repeated update_id once", async () => {
    const answers = await Promise.all([post(JSON.stringify(update(20))), post(JSON.stringify(update(20))), post(JSON.stringify(update(20)))]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await until(() => handled.includes(20), "update 20");
    await new Promise((r) => setTimeout(r, 100));
    expect(handled.filter((id) => id === 20)).toHaveLength(1);
    expect(await repos.updates.claim(20, update(20), 60_000)).toBe(false);
  });

  it("rejects oversized bodies with 413 and malformed ones with 400", async () => {
    const big = JSON.stringify({ ...update(30), padding: "x".repeat(MAX_BODY_BYTES) });
    expect((await post(big)).status).toBe(413);
    for (const body of ["{not json", "[]", "null", `{"update_id":"7"}`, `{"update_id":-1}`, ""]) {
      expect((await post(body)).status, body).toBe(400);
    }
    expect(handled).not.toContain(30);
  });

  it("serves only POST on the webhook path and 404 elsewhere", async () => {
    expect((await fetch(`${base}${PATH}`)).status).toBe(405);
    expect((await post(JSON.stringify(update(40)), SECRET, "/telegram/guess")).status).toBe(404);
  });

  it("reports health and readiness", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toContain("ready");
  });

  it("exposes metrics that parse, behind the token, and move with traffic", async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const before = await scrape();
    expect(before.get('vestnik_webhook_requests_total{outcome="unauthorized"}')).toBeGreaterThanOrEqual(4);
    expect(before.get('vestnik_webhook_requests_total{outcome="duplicate"}')).toBe(2);
    expect(before.get('vestnik_digest_deliveries{status="sent"}')).toBe(0);
    expect(before.get('vestnik_feed_sources{result="failing"}')).toBe(0);
    expect(before.get('vestnik_queue_depth{queue="claimed"}')).toBe(0);
    expect(before.get("vestnik_database_up")).toBe(1);
    expect(before.has("vestnik_process_resident_memory_bytes")).toBe(true);
    await post(JSON.stringify(update(50)));
    const after = await scrape();
    expect(after.get('vestnik_webhook_requests_total{outcome="accepted"}')).toBe(
      (before.get('vestnik_webhook_requests_total{outcome="accepted"}') ?? 0) + 1,
    );
  });

  it("turns not ready (503) when the database is gone, while staying healthy", async () => {
    await database.close();
    databaseClosed = true;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toMatch(/not ready: database unreachable/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // A database failure while recording the update: Telegram is asked to retry.
    expect((await post(JSON.stringify(update(60)))).status).toBe(500);
    const series = await scrape();
    expect(series.get("vestnik_database_up")).toBe(0);
  });

  it("refuses new updates with 503 once draining, after finishing those in flight", async () => {
    await webhook.drain();
    expect(webhook.backlog).toBe(0);
    expect((await post(JSON.stringify(update(70)))).status).toBe(503);
  });
});
