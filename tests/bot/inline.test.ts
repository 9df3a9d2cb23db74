import { sql } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleResult, decodeInlineOffset, encodeInlineOffset, INLINE_PAGE_SIZE } from "../../src/bot/features/inline.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { articles } from "../../src/db/schema.js";
import { createIngestor } from "../../src/news/ingest.js";
import { createNewsQueries } from "../../src/news/queries.js";
import type { ParsedItem } from "../../src/news/types.js";
import { createTopicService } from "../../src/topics/service.js";
import { loadTopics } from "../../src/topics/topics-file.js";
import { createBotHarness, type ApiCall, type BotHarness } from "../helpers/bot-harness.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let harness: BotHarness;

const base = Date.parse("2026-11-20T09:00:00Z");
const NASTY = `Weather <script>alert("x")</script> & "storms" ahead`;
const FILLER = 44;

const item = (n: number, title: string, text: string): ParsedItem => ({
  title,
  url: `https://wire.example/${n}?a=1&b=2`,
  summary: text,
  body: text,
  publishedAt: new Date(base - n * 60_000),
  categories: [],
});

beforeAll(async () => {
  database = await createTestDatabase();
  const repos = createRepositories(database.db);
  const topics = createTopicService({ topics: loadTopics({}), repos });
  const items = [
    item(0, NASTY, "Forecasters expect rain & wind <b>tonight</b>."),
    item(1, "Токаев провёл переговоры с Мирзиёевым в Ташкенте", "Президенты Казахстана и Узбекистана обсудили торговлю и транзит."),
    item(2, "В Бишкеке выросли цены на бензин", "Стоимость топлива в столице Кыргызстана поднялась на два сома."),
    ...Array.from({ length: FILLER }, (_, i) => item(10 + i, `Городская хроника, выпуск ${i + 1}`, `Жители обсуждают ремонт дорог, номер ${i + 1}.`)),
  ];
  await createIngestor({ repos, tagger: topics.tagger }).ingestDocument(
    { kind: "rss", title: "Wire & <Co>", items },
    { key: "https://wire.example/feed", fallbackTitle: "Wire", kind: "file" },
  );
  harness = createBotHarness({ news: createNewsQueries(repos), topics });
});

afterAll(async () => database.close());

let updateId = 50_000;
function inlineQuery(query: string, offset = "", languageCode = "en"): Update {
  updateId += 1;
  return {
    update_id: updateId,
    inline_query: { id: `iq${updateId}`, from: { id: 42, is_bot: false, first_name: "Anna", language_code: languageCode }, query, offset },
  };
}

interface Answer {
  results: Array<{ id: string; type: string; title: string; description?: string; url?: string; input_message_content: { message_text: string; parse_mode: string } }>;
  next_offset?: string;
  cache_time?: number;
  is_personal?: boolean;
  button?: { text: string; start_parameter: string };
}

async function ask(query: string, offset = "", languageCode = "en"): Promise<Answer> {
  const calls: ApiCall[] = await harness.handleUpdate(inlineQuery(query, offset, languageCode));
  expect(calls.map((c) => c.method)).toEqual(["answerInlineQuery"]);
  const answer = calls[0]!.payload as unknown as Answer;
  // What Telegram checks: at most 50 results, ids of 1–64 bytes and unique, message texts that parse.
  expect(answer.results.length).toBeLessThanOrEqual(50);
  const ids = answer.results.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const result of answer.results) {
    expect(Buffer.byteLength(result.id)).toBeGreaterThan(0);
    expect(Buffer.byteLength(result.id)).toBeLessThanOrEqual(64);
    expect(result.input_message_content.parse_mode).toBe("HTML");
    const visible = parseTelegramHtml(result.input_message_content.message_text);
    expect(visible.length).toBeLessThanOrEqual(4096);
  }
  expect(Buffer.byteLength(answer.next_offset ?? "")).toBeLessThanOrEqual(64);
  return answer;
}

