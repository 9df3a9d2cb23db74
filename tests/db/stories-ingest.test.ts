import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createIngestor, type Ingestor } from "../../src/news/ingest.js";
import { parseDocument } from "../../src/news/parse-document.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

// Telegram channels as JSON Feed files: titleless posts, the way the corpus and real exports look.
function channel(name: string, posts: { id: number; at: string; html: string }[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: name,
      items: posts.map((p) => ({ id: `https://t.me/c/${name}/${p.id}`, url: `https://t.me/c/${name}/${p.id}`, content_html: p.html, date_published: p.at })),
    }),
  );
}

const DECLARED = "Президент Южной Кореи объявил о введении военного положения";

const agency = channel("agency", [
  { id: 1, at: "2024-12-03T13:40:00Z", html: `<p>${DECLARED}, передает агентство Рёнхап.</p>` },
  { id: 2, at: "2024-12-03T14:05:00Z", html: "<p>Стрельба в центре Москвы: неизвестный открыл огонь возле «Кофемании» на Большой Никитской, ранен один человек.</p>" },
  { id: 3, at: "2024-12-03T16:02:00Z", html: "<p>❗️Парламент Южной Кореи проголосовал за отмену военного положения, сообщает его спикер.</p>" },
]);
const flash = channel("flash", [
  { id: 10, at: "2024-12-03T13:42:00Z", html: `<p>⚡️<b>${DECLARED}</b>, — агентство Yonhap.<br><br><a href="https://t.me/+x">👉 Топор Live. Подписаться</a></p>` },
  { id: 11, at: "2024-12-03T14:20:00Z", html: "<p>Стрельба в центре Москвы — неизвестный открыл огонь возле Кофемании на Большой Никитской. Ранен один человек.</p>" },
]);
const late = channel("late", [
  { id: 20, at: "2024-12-03T14:27:00Z", html: "<p>❗️Президент Южной Кореи объявил военное положение в стране. Во время телеобращения Юн Сок Ёль назвал эту меру необходимой.</p>" },
]);

let database: TestDatabase;
let repos: Repositories;
let ingestor: Ingestor;

async function ingest(name: string, bytes: Buffer) {
  const doc = parseDocument(bytes, { contentType: "application/feed+json", defaultTimeZone: "UTC" });
  return ingestor.ingestDocument(doc, { key: `file:${name}`, fallbackTitle: name, kind: "file" });
}

interface Row {
  url: string;
  title: string;
  story_id: number | string | null;
}

async function articles(): Promise<Map<string, Row>> {
  const result = await database.db.execute(sql`select url, title, story_id from articles order by id`);
  const rows = (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
  return new Map(rows.map((r) => [r.url.replace(/^https:\/\/t\.me\/c\//, ""), r]));
}

async function story(id: number | string | null) {
  const result = await database.db.execute(
    sql`select headline, article_count, source_count, first_article_id, first_published_at, last_published_at from stories where id = ${Number(id)}`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];
  return rows[0];
}

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  ingestor = createIngestor({ repos, tagger: { rank: () => [] } });
});

afterAll(async () => database.close());

describe("ingest stores stories", () => {
  it("gives reports of one event from several channels one story, and different events their own", async () => {
    const first = await ingest("agency", agency);
    expect(first.added).toBe(3);
    expect([...first.stories.values()].every((s) => s.isNew)).toBe(true);
    const second = await ingest("flash", flash);
    expect(second.added).toBe(2);
    expect([...second.stories.values()].some((s) => s.isNew)).toBe(false);

    const rows = await articles();
    expect([...rows.values()].every((r) => r.story_id !== null)).toBe(true);
    const declared = rows.get("agency/1")!.story_id;
    expect(rows.get("flash/10")!.story_id).toBe(declared);
    expect(rows.get("flash/11")!.story_id).toBe(rows.get("agency/2")!.story_id);
    expect(rows.get("agency/2")!.story_id).not.toBe(declared);
    expect(rows.get("agency/3")!.story_id).not.toBe(declared);
    // The titleless post got a clean headline: no marker, no promo.
    expect(rows.get("flash/10")!.title).toBe(`${DECLARED}, — агентство Yonhap`);
  });

  it("keeps the story row up to date: size, outlets, earliest report as the headline, latest update", async () => {
    const rows = await articles();
    const before = await story(rows.get("agency/1")!.story_id);
    expect(before).toMatchObject({ article_count: 2, source_count: 2, headline: rows.get("agency/1")!.title });

    // A third channel's report arrives in a later document: found through the stored story keys.
    const third = await ingest("late", late);
    const [outcome] = [...third.stories.values()];
    expect(outcome).toEqual({ storyId: Number(rows.get("agency/1")!.story_id), isNew: false });
    const after = await story(rows.get("agency/1")!.story_id);
    expect(after).toMatchObject({ article_count: 3, source_count: 3, headline: rows.get("agency/1")!.title });
    expect(Number(after!.first_article_id)).toBeGreaterThan(0);
    expect(new Date(after!.first_published_at as string).toISOString()).toBe("2024-12-03T13:40:00.000Z");
    expect(new Date(after!.last_published_at as string).toISOString()).toBe("2024-12-03T14:27:00.000Z");
  });

  it("adds nothing when a document is ingested again", async () => {
    const rows = await articles();
    const again = await ingest("flash", flash);
    expect(again.added).toBe(0);
    expect(again.stories.size).toBe(0);
    expect(await story(rows.get("agency/1")!.story_id)).toMatchObject({ article_count: 3, source_count: 3 });
  });
});
