import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import type { StoredCore } from "../../src/db/repositories/stories.js";
import { createIngestor } from "../../src/news/ingest.js";
import type { ParsedDocument, ParsedItem } from "../../src/news/types.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
});

afterAll(async () => database.close());

describe("story assignment across the slices of one document", () => {
  it("lets a later slice of one document join a story an earlier slice created", async () => {
    // 450 reports: three slices of story assignment. Every fifth is the same event, so its reports
    // fall in every slice; the others are unrelated, each about its own invented place.
    const start = Date.parse("2025-04-10T06:00:00Z");
    const items: ParsedItem[] = Array.from({ length: 450 }, (_, i) => {
      const event = i % 5 === 0;
      const text = event
        ? `Землетрясение магнитудой 6,8 произошло у побережья Хоккайдо, сообщает метеоагентство Японии (сводка ${i}).`
        : `В посёлке Кызылжар${i} открыли школу номер ${i}, рассказал аким района Байтерекова${i}.`;
      return {
        title: event ? "Землетрясение магнитудой 6,8 у побережья Хоккайдо" : `Школа номер ${i} в посёлке Кызылжар${i}`,
        url: `https://slices.example/news/${i}`,
        guid: `slices-${i}`,
        summary: text,
        body: text,
        lang: "ru",
        publishedAt: new Date(start + i * 20_000),
        categories: [],
      };
    });
    const doc: ParsedDocument = { kind: "rss", title: "Slices", siteUrl: "https://slices.example/", lang: "ru", items };
    // The window grows as the document's slices move on: none of the cores it wrote is read back.
    const coresRead: number[] = [];
    const noting = (rows: StoredCore[]) => (coresRead.push(...rows.map((r) => r.id)), rows);
    const counting: Repositories = {
      ...repos,
      transaction: (work) =>
        repos.transaction((tx) =>
          work({
            ...tx,
            stories: {
              ...tx.stories,
              coresSeeded: async (from, to) => noting(await tx.stories.coresSeeded(from, to)),
              sync: async (after, from, ids) => {
                const changes = await tx.stories.sync(after, from, ids);
                noting(changes.cores);
                return changes;
              },
            },
          }),
        ),
    };
    const ingestor = createIngestor({ repos: counting, tagger: { rank: () => [] } });
    const counts = await ingestor.ingestDocument(doc, { key: "https://slices.example/rss", fallbackTitle: "Slices", kind: "feed" });
    expect(counts.added).toBe(450);
    expect(counts.stories.size).toBe(450);
    const written = new Set([...counts.stories.values()].map((o) => o.storyId));
    expect(coresRead.filter((id) => written.has(id))).toEqual([]);

    const rows = rowsOf<{ id: number | string; url: string; story_id: number | string | null }>(
      await database.db.execute(sql`select id, url, story_id from articles where url like 'https://slices.example/%'`),
    );
    const storyOf = new Map(rows.map((r) => [Number(r.url.split("/").at(-1)), r.story_id === null ? null : Number(r.story_id)]));
    const eventStories = new Set([...storyOf].filter(([i]) => i % 5 === 0).map(([, id]) => id));
    expect(eventStories.size).toBe(1);
    const [eventStory] = [...eventStories];
    expect(eventStory).not.toBeNull();
    // The earliest report started the story.
    const firstId = Number(rows.find((r) => r.url.endsWith("/0"))!.id);
    expect(counts.stories.get(firstId)).toEqual({ storyId: eventStory, isNew: true });
    // The row was refreshed from all 90 reports, and no unrelated report joined it.
    const [row] = rowsOf<{ article_count: number }>(await database.db.execute(sql`select article_count from stories where id = ${eventStory!}`));
    expect(row!.article_count).toBe(90);
    expect([...storyOf].filter(([i, id]) => i % 5 !== 0 && id === eventStory)).toEqual([]);
    // Every outcome the ingest reported is the story the article was stored with.
    for (const r of rows) expect(counts.stories.get(Number(r.id))?.storyId).toBe(Number(r.story_id));
  });
});