describe("inline mode", () => {
  it("answers an empty query with the latest news, paged through next_offset to the end, each story once", async () => {
    // The filler items are one template with a number: the story engine may fold look-alikes, so
    // the expected count is the number of stories the store holds, not of articles.
    const [row] = await database.db.select({ n: sql<number>`count(distinct coalesce(${articles.storyId}, -${articles.id}))::int` }).from(articles);
    const stories = row?.n ?? 0;
    expect(stories).toBeGreaterThan(INLINE_PAGE_SIZE);
    const seen: string[] = [];
    let offset = "";
    let pages = 0;
    do {
      const answer = await ask("", offset);
      expect(answer.results.length).toBeLessThanOrEqual(INLINE_PAGE_SIZE);
      expect(answer.is_personal).toBe(false);
      expect(answer.cache_time).toBeLessThanOrEqual(60);
      seen.push(...answer.results.map((r) => r.title));
      offset = answer.next_offset ?? "";
      pages += 1;
    } while (offset !== "" && pages < 10);
    expect(pages).toBe(Math.ceil(stories / INLINE_PAGE_SIZE));
    expect(seen).toHaveLength(stories);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen[0]).toBe(NASTY);
  });

  it("escapes titles, summaries, sources and links in the article message", async () => {
    const [first] = (await ask("")).results;
    const html = first?.input_message_content.message_text ?? "";
    expect(html).toContain(`<a href="https://wire.example/0?a=1&amp;b=2">Weather &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;storms&quot; ahead</a>`);
    expect(html).toContain("rain &amp; wind &lt;b&gt;tonight&lt;/b&gt;");
    expect(html).toContain("Wire &amp; &lt;Co&gt;");
    expect(first?.url).toBe("https://wire.example/0?a=1&b=2");
    // Plain-text fields are not HTML: Telegram shows them as they are.
    expect(first?.title).toBe(NASTY);
    expect(first?.description).toContain("Wire & <Co>");
  });

  it("does not repeat a titleless post's headline under itself: only what the summary adds", () => {
    const ctx = { locale: "ru" as const, timeZone: "Europe/Moscow", t: (key: string) => key };
    const post = (title: string, summary: string) =>
      articleResult({ id: 7, title, url: "https://t.me/c/1/7", summary, publishedAt: new Date(base), sourceTitle: "Канал" }, ctx);

    const lone = post("Медведев назвал президента изменником", "Медведев назвал президента изменником");
    const shown = parseTelegramHtml((lone.input_message_content as { message_text: string }).message_text);
    expect(shown.match(/изменником/g)).toHaveLength(1);
    expect(lone.description).not.toContain("Медведев");

    const more = post("Медведев назвал президента изменником", "Медведев назвал президента изменником. Он также потребовал отставки.");
    expect(more.description).toContain("Он также потребовал отставки.");
    expect(more.description).not.toContain("Медведев");

    // A headline cut at a word boundary: the summary goes on after the whole first sentence.
    const cut = post("Вопрос выдвижения дочери на выборы пока не…", "Вопрос выдвижения дочери на выборы пока не решён, сообщили в партии. Решение примут весной.");
    expect(cut.description).toContain("Решение примут весной.");
    expect(cut.description).not.toContain("решён");
  });

  it("gives a topic's newest articles for a topic name, in either language", async () => {
    for (const name of ["Central Asia", "центральная азия"]) {
      const answer = await ask(name);
      expect(answer.results.map((r) => r.title)).toEqual([
        "Токаев провёл переговоры с Мирзиёевым в Ташкенте",
        "В Бишкеке выросли цены на бензин",
      ]);
      expect(answer.next_offset).toBe("");
    }
  });

  it("searches the full text for anything else, and offers the bot when nothing matches", async () => {
    const found = await ask("ремонт дорог");
    expect(found.results).toHaveLength(INLINE_PAGE_SIZE);
    expect(found.results.every((r) => r.title.startsWith("Городская хроника"))).toBe(true);
    const rest = await ask("ремонт дорог", found.next_offset ?? "");
    const titles = [...found.results, ...rest.results].map((r) => r.title);
    expect(rest.results.length).toBeGreaterThan(0);
    expect(new Set(titles).size).toBe(titles.length);

    const none = await ask("квантовая телепортация");
    expect(none.results).toEqual([]);
    expect(none.next_offset).toBe("");
    expect(none.button?.start_parameter).toBe("inline");
    const ru = await ask("квантовая телепортация", "", "ru");
    expect(ru.button?.text).toMatch(/[а-яё]/i);
  });

  it("answers a forged or garbled offset with no results instead of failing", async () => {
    for (const offset of ["garbage", "1.0", "zzzzzzzzzzzzzzzzzzzz.1", "01.1", "x".repeat(64)]) {
      const answer = await ask("", offset);
      expect(answer.results).toEqual([]);
      expect(answer.next_offset).toBe("");
    }
  });

  it("round-trips offsets and accepts only what it writes", () => {
    const cursor = { publishedAt: new Date(base), id: 123_456 };
    const offset = encodeInlineOffset(cursor);
    expect(Buffer.byteLength(offset)).toBeLessThanOrEqual(64);
    expect(decodeInlineOffset(offset)).toEqual(cursor);
    expect(decodeInlineOffset(`${offset}0`)).not.toEqual(cursor);
    expect(decodeInlineOffset(`0${offset}`)).toBeUndefined();
    expect(decodeInlineOffset("")).toBeUndefined();
  });
});
