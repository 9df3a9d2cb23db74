import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;
const defaults = { timeZone: "Asia/Bishkek", digestMinute: 8 * 60 };

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
});
afterAll(async () => database.close());

describe("subscriber repository", () => {
  it("creates a reader once with the defaults, unsubscribed", async () => {
    const first = await repos.subscribers.ensure(100, defaults);
    const again = await repos.subscribers.ensure(100, { timeZone: "UTC", digestMinute: 0 });
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ chatId: 100, timeZone: "Asia/Bishkek", digestMinute: 480, topics: [], subscribed: false });
  });

  it("updates choices and lists only subscribed, unblocked readers", async () => {
    await repos.subscribers.update(201, defaults, { subscribed: true, topics: ["central-asia", "energy"] });
    await repos.subscribers.update(202, defaults, { subscribed: true });
    await repos.subscribers.update(203, defaults, { subscribed: false });
    await repos.subscribers.markBlocked(202, "403: Forbidden: bot was blocked by the user");
    const active = (await repos.subscribers.listActive()).map((s) => s.chatId);
    expect(active).toEqual([201]);
    expect((await repos.subscribers.find(201))?.topics).toEqual(["central-asia", "energy"]);
    const blocked = await repos.subscribers.find(202);
    expect(blocked?.blockedReason).toMatch(/blocked by the user/);
    expect(blocked?.blockedAt).toBeInstanceOf(Date);
  });

  it("reactivates a blocked reader, keeping their choices", async () => {
    await repos.subscribers.reactivate(202);
    const back = await repos.subscribers.find(202);
    expect(back?.blockedAt).toBeNull();
    expect(back?.subscribed).toBe(true);
    expect((await repos.subscribers.listActive()).map((s) => s.chatId)).toEqual([201, 202]);
  });

  it("holds 64-bit chat ids of groups and channels", async () => {
    const group = await repos.subscribers.ensure(-1001234567890, defaults);
    expect(group.chatId).toBe(-1001234567890);
  });
});
