import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { articles, articleTopics } from "../../src/db/schema.js";
import { createDigestBuilder } from "../../src/digest/build.js";
import { createIngestor } from "../../src/news/ingest.js";
import type { ParsedItem } from "../../src/news/types.js";
import { createTopicService } from "../../src/topics/service.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

// Each post names Russia, but is about something else: a digest files it under what it is about.
const NOW = new Date("2026-11-20T09:00:00Z");
const POSTS = [
  "Курс доллара на Мосбирже поднялся выше 105 рублей впервые с марта 2022 года, сообщает ЦБ России",
  "ПВО сбила над Брянской областью 12 беспилотников ВСУ, сообщило Минобороны России",
];
const item = (n: number, text: string): ParsedItem => ({
  title: "",
  url: `https://t.me/wire/${n}`,
  summary: text,
  body: text,
  publishedAt: new Date(NOW.getTime() - n * 600_000),
  categories: [],
});

let database: TestDatabase;
let repos: Repositories;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  const topics = createTopicService({ topics: BUILTIN_TOPICS, repos });
  await createIngestor({ repos, tagger: topics.tagger }).ingestDocument(
    { kind: "json", title: "Wire", items: POSTS.map((text, i) => item(i + 1, text)) },
    { key: "https://t.me/wire", fallbackTitle: "Wire", kind: "file" },
  );
});

afterAll(async () => database.close());

async function sections(topics: string[]): Promise<string[]> {
  const builder = createDigestBuilder({ repos, topics: [...BUILTIN_TOPICS], size: 10 });
  const built = await builder.build({ subscriber: { topics, timeZone: "Europe/Moscow", lastDigestAt: null }, locale: "ru", now: NOW });
  // Section titles are bold lines of their own; the first bold line is the dated header.
  return [...built.messages.join("\n").matchAll(/^<b>([^<]+)<\/b>$/gmu)].map((m) => m[1]!).slice(1);
}

describe("digest sections by an article's main topic", () => {
  it("stores each article's topics ranked, its strongest first", async () => {
    const rows = await database.db
      .select({ topic: articleTopics.topic, rank: articleTopics.rank })
      .from(articleTopics)
      .innerJoin(articles, eq(articles.id, articleTopics.articleId))
      .where(eq(articles.url, "https://t.me/wire/1"))
      .orderBy(articleTopics.rank);
    expect(rows).toEqual([{ topic: "economy", rank: 0 }, { topic: "russia", rank: 1 }]);
  });

  it("files a rate report under Economy and an air-defence report under Security, not both under Russia", async () => {
    expect(await sections([])).toEqual(["Экономика", "Безопасность и оборона"]);
    // Among a reader's own topics the strongest one decides.
    expect(await sections(["russia", "security"])).toEqual(["Безопасность и оборона", "Россия"]);
  });

  it("falls back to taxonomy order for topics tagged before ranks were kept, and a retag ranks them", async () => {
    await database.db.execute(sql`update article_topics set rank = null`);
    expect(await sections([])).toEqual(["Россия"]);
    await createTopicService({ topics: BUILTIN_TOPICS, repos }).retag();
    expect(await sections([])).toEqual(["Экономика", "Безопасность и оборона"]);
  });
});
