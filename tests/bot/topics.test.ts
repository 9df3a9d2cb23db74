import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createIngestor } from "../../src/news/ingest.js";
import { createNewsQueries } from "../../src/news/queries.js";
import type { ParsedItem } from "../../src/news/types.js";
import { createTopicService } from "../../src/topics/service.js";
import { applyTopicsFile, loadTopics } from "../../src/topics/topics-file.js";
import { MAX_SLUG_LENGTH, MAX_TOPICS } from "../../src/topics/types.js";
import { buttonData, callback, createBotHarness, message, sentText, type BotHarness } from "../helpers/bot-harness.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let harness: BotHarness;

const base = Date.parse("2026-11-20T09:00:00Z");
const item = (n: number, title: string, text: string): ParsedItem => ({
  title,
  url: `https://wire.example/${n}`,
  summary: text,
  body: text,
  publishedAt: new Date(base - n * 3_600_000),
  categories: [],
});

const CENTRAL_ASIA = [
  "Токаев провёл переговоры с Мирзиёевым в Ташкенте",
  "В Бишкеке выросли цены на бензин",
  "Kazakhstan raises its oil output forecast",
];

beforeAll(async () => {
  database = await createTestDatabase();
  const repos = createRepositories(database.db);
  const topics = createTopicService({ topics: loadTopics({}), repos });
  await createIngestor({ repos, tagger: topics.tagger }).ingestDocument(
    {
      kind: "rss",
      title: "Wire",
      items: [
        item(1, CENTRAL_ASIA[0] ?? "", "Президенты Казахстана и Узбекистана обсудили торговлю и транзит."),
        item(2, "В Астраханской области прошёл фестиваль", "Фестиваль арбузов собрал гостей со всей России."),
        item(3, CENTRAL_ASIA[1] ?? "", "Стоимость топлива в столице Кыргызстана поднялась на два сома."),
        item(4, "Казань примет турнир по борьбе", "Соревнования пройдут в столице Татарстана."),
        item(5, CENTRAL_ASIA[2] ?? "", "The Kazakh energy ministry expects higher production at Tengiz."),
      ],
    },
    { key: "https://wire.example/feed", fallbackTitle: "Wire", kind: "file" },
  );
  harness = createBotHarness({ news: createNewsQueries(repos), topics });
});

afterAll(async () => database.close());

const titles = (html: string) => [...html.matchAll(/<a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]);

describe("/topic", () => {
  it.each(["Central Asia", "Центральная Азия", "central-asia", "центральная азия", "ЦЕНТРАЛЬНАЯ АЗИЯ"])(
    "resolves %j to Central Asia news only, newest first",
    async (name) => {
      const text = sentText(await harness.handleUpdate(message(`/topic ${name}`, { languageCode: "ru" })));
      expect(text.startsWith("<b>Центральная Азия: свежие новости</b>")).toBe(true);
      expect(titles(text)).toEqual(CENTRAL_ASIA);
    },
  );

  it("falls back to full-text search for a name that is no topic, and says so", async () => {
    const text = sentText(await harness.handleUpdate(message("/topic Бишкек")));
    expect(text).toMatch(/^<b>There is no topic “Бишкек”<\/b>/);
    expect(titles(text)).toEqual(["В Бишкеке выросли цены на бензин"]);
  });

  it("offers the topic buttons when nothing matches at all", async () => {
    const calls = await harness.handleUpdate(message("/topic zz < 3 & qq"));
    expect(sentText(calls)).toMatch(/There is no topic “zz &lt; 3 &amp; qq”/);
    expect(buttonData(calls[0])).toContain("tp1:central-asia");
  });

  it("says so when a topic has no news yet", async () => {
    const text = sentText(await harness.handleUpdate(message("/topic technology")));
    expect(text).toMatch(/^No news on “Technology/i);
  });
});

describe("/topics and its buttons", () => {
  it("shows every topic as a button with valid callback data", async () => {
    const calls = await harness.handleUpdate(message("/topics"));
    const data = buttonData(calls[0]);
    expect(data.length).toBeGreaterThanOrEqual(12);
    expect(data).toEqual(expect.arrayContaining(["tp1:central-asia", "tp1:caucasus", "tp1:energy"]));
    expect(await harness.handleUpdate(message("/topic"))).toHaveLength(1);
  });

  it("opens a topic on press and pages to older articles", async () => {
    const opened = await harness.handleUpdate(callback("tp1:central-asia"));
    expect(opened.map((c) => c.method).sort()).toEqual(["answerCallbackQuery", "sendMessage"]);

    const small = createTopicService({ topics: loadTopics({}), repos: createRepositories(database.db) });
    const first = await small.latest("central-asia", 2);
    expect(first.next).toBeDefined();
    const cursor = first.next ?? { publishedAt: new Date(), id: 1 };
    const older = await harness.handleUpdate(
      callback(`t1:central-asia:${cursor.publishedAt.getTime().toString(36)}:${cursor.id.toString(36)}`, { messageId: 7 }),
    );
    const edit = older.find((c) => c.method === "editMessageText");
    expect(titles(String(edit?.payload.text))).toEqual([CENTRAL_ASIA[2]]);
  });

  it("answers forged or stale topic buttons politely", async () => {
    for (const data of ["tp1:no-such-topic", "t1:central-asia:zz:0", "t1:central-asia:1:1:1", "tp1:Central Asia"]) {
      const calls = await harness.handleUpdate(callback(data));
      expect(calls.map((c) => c.method), data).toEqual(["answerCallbackQuery"]);
    }
  });
});

describe("the largest catalog a topics file allows", () => {
  it("fits /topics in one message Telegram accepts, every button with its own topic", async () => {
    const extra = Array.from({ length: MAX_TOPICS - loadTopics({}).length }, (_, i) => ({
      slug: `${"x".repeat(MAX_SLUG_LENGTH - 3)}-${i.toString(36)}`.slice(0, MAX_SLUG_LENGTH),
      names: { ru: `Длинное название темы номер ${i}`, en: `A rather long topic name, number ${i}` },
      terms: [{ match: [`слово${i}`], weight: 3 }],
    }));
    const catalog = applyTopicsFile(JSON.stringify(extra), "big.json");
    expect(catalog).toHaveLength(MAX_TOPICS);
    const big = createBotHarness({
      news: createNewsQueries(createRepositories(database.db)),
      topics: createTopicService({ topics: catalog, repos: createRepositories(database.db) }),
    });
    // The harness checks every call as Telegram would (at most 100 buttons, callback data ≤ 64 bytes).
    const calls = await big.handleUpdate(message("/topics"));
    expect(calls.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(new Set(buttonData(calls[0]))).toEqual(new Set(catalog.map((t) => `tp1:${t.slug}`)));
    const opened = await big.handleUpdate(callback(`tp1:${extra[0]!.slug}`));
    expect(opened.map((c) => c.method)).toContain("answerCallbackQuery");
  });
});
