import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { rowsOf } from "../../src/db/repositories/raw-rows.js";
import { collectDue, type DueReader } from "../../src/digest/due.js";
import { duePriority, ledgerCutoff } from "../../src/digest/jobs.js";
import { dueAfter, localClock, parseMinute } from "../../src/digest/schedule.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;
let nextChat = 7_000_000;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
});

afterAll(async () => {
  await database.close();
});

const at = (iso: string) => new Date(iso);
const hm = (text: string) => parseMinute(text)!;
const HOLD = 15 * 60_000;

/** A subscribed reader whose next_due_at is set as the test says (a row left by earlier ticks). */
async function reader(timeZone: string, time: string, nextDueAt: Date) {
  const chatId = nextChat++;
  const row = await repos.subscribers.update(chatId, { timeZone, digestMinute: hm(time) }, { subscribed: true });
  await repos.subscribers.reschedule([{ id: row.id, at: nextDueAt }]);
  mine.add(row.id);
  return row;
}

async function nextDueOf(id: number): Promise<Date> {
  return (await repos.subscribers.findById(id))!.nextDueAt;
}

const mine = new Set<number>();

/** Runs one tick at `now` and returns the readers of this test it handed on (the file shares one database). */
async function tick(now: Date, batchSize?: number): Promise<DueReader[]> {
  const out: DueReader[] = [];
  await collectDue(repos, now, { holdMs: HOLD, batchSize, onBatch: async (readers) => void out.push(...readers) });
  return out.filter((d) => mine.has(d.subscriberId));
}

/** Settles the reader's day as a delivery would, with the next due instant the deliverer computes. */
async function settle(subscriberId: number, localDate: string, nextDueAt: Date) {
  const claimed = await repos.deliveries.claim({
    subscriberId,
    localDate,
    worker: "w",
    leaseMs: 30_000,
    messages: ["x"],
    articleCount: 1,
    cutoff: null,
  });
  if (claimed.kind !== "claimed") throw new Error(`unexpected ${claimed.kind}`);
  expect(await repos.deliveries.finish(claimed.row.id, "w", { status: "sent", partsSent: 1, messageIds: [1], nextDueAt })).toBe(true);
}

