import { describe, expect, it } from "vitest";
import { composeDigest, composeEmptyDigest, groupArticles, summaryAfterTitle, type DigestArticle } from "../../src/digest/compose.js";
import { createDigestTranslate } from "../../src/digest/texts.js";
import type { Topic } from "../../src/topics/types.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { MAX_MESSAGE_LENGTH } from "../../src/shared/telegram-html.js";

const t = createDigestTranslate();
const topic = (slug: string, ru: string, en: string): Topic => ({ slug, names: { ru, en }, aliases: [], lexicon: { terms: [] } });
const TOPICS = [topic("central-asia", "Центральная Азия", "Central Asia"), topic("energy", "Энергетика", "Energy"), topic("economy", "Экономика", "Economy")];
const NOW = new Date("2025-03-04T05:00:00Z"); // Tuesday; 08:00 in Moscow, 10:00 in Tashkent

let nextId = 1;
function article(over: Partial<DigestArticle> = {}): DigestArticle {
  const id = nextId++;
  return {
    id,
    title: `Article ${id}`,
    url: `https://news.example/${id}`,
    summary: `What happened in article ${id}.`,
    publishedAt: new Date(NOW.getTime() - id * 60_000),
    sourceTitle: "Example News",
    topics: [],
    ...over,
  };
}

const compose = (items: DigestArticle[], locale: "ru" | "en" = "en", maxLength?: number) =>
  composeDigest(items, { locale, timeZone: "Europe/Moscow", now: NOW, topics: TOPICS, t, maxLength });

