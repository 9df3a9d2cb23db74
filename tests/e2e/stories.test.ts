import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createNewsQueries } from "../../src/news/queries.js";
import { articles } from "../../src/db/schema.js";
import { seedSubscribers } from "../digest/seed.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { runCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

/**
 * Real processes: `vestnik ingest` reads three channels' feeds in which several posts report one
 * event; each event becomes a story; then `vestnik digest --now` (through the fake Bot API) and
 * a search show each story once, naming the other channels. The stories are the ones ingest
 * assigned: nothing is written between the two steps but the reader.
 */

const CHAT = 880_001;
const MIN = 60_000;
let dir: string;
let dataDir: string;
let server: TestDatabase | undefined;
let store: Record<string, string>;
let fake: FakeBotApi | undefined;

interface Post {
  channel: string;
  slug: string;
  minutesAgo: number;
  text: string;
  /** Which event the post reports. */
  event: "martial-law" | "won" | "other";
}

const POSTS: Post[] = [
  { channel: "Сеул Сегодня", slug: "seoul", minutesAgo: 90, event: "martial-law", text: "⚡️ Президент Южной Кореи Юн Сок Ёль объявил в стране военное положение, передаёт агентство Рёнхап" },
  { channel: "Азия Экспресс", slug: "asia", minutesAgo: 80, event: "martial-law", text: "Президент Южной Кореи объявил военное положение: Юн Сок Ёль выступил с экстренным обращением к нации." },
  { channel: "Мировые новости", slug: "world", minutesAgo: 75, event: "martial-law", text: "Юн Сок Ёль объявил в Южной Корее военное положение, сообщает Yonhap." },
  { channel: "Азия Экспресс", slug: "asia", minutesAgo: 60, event: "won", text: "Южнокорейская вона упала до минимума за два года после объявления военного положения." },
  { channel: "Мировые новости", slug: "world", minutesAgo: 55, event: "won", text: "Курс южнокорейской воны упал до двухлетнего минимума после введения военного положения." },
  { channel: "Сеул Сегодня", slug: "seoul", minutesAgo: 30, event: "other", text: "В Пусане открылся международный кинофестиваль, показы продлятся неделю." },
];

function rss(channel: string, slug: string, posts: Post[], now: number): string {
  const items = posts
    .map(
      (p, i) => `  <item>
    <link>https://${slug}.example/posts/${p.minutesAgo}-${i}</link>
    <guid>${slug}-${p.minutesAgo}-${i}</guid>
    <pubDate>${new Date(now - p.minutesAgo * MIN).toUTCString()}</pubDate>
    <description>${p.text}</description>
  </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${channel}</title><link>https://${slug}.example/</link><language>ru</language>
${items}
</channel></rss>`;
}

const urlOf = (post: Post) => {
  const same = POSTS.filter((p) => p.slug === post.slug);
  return `https://${post.slug}.example/posts/${post.minutesAgo}-${same.indexOf(post)}`;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vestnik-stories-feeds-"));
  dataDir = mkdtempSync(join(tmpdir(), "vestnik-stories-"));
  const now = Date.now();
  for (const slug of new Set(POSTS.map((p) => p.slug))) {
    const posts = POSTS.filter((p) => p.slug === slug);
    writeFileSync(join(dir, `${slug}.rss`), rss(posts[0]!.channel, slug, posts, now));
  }
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    store = { DATABASE_URL: server.url ?? "" };
  } else {
    store = { DATA_DIR: dataDir };
  }
});

afterAll(async () => {
  await fake?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe("stories from channel feeds", () => {
  it("ingest, then a digest and a search show each event once with the other channels", { timeout: 240_000 }, async () => {
    const ingest = await runCli(["ingest", dir], store);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/ingest: 6 new, 0 already known, 0 failed/);

    // Between CLI runs the store is free (PGlite allows one process at a time).
    const database = store.DATABASE_URL ? await openDatabase({ url: store.DATABASE_URL }) : await openDatabase({ dataDir });
    try {
      for (const event of ["martial-law", "won", "other"] as const) {
        const urls = POSTS.filter((p) => p.event === event).map(urlOf);
        const rows = await database.db.select({ storyId: articles.storyId }).from(articles).where(inArray(articles.url, urls));
        expect(rows).toHaveLength(urls.length);
        // One story per event, assigned by ingest.
        expect(new Set(rows.map((r) => r.storyId)).size).toBe(1);
        expect(rows[0]!.storyId).not.toBeNull();
      }
      await seedSubscribers(database.db, [{ chatId: CHAT, language: "ru" }]);
    } finally {
      await database.close();
    }

    fake = await startFakeBotApi();
    const digest = await runCli(["digest", "--now"], { ...store, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
    expect(digest.code, digest.stderr).toBe(0);
    const sent = fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && Number(c.payload.chat_id) === CHAT);
    const text = sent.map((c) => String(c.payload.text)).join("\n");
    const links = [...text.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]!);
    // Three events, three lines: each story linked once, by its first report.
    expect(links).toHaveLength(3);
    expect(links).toEqual(expect.arrayContaining([urlOf(POSTS[0]!), urlOf(POSTS[3]!), urlOf(POSTS[5]!)]));
    expect(text).toContain("<i>Сеул Сегодня · +2 источника: Азия Экспресс, Мировые новости</i>");
    expect(text).toContain("<i>Азия Экспресс · +1 источник: Мировые новости</i>");
    // The biggest story leads.
    expect(links[0]).toBe(urlOf(POSTS[0]!));

    // `vestnik chat` keeps a console store of its own, so the search runs on the real store here.
    const again = store.DATABASE_URL ? await openDatabase({ url: store.DATABASE_URL }) : await openDatabase({ dataDir });
    try {
      const page = await createNewsQueries(createRepositories(again.db)).search("военное положение", 10);
      const found = page.items.map((item) => item.url);
      // Both the martial-law story and the won story mention martial law: two stories, each once.
      expect(found).toHaveLength(2);
      expect(new Set(found).size).toBe(2);
      const biggest = page.items.find((item) => item.otherCount === 2);
      expect(biggest?.others).toEqual(expect.arrayContaining(["Сеул Сегодня", "Азия Экспресс"]));
    } finally {
      await again.close();
    }
  });
});
