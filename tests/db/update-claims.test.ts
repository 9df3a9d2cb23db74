import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
}, 120_000);

afterAll(async () => {
  await database.close();
});

const body = (id: number) => ({ update_id: id, message: { message_id: id, date: 0, chat: { id: 5, type: "private" }, text: `/start ${id}` } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("webhook update claims", () => {
  it("a claimed update is a duplicate while its lease runs, and for good once done", async () => {
    expect(await repos.updates.claim(1, body(1), 60_000)).toBe(true);
    expect(await repos.updates.claim(1, body(1), 60_000)).toBe(false);
    await repos.updates.complete(1);
    expect(await repos.updates.claim(1, body(1), 60_000)).toBe(false);
    expect(await repos.updates.takeExpired(10, 60_000)).toEqual([]);
  });

  it("a redelivered update whose claim ran out before it was done is claimed again", async () => {
    expect(await repos.updates.claim(2, body(2), 150)).toBe(true);
    await sleep(400);
    expect(await repos.updates.claim(2, body(2), 60_000)).toBe(true);
    expect(await repos.updates.claim(2, body(2), 60_000)).toBe(false);
    await repos.updates.complete(2);
  });

  it("hands unfinished updates of a dead holder over with their bodies, once", async () => {
    for (const id of [12, 10, 11]) expect(await repos.updates.claim(id, body(id), 150)).toBe(true);
    await sleep(400);
    const taken = await repos.updates.takeExpired(2, 60_000);
    expect(taken).toEqual([
      { updateId: 10, payload: body(10) },
      { updateId: 11, payload: body(11) },
    ]);
    expect(await repos.updates.takeExpired(10, 60_000)).toEqual([{ updateId: 12, payload: body(12) }]);
    expect(await repos.updates.takeExpired(10, 60_000)).toEqual([]);
    for (const id of [10, 11, 12]) await repos.updates.complete(id);
  });

  it("a renewed claim is not taken over", async () => {
    expect(await repos.updates.claim(20, body(20), 1_500)).toBe(true);
    for (let i = 0; i < 4; i++) {
      await sleep(400);
      await repos.updates.extend([20], 1_500);
    }
    expect(await repos.updates.takeExpired(10, 60_000)).toEqual([]);
    expect(await repos.updates.claim(20, body(20), 60_000)).toBe(false);
  });
});