describe("collectDue", () => {
  beforeEach(() => mine.clear());

  it("does nothing when nobody is due", async () => {
    const summary = await collectDue(repos, at("2000-01-01T00:00:00Z"), { holdMs: HOLD, onBatch: async () => expect.fail("nobody is due") });
    expect(summary).toEqual({ queued: 0, moved: 0 });
  });

  it("hands on only readers whose time has come in their zone, and moves the others to their exact instant", async () => {
    const now = at("2031-06-01T06:30:00Z"); // Tokyo 15:30, UTC 06:30, New York 02:30
    const tokyo = await reader("Asia/Tokyo", "09:00", at("2031-06-01T00:00:00Z"));
    const utc = await reader("UTC", "09:00", at("2031-06-01T00:00:00Z"));
    const newYork = await reader("America/New_York", "09:00", at("2031-06-01T00:00:00Z"));
    const later = await reader("UTC", "07:00", at("2031-06-01T07:00:00Z"));

    const due = await tick(now);
    expect(due.map((d) => [d.subscriberId, d.localDate])).toEqual([[tokyo.id, "2031-06-01"]]);
    expect(await nextDueOf(utc.id)).toEqual(at("2031-06-01T09:00:00Z"));
    expect(await nextDueOf(newYork.id)).toEqual(at("2031-06-01T13:00:00Z"));
    expect(await nextDueOf(later.id)).toEqual(at("2031-06-01T07:00:00Z"));
    // Taken readers are held while their job waits: the next tick does not queue them again.
    expect(await nextDueOf(tokyo.id)).toEqual(new Date(now.getTime() + HOLD));
    expect(await tick(new Date(now.getTime() + 60_000))).toEqual([]);

    // Delivered: due again at tomorrow's 09:00 in Tokyo.
    await settle(tokyo.id, "2031-06-01", at("2031-06-02T00:00:00Z"));
    expect(await nextDueOf(tokyo.id)).toEqual(at("2031-06-02T00:00:00Z"));
    const atSeven = await tick(at("2031-06-01T07:00:30Z"));
    expect(atSeven.map((d) => d.subscriberId)).toEqual([later.id]);
  });

  it("hands a due reader on again after the hold when their job was lost", async () => {
    const now = at("2032-01-10T12:00:00Z");
    const r = await reader("UTC", "10:00", at("2032-01-10T10:00:00Z"));
    expect((await tick(now)).map((d) => d.subscriberId)).toEqual([r.id]);
    expect(await tick(new Date(now.getTime() + HOLD - 1000))).toEqual([]);
    expect((await tick(new Date(now.getTime() + HOLD + 1000))).map((d) => d.subscriberId)).toEqual([r.id]);
  });

  it("crosses DST: a time in the spring gap is due at the first minute after it, a repeated time once", async () => {
    // New York skips 02:00–02:59 on 2033-03-13 and repeats 01:00–01:59 on 2033-11-06.
    const gap = await reader("America/New_York", "02:30", at("2033-03-12T07:30:00Z"));
    await settle(gap.id, "2033-03-12", dueAfter("2033-03-12", { timeZone: "America/New_York", digestMinute: hm("02:30") }));
    expect(await nextDueOf(gap.id)).toEqual(at("2033-03-13T07:00:00Z")); // 03:00 EDT
    expect(await tick(at("2033-03-13T06:59:00Z"))).toEqual([]);
    expect((await tick(at("2033-03-13T07:00:10Z"))).map((d) => [d.subscriberId, d.localDate])).toEqual([[gap.id, "2033-03-13"]]);

    const overlap = await reader("America/New_York", "01:30", at("2033-11-06T05:30:00Z")); // first 01:30, EDT
    const first = await tick(at("2033-11-06T05:31:00Z"));
    expect(first.map((d) => [d.subscriberId, d.localDate])).toEqual([[overlap.id, "2033-11-06"]]);
    await settle(overlap.id, "2033-11-06", at("2033-11-07T06:30:00Z"));
    // The second 01:30 (EST) comes and goes: the reader is not due again that day.
    expect(await tick(at("2033-11-06T06:31:00Z"))).toEqual([]);
  });

  it("after missed days serves only today's digest, or moves the reader to today's time if it is still ahead", async () => {
    const now = at("2034-02-20T12:00:00Z");
    const pastToday = await reader("Europe/Moscow", "09:00", at("2034-02-17T06:00:00Z"));
    const aheadToday = await reader("Europe/Moscow", "20:00", at("2034-02-17T17:00:00Z"));
    const due = await tick(now);
    expect(due.map((d) => [d.subscriberId, d.localDate])).toEqual([[pastToday.id, "2034-02-20"]]);
    expect(await nextDueOf(aheadToday.id)).toEqual(at("2034-02-20T17:00:00Z"));
  });

  it("makes a reader due in whole milliseconds, so a tick reading the clock right after takes them", async () => {
    // JavaScript clocks have no microseconds: 12:00:00.123456 is still ahead of a reading of 12:00:00.123.
    // (PGlite's clock has none either; Postgres' has, and made this flaky one run in six.)
    const row = await repos.subscribers.update(nextChat++, { timeZone: "UTC", digestMinute: 0 }, { subscribed: true });
    mine.add(row.id);
    const [stored] = rowsOf<{ micros: number }>(
      await database.db.execute(sql`select (extract(microseconds from next_due_at)::bigint % 1000)::int as micros from subscribers where id = ${row.id}`),
    );
    expect(stored?.micros).toBe(0);
    expect((await tick(new Date())).map((d) => d.subscriberId)).toContain(row.id);
  });

  it("looks again at a reader who changed time, zone or subscription, and moves one already served today on to tomorrow", async () => {
    const now = new Date();
    const zone = "UTC";
    const today = localClock(now, zone).date;
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000);
    const served = await reader(zone, "23:59", tomorrow);
    await settle(served.id, today, new Date(tomorrow.getTime() + hm("23:59") * 60_000));
    const waiting = await reader(zone, "23:59", new Date(tomorrow.getTime() + hm("23:59") * 60_000));

    // Both move their time to midnight, which has passed today.
    await repos.subscribers.update(served.chatId, { timeZone: zone, digestMinute: 0 }, { digestMinute: 0 });
    await repos.subscribers.update(waiting.chatId, { timeZone: zone, digestMinute: 0 }, { digestMinute: 0 });
    expect((await nextDueOf(served.id)).getTime()).toBeLessThanOrEqual(Date.now());
    const due = (await tick(new Date())).filter((d) => d.subscriberId === served.id || d.subscriberId === waiting.id);
    expect(due.map((d) => [d.subscriberId, d.localDate])).toEqual([[waiting.id, today]]);
    expect(await nextDueOf(served.id)).toEqual(tomorrow); // tomorrow 00:00 UTC

    // Unsubscribed readers leave the due index; coming back puts them on it again at once.
    await repos.subscribers.update(waiting.chatId, { timeZone: zone, digestMinute: 0 }, { subscribed: false });
    await repos.subscribers.reschedule([{ id: waiting.id, at: new Date(0) }]);
    expect((await tick(new Date())).some((d) => d.subscriberId === waiting.id)).toBe(false);
    await repos.subscribers.update(waiting.chatId, { timeZone: zone, digestMinute: 0 }, { subscribed: true });
    expect((await tick(new Date())).some((d) => d.subscriberId === waiting.id)).toBe(true);
  });

  it("serves the earliest due first across batches, and its priority orders the queue the same way", async () => {
    const now = at("2035-05-05T12:00:00Z");
    const late = await reader("UTC", "11:00", at("2035-05-05T11:00:00Z"));
    const early = await reader("UTC", "09:00", at("2035-05-05T09:00:00Z"));
    const middle = await reader("UTC", "10:00", at("2035-05-05T10:00:00Z"));
    const due = await tick(now, 2);
    expect(due.map((d) => d.subscriberId)).toEqual([early.id, middle.id, late.id]);
    const priorities = due.map((d) => duePriority(d.dueAt));
    expect(priorities[0]!).toBeGreaterThan(priorities[1]!);
    expect(priorities[1]!).toBeGreaterThan(priorities[2]!);
    expect(Number.isInteger(priorities[2]) && priorities[2]! < 2 ** 31).toBe(true);
  });
});

