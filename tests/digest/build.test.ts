import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createDigestBuilder, digestSince } from "../../src/digest/build.js";
import { rankStories } from "../../src/digest/rank.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { seedArticles, seedSubscribers, TEST_TOPICS } from "./seed.js";

const NOW = new Date("2025-06-10T05:00:00Z");
let database: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  await seedArticles(database.db, NOW, [
    { title: "Fresh untagged", age: 10 },
    { title: "Energy only", age: 20, topics: ["energy"] },
    { title: "Energy and Central Asia", age: 300, topics: ["energy", "central-asia"] },
    { title: "Central Asia only", age: 30, topics: ["central-asia"] },
    { title: "Economy", age: 40, topics: ["economy"] },
    { title: "Too old", age: 25 * 60, topics: ["energy"] },
    { title: "From the future", age: -30, topics: ["energy"] },
  ]);
});

afterAll(async () => {
  await database.close();
});

const titles = (messages: string[]) => [...messages.join("\n").matchAll(/">([^<]+)<\/a>/g)].map((m) => m[1]);

describe("createDigestBuilder", () => {
  it("gives all-news readers the last 24 hours, newest first, nothing older or dated ahead", async () => {
    const [subscriber] = await seedSubscribers(database.db, [{ chatId: 1 }]);
    const builder = createDigestBuilder({ repos, topics: TEST_TOPICS, size: 10 });
    const digest = await builder.build({ subscriber: subscriber!, locale: "en", now: NOW });
    expect(digest.articleCount).toBe(5);
    expect(titles(digest.messages).sort()).toEqual(
      ["Fresh untagged", "Energy only", "Energy and Central Asia", "Central Asia only", "Economy"].sort(),
    );
    expect(digest.cutoff).toEqual(new Date(NOW.getTime() - 10 * 60_000));
  });

  it("ranks by how many of the reader's topics match, then recency, and keeps to the topics", async () => {
    const [subscriber] = await seedSubscribers(database.db, [{ chatId: 2, topics: ["energy", "central-asia"] }]);
    const candidates = await repos.digestArticles.candidates({ topics: subscriber!.topics, since: digestSince(subscriber!, NOW), until: NOW });
    const rows = await repos.digestArticles.describe(rankStories(candidates, NOW, 10), subscriber!.topics);
    expect(rows.map((r) => r.title)).toEqual(["Energy and Central Asia", "Energy only", "Central Asia only"]);
    expect(rows[0]!.topics).toEqual(["central-asia", "energy"]);
  });

  it("stops at the digest size, keeping the most relevant", async () => {
    const [subscriber] = await seedSubscribers(database.db, [{ chatId: 3, topics: ["energy", "central-asia"] }]);
    const builder = createDigestBuilder({ repos, topics: TEST_TOPICS, size: 2 });
    const digest = await builder.build({ subscriber: subscriber!, locale: "ru", now: NOW });
    expect(digest.articleCount).toBe(2);
    expect(titles(digest.messages)).toEqual(["Energy and Central Asia", "Energy only"]);
    // The cutoff is the newest article included, not the last in rank order.
    expect(digest.cutoff).toEqual(new Date(NOW.getTime() - 20 * 60_000));
    expect(digest.messages[0]).toContain("<b>Центральная Азия</b>");
  });

  it("starts after the previous digest's cutoff", async () => {
    const [subscriber] = await seedSubscribers(database.db, [{ chatId: 4, lastDigestAt: new Date(NOW.getTime() - 35 * 60_000) }]);
    const builder = createDigestBuilder({ repos, topics: TEST_TOPICS, size: 10 });
    const digest = await builder.build({ subscriber: subscriber!, locale: "en", now: NOW });
    expect(titles(digest.messages).sort()).toEqual(["Central Asia only", "Energy only", "Fresh untagged"]);
  });

  it("is empty when nothing is new, with a cutoff-free result", async () => {
    const [subscriber] = await seedSubscribers(database.db, [{ chatId: 5, topics: ["economy"], lastDigestAt: new Date(NOW.getTime() - 60_000) }]);
    const builder = createDigestBuilder({ repos, topics: TEST_TOPICS, size: 10 });
    expect(await builder.build({ subscriber: subscriber!, locale: "en", now: NOW })).toEqual({ messages: [], articleCount: 0 });
    expect(builder.empty({ subscriber: subscriber!, locale: "en", now: NOW })).toContain("Nothing new");
  });

  it("never reaches back more than a day, however long ago the last digest was", () => {
    const since = digestSince({ lastDigestAt: new Date(NOW.getTime() - 5 * 86_400_000) }, NOW);
    expect(since).toEqual(new Date(NOW.getTime() - 86_400_000));
  });
});
