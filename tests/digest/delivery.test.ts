import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createRepositories, type Repositories, type Subscriber } from "../../src/db/repositories/index.js";
import { digestDeliveries, subscribers } from "../../src/db/schema.js";
import { createDigestEngine, createPacer, type DigestEngine } from "../../src/digest/engine.js";
import { deliverAll, findDue } from "../../src/digest/pass.js";
import { localClock } from "../../src/digest/schedule.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { range, seedArticles, seedSubscribers, TEST_TOPICS } from "./seed.js";

let database: TestDatabase;
let repos: Repositories;
let fake: FakeBotApi;
let nextChat = 10_000;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  await seedArticles(database.db, new Date(), [
    { title: "Energy «KMG & Partners» <обновлено>", age: 30, topics: ["energy"] },
    { title: "Central Asia news", age: 60, topics: ["central-asia"] },
  ]);
});

afterAll(async () => {
  await database.close();
});

afterEach(async () => {
  await fake?.close();
});

interface EngineOptions {
  rate?: number;
  sendEmpty?: boolean;
  leaseMs?: number;
  maxAttempts?: number;
}

function engine(opts: EngineOptions = {}, r: Repositories = repos): DigestEngine {
  return createDigestEngine({
    repos: r,
    topics: TEST_TOPICS,
    size: 10,
    sendEmpty: opts.sendEmpty ?? false,
    leaseMs: opts.leaseMs ?? 30_000,
    pacer: createPacer({ rate: opts.rate ?? 1000, pauseMarginMs: 50 }),
    api: { token: fake.token, apiRoot: fake.url },
    // As the composition root wires it (app/digest.ts).
    sender: { backoffMs: 20, maxAttempts: opts.maxAttempts ?? 4, onMigrated: (from, to) => r.subscribers.moveChat(from, to) },
  });
}

async function runPass(e: DigestEngine, chats: number[]) {
  const now = new Date();
  const wanted = new Set(chats);
  const due = (await findDue(repos, now, { ignoreTime: true })).filter((d) => wanted.has(d.subscriber.chatId));
  return deliverAll(due, now, { deliverer: e.deliverer, builder: e.builder, repos, concurrency: e.concurrency });
}

async function newReaders(n: number, extra: Partial<Parameters<typeof seedSubscribers>[1][number]> = {}): Promise<Subscriber[]> {
  const chats = range(n, nextChat);
  nextChat += n;
  return seedSubscribers(database.db, chats.map((chatId) => ({ chatId, ...extra })));
}

const today = (s: Subscriber) => localClock(new Date(), s.timeZone).date;
const rowOf = async (s: Subscriber) => repos.deliveries.find(s.id, today(s));