describe("ledger pruning", () => {
  it("deletes settled days older than the cutoff and keeps recent and claimed ones", async () => {
    const r = await reader("UTC", "09:00", at("2040-01-01T00:00:00Z"));
    for (const day of ["2026-01-01", "2026-01-02", "2026-03-01"]) await settle(r.id, day, at("2040-01-01T00:00:00Z"));
    await repos.deliveries.claim({ subscriberId: r.id, localDate: "2026-01-03", worker: "w", leaseMs: 1000, messages: ["x"], articleCount: 1, cutoff: null });
    expect(ledgerCutoff(at("2026-03-02T00:00:00Z"))).toBe("2026-01-31");
    expect(await repos.deliveries.prune("2026-01-31", 1)).toBe(1);
    expect(await repos.deliveries.prune("2026-01-31")).toBe(1);
    expect(await repos.deliveries.find(r.id, "2026-01-03")).toBeDefined();
    expect(await repos.deliveries.find(r.id, "2026-03-01")).toBeDefined();
    expect(await repos.deliveries.find(r.id, "2026-01-01")).toBeUndefined();
  });
});

describe("subscribers.findByIds (a delivery batch's readers in one read)", () => {
  it("returns each existing reader once, by id, and leaves out ids that have no row", async () => {
    const a = await reader("UTC", "08:00", at("2026-01-01T08:00:00Z"));
    const b = await reader("Asia/Tashkent", "09:30", at("2026-01-01T04:30:00Z"));
    const found = await repos.subscribers.findByIds([b.id, a.id, b.id, 999_999_999]);
    expect([...found.keys()].sort((x, y) => x - y)).toEqual([a.id, b.id].sort((x, y) => x - y));
    expect(found.get(b.id)).toMatchObject({ chatId: b.chatId, timeZone: "Asia/Tashkent", digestMinute: hm("09:30") });
    expect((await repos.subscribers.findByIds([])).size).toBe(0);
  });
});