describe("composeDigest", () => {
  it("escapes titles, sources, summaries and links, and stays valid Telegram HTML", () => {
    const [message] = compose([
      article({
        title: "«KMG & Partners» <обновлено>",
        sourceTitle: "Vlast & Co <kz>",
        summary: 'Deal worth > $1bn & "more"',
        url: "https://news.example/a?b=1&c=<2>",
      }),
    ]);
    expect(message).toContain("«KMG &amp; Partners» &lt;обновлено&gt;");
    expect(message).toContain("Vlast &amp; Co &lt;kz&gt;");
    expect(message).toContain("Deal worth &gt; $1bn &amp; &quot;more&quot;");
    expect(message).toContain('href="https://news.example/a?b=1&amp;c=&lt;2&gt;"');
    const text = parseTelegramHtml(message!);
    expect(text).toContain("«KMG & Partners» <обновлено>");
  });

  it("puts a dated header in the reader's language and time zone", () => {
    expect(compose([article()], "ru")[0]).toMatch(/^<b>Ваша сводка новостей · вторник, 4 марта<\/b>\n/);
    expect(compose([article()], "en")[0]).toMatch(/^<b>Your news digest · Tuesday,? 4 March<\/b>\n/);
    // 23:30 UTC on the 3rd is already the 4th in Tashkent.
    const late = composeDigest([article()], { locale: "en", timeZone: "Asia/Tashkent", now: new Date("2025-03-03T23:30:00Z"), topics: TOPICS, t });
    expect(late[0]).toMatch(/Tuesday,? 4 March/);
  });

  it("groups by topic in the order of each group's best article, untagged news last", () => {
    const items = [
      article({ title: "Oil up", topics: ["energy"] }),
      article({ title: "Elections", topics: [] }),
      article({ title: "Pipeline to China", topics: ["energy", "central-asia"] }),
      article({ title: "Gas deal", topics: ["energy"] }),
    ];
    const groups = groupArticles(items, TOPICS);
    expect(groups.map((g) => [g.slug, g.items.map((i) => i.title)])).toEqual([
      ["energy", ["Oil up", "Gas deal"]],
      // An article of several topics goes once, under the first in taxonomy order.
      ["central-asia", ["Pipeline to China"]],
      [null, ["Elections"]],
    ]);
    const [message] = compose(items, "ru");
    const order = ["<b>Энергетика</b>", "Oil up", "Gas deal", "<b>Центральная Азия</b>", "Pipeline to China", "<b>Другие новости</b>", "Elections"];
    const positions = order.map((s) => message!.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("files an article under its main topic when it is known, else the first in taxonomy order", () => {
    const items = [
      // A rate report that names Central Asia is economy news.
      article({ title: "Tenge falls", topics: ["central-asia", "economy"], mainTopic: "economy" }),
      // Tagged before topics were ranked: no main topic.
      article({ title: "Old pipeline news", topics: ["energy", "central-asia"] }),
      // A main topic the taxonomy no longer has (TOPICS_FILE changed) falls back as well.
      article({ title: "Retired topic", topics: ["energy", "gone"], mainTopic: "gone" }),
    ];
    expect(groupArticles(items, TOPICS).map((g) => [g.slug, g.items.map((i) => i.title)])).toEqual([
      ["economy", ["Tenge falls"]],
      ["central-asia", ["Old pipeline news"]],
      ["energy", ["Retired topic"]],
    ]);
  });

  it("gives each item its linked title, source and a one-line summary", () => {
    const [message] = compose([article({ title: "Title", summary: "Line one.\n\nLine  two.", sourceTitle: "Akipress" })]);
    expect(message).toContain('• <a href="https://news.example/');
    expect(message).toContain(">Title</a> — <i>Akipress</i>\nLine one. Line two.");
  });

  it("keeps only the first sentence of a long summary, when it says enough on its own", () => {
    const summary =
      "Бишкек увеличит сброс из Токтогульского водохранилища летом. Ташкент зимой поставит соседям электроэнергию. Соглашение подписали в Оше.";
    const [message] = compose([article({ title: "Вода", summary })]);
    expect(message).toMatch(/\nБишкек увеличит сброс из Токтогульского водохранилища летом\.$/);
    expect(message).not.toContain("Ташкент");
    // Too short to stand alone ("Line one."), so the line goes on.
    const [short] = compose([article({ title: "T", summary: "Короче. Здесь продолжение строки." })]);
    expect(short).toContain("Короче. Здесь продолжение строки.");
  });

  it("does not repeat the title when the summary opens with it, and links only web URLs", () => {
    const [message] = compose([article({ title: "Plain text", summary: "Plain text. The rest of it.", url: "urn:vestnik:abc" })]);
    expect(message).toContain("• <b>Plain text</b> — <i>Example News</i>\nThe rest of it.");
    expect(message).not.toContain("href");
  });

  it("does not repeat a titleless post's cut headline: the summary starts after that sentence, or is left out", () => {
    const sentence = "Президент США Джо Байден помиловал своего сына Хантера Байдена, который был признан виновным и ожидал приговоров по двум уголовным делам.";
    const headline = "Президент США Джо Байден помиловал своего сына Хантера Байдена, который был признан виновным и ожидал приговоров по…";
    const [alone] = compose([article({ title: headline, summary: sentence })]);
    expect(alone!.split("\n").filter((line) => line.includes("помиловал"))).toHaveLength(1);
    const [more] = compose([article({ title: headline, summary: `${sentence} Решение вызвало критику.` })]);
    expect(more).toContain("\nРешение вызвало критику.");
    expect(summaryAfterTitle("Короткий заголовок", "Короткий заголовок: подробности дня.")).toBe("подробности дня.");
    expect(summaryAfterTitle("Другое", "Текст без заголовка.")).toBe("Текст без заголовка.");
  });

  it("splits only between items, every message within the limit, continuing the topic title", () => {
    const items = Array.from({ length: 40 }, (_, i) =>
      article({ title: `Story ${i} ${"x".repeat(200)}`, summary: "s".repeat(190) + " & <b>", topics: [i < 30 ? "energy" : "economy"] }),
    );
    const messages = compose(items, "en");
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      parseTelegramHtml(message); // throws on broken markup, e.g. a tag cut in half
    }
    // Every story exactly once, in order, each whole within one message.
    const all = messages.join("\n");
    for (let i = 0; i < 40; i += 1) expect(all.split(`Story ${i} x`).length).toBe(2);
    const firstStory = (m: string) => Number(/Story (\d+)/.exec(m)?.[1]);
    expect(messages.map(firstStory)).toEqual([...messages.map(firstStory)].sort((a, b) => a - b));
    expect(messages[0]).toMatch(/^<b>Your news digest/);
    expect(messages[1]).toMatch(/^<b>Your news digest · .*<\/b> \(continued\)\n\n<b>Energy \(continued\)<\/b>\n• /);
  });

  it("respects a smaller limit and drops a link rather than an article that cannot fit with it", () => {
    const long = article({ title: "Long link", url: `https://news.example/${"p".repeat(900)}` });
    const messages = compose([article(), long, article()], "en", 600);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(600);
    expect(messages.join("")).toContain("<b>Long link</b>");
  });

  it("returns no messages for no articles, and a short dated note as the empty digest", () => {
    expect(compose([])).toEqual([]);
    const empty = composeEmptyDigest({ locale: "ru", timeZone: "Europe/Moscow", now: NOW, t });
    expect(empty).toContain("вторник, 4 марта");
    expect(empty).toContain("ничего нового");
    parseTelegramHtml(empty);
  });
});