describe("digest delivery", () => {
  beforeEach(async () => {
    fake = await startFakeBotApi();
  });

  it("sends each reader one digest, records it in the ledger and moves last_digest_at", async () => {
    const readers = await newReaders(5, { topics: ["energy"] });
    const summary = await runPass(engine(), readers.map((r) => r.chatId));
    expect(summary).toMatchObject({ sent: 5, empty: 0, failed: 0, deactivated: 0 });
    for (const reader of readers) {
      const sent = fake.sent(reader.chatId);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.parse_mode).toBe("HTML");
      expect(sent[0]!.link_preview_options).toMatchObject({ is_disabled: true });
      expect(String(sent[0]!.text)).toContain("«KMG &amp; Partners» &lt;обновлено&gt;");
      expect(String(sent[0]!.text)).not.toContain("Central Asia news");
      const row = await rowOf(reader);
      expect(row).toMatchObject({ status: "sent", partsSent: 1, articleCount: 1 });
      expect(row!.messageIds).toHaveLength(1);
      const [after] = await database.db.select().from(subscribers).where(eq(subscribers.id, reader.id));
      expect(after!.lastDigestAt).toEqual(row!.cutoff);
    }
    // A second pass the same day finds everyone settled.
    const again = await runPass(engine(), readers.map((r) => r.chatId));
    expect(again).toMatchObject({ sent: 0, empty: 0, failed: 0, deactivated: 0 });
    expect(fake.sent().length).toBe(5);
  });

  it("deactivates a reader who blocked the bot (403) without retrying", async () => {
    const [blocked, fine] = await newReaders(2);
    fake.blockChat(blocked!.chatId);
    const summary = await runPass(engine(), [blocked!.chatId, fine!.chatId]);
    expect(summary).toMatchObject({ sent: 1, deactivated: 1 });
    expect(fake.calls.filter((c) => c.payload.chat_id === blocked!.chatId)).toHaveLength(1);
    const [row] = await database.db.select().from(subscribers).where(eq(subscribers.id, blocked!.id));
    expect(row!.blockedAt).not.toBeNull();
    expect(row!.blockedReason).toMatch(/403.*blocked/);
    expect(await rowOf(blocked!)).toMatchObject({ status: "deactivated", partsSent: 0 });
    // Deactivated readers are no longer due, today or later.
    expect((await findDue(repos, new Date(), { ignoreTime: true })).some((d) => d.subscriber.id === blocked!.id)).toBe(false);
  });

  it("follows a group that became a supergroup: the digest goes to the new id, and so does the subscription", async () => {
    const [group, other] = await newReaders(2, { topics: ["energy"] });
    const supergroup = -1_001_234_567_001;
    fake.migrateChat(group!.chatId, supergroup);
    const summary = await runPass(engine(), [group!.chatId, other!.chatId]);
    expect(summary).toMatchObject({ sent: 2, failed: 0, deactivated: 0 });
    expect(fake.sent(supergroup)).toHaveLength(1);
    expect(String(fake.sent(supergroup)[0]!.text)).toContain("KMG");
    expect(fake.sent(group!.chatId)).toHaveLength(0);
    expect(await rowOf(group!)).toMatchObject({ status: "sent", partsSent: 1 });
    const [row] = await database.db.select().from(subscribers).where(eq(subscribers.id, group!.id));
    expect(row).toMatchObject({ chatId: supergroup, chatKind: "supergroup", topics: ["energy"], blockedAt: null, subscribed: true });
    // The reader next to it is untouched.
    const [untouched] = await database.db.select().from(subscribers).where(eq(subscribers.id, other!.id));
    expect(untouched!.chatId).toBe(other!.chatId);
  });

  it("deactivates a chat Telegram does not know (400 chat not found)", async () => {
    const [known, unknown] = await newReaders(2);
    await fake.close();
    fake = await startFakeBotApi({ knownChatsOnly: true, knownChats: [known!.chatId] });
    const summary = await runPass(engine(), [known!.chatId, unknown!.chatId]);
    expect(summary).toMatchObject({ sent: 1, deactivated: 1 });
    expect(await rowOf(unknown!)).toMatchObject({ status: "deactivated" });
    const [row] = await database.db.select().from(subscribers).where(eq(subscribers.id, unknown!.id));
    expect(row!.blockedReason).toMatch(/chat not found/);
  });

  it("waits out 429s and still delivers every digest exactly once", async () => {
    const readers = await newReaders(12);
    await fake.close();
    fake = await startFakeBotApi({ rateLimit: { perSecond: 4 } });
    // Twice too fast for the limit, so Telegram (the fake) pushes back.
    const summary = await runPass(engine({ rate: 8 }), readers.map((r) => r.chatId));
    expect(summary).toMatchObject({ sent: 12, failed: 0 });
    expect(fake.rateLimited.length).toBeGreaterThan(0);
    for (const reader of readers) expect(fake.sent(reader.chatId)).toHaveLength(1);
  });

  it("retries 5xx with backoff, and gives up after the attempts with the error stored", async () => {
    const [lucky, unlucky] = await newReaders(2);
    fake.failNext("sendMessage", 2, 502);
    expect(await runPass(engine({ maxAttempts: 4 }), [lucky!.chatId])).toMatchObject({ sent: 1 });
    expect(fake.sent(lucky!.chatId)).toHaveLength(1);

    fake.failNext("sendMessage", 10, 500);
    expect(await runPass(engine({ maxAttempts: 3 }), [unlucky!.chatId])).toMatchObject({ failed: 1 });
    expect(fake.calls.filter((c) => c.payload.chat_id === unlucky!.chatId)).toHaveLength(3);
    const row = await rowOf(unlucky!);
    expect(row).toMatchObject({ status: "failed", partsSent: 0 });
    expect(row!.error).toMatch(/500/);
    // Failed for good today: not retried until tomorrow's digest.
    expect((await findDue(repos, new Date(), { ignoreTime: true })).some((d) => d.subscriber.id === unlucky!.id)).toBe(false);
  });

  it("sends nothing when nothing is new, or a short note with DIGEST_SEND_EMPTY", async () => {
    const [quiet, noted] = await newReaders(2, { topics: ["economy"], language: "ru" });
    expect(await runPass(engine(), [quiet!.chatId])).toMatchObject({ empty: 1, sent: 0 });
    expect(fake.sent(quiet!.chatId)).toHaveLength(0);
    expect(await rowOf(quiet!)).toMatchObject({ status: "empty", articleCount: 0 });

    expect(await runPass(engine({ sendEmpty: true }), [noted!.chatId])).toMatchObject({ empty: 1 });
    const sent = fake.sent(noted!.chatId);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.text)).toContain("ничего нового");
    expect(await rowOf(noted!)).toMatchObject({ status: "empty", partsSent: 1 });
  });

  it("resumes a dead run's digest from the first unsent part, with the stored text", async () => {
    const [reader] = await newReaders(1);
    const localDate = today(reader!);
    await database.db.insert(digestDeliveries).values({
      subscriberId: reader!.id,
      localDate,
      status: "claimed",
      claimedBy: "dead-worker",
      leaseUntil: new Date(Date.now() - 1000),
      attempts: 1,
      messages: ["<b>part one</b>", "<b>part two</b>", "<b>part three</b>"],
      partsSent: 1,
      messageIds: [1],
      articleCount: 3,
      cutoff: new Date(Date.now() - 60_000),
    });
    expect(await runPass(engine(), [reader!.chatId])).toMatchObject({ sent: 1 });
    expect(fake.sent(reader!.chatId).map((p) => p.text)).toEqual(["<b>part two</b>", "<b>part three</b>"]);
    const row = await rowOf(reader!);
    expect(row).toMatchObject({ status: "sent", partsSent: 3, attempts: 2 });
    expect(row!.messageIds).toHaveLength(3);
  });

  it("waits for a live lease to run out before taking the row over", async () => {
    const [reader] = await newReaders(1);
    await database.db.insert(digestDeliveries).values({
      subscriberId: reader!.id,
      localDate: today(reader!),
      status: "claimed",
      claimedBy: "stalled-worker",
      leaseUntil: new Date(Date.now() + 1500),
      attempts: 1,
      messages: ["<b>only part</b>"],
      articleCount: 1,
    });
    expect(await runPass(engine(), [reader!.chatId])).toMatchObject({ sent: 1 });
    expect(fake.sent(reader!.chatId).map((p) => p.text)).toEqual(["<b>only part</b>"]);
    const [row] = await database.db
      .select()
      .from(digestDeliveries)
      .where(and(eq(digestDeliveries.subscriberId, reader!.id)));
    expect(row!.claimedBy).not.toBe("stalled-worker");
  });
});
