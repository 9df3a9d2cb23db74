import { describe, expect, it } from "vitest";
import { formatTime, olderKeyboard, renderArticleList, type ListOptions } from "../../src/bot/render.js";
import type { ArticleListItem } from "../../src/news/queries.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { MAX_MESSAGE_LENGTH } from "../../src/shared/telegram-html.js";

const NOW = new Date("2025-06-10T20:00:00Z");
const options: ListOptions = { header: "<b>Latest news</b>", locale: "en", timeZone: "Europe/Moscow", untitled: "(untitled)", now: NOW };

function item(overrides: Partial<ArticleListItem> = {}): ArticleListItem {
  return {
    id: 1,
    title: "Title",
    url: "https://example.com/a",
    summary: "",
    publishedAt: new Date("2025-06-10T12:05:00Z"),
    sourceTitle: "Source",
    ...overrides,
  };
}

describe("formatTime", () => {
  const date = new Date("2025-06-10T12:05:00Z");

  it("shows day, month and 24-hour time in the reader's zone and language", () => {
    expect(formatTime(date, "ru", "Europe/Moscow", NOW)).toBe("10 июн., 15:05");
    expect(formatTime(date, "en", "Europe/Moscow", NOW)).toBe("10 Jun, 15:05");
    expect(formatTime(date, "en", "Asia/Almaty", NOW)).toBe("10 Jun, 17:05");
    expect(formatTime(date, "en", "UTC", NOW)).toBe("10 Jun, 12:05");
  });

  it("adds the year for another year, judged in the reader's zone", () => {
    expect(formatTime(date, "en", "Europe/Moscow", new Date("2026-01-01T00:00:00Z"))).toBe("10 Jun 2025, 15:05");
    expect(formatTime(date, "ru", "Europe/Moscow", new Date("2026-01-01T00:00:00Z"))).toBe("10 июн. 2025 г., 15:05");
    // 31 Dec 22:00 UTC is already New Year in Moscow.
    expect(formatTime(new Date("2025-12-31T22:00:00Z"), "en", "Europe/Moscow", new Date("2026-01-01T09:00:00Z"))).toBe("1 Jan, 01:00");
  });
});

describe("renderArticleList", () => {
  it("lists title links with source and time under the header", () => {
    const { text, shown } = renderArticleList([item(), item({ id: 2, title: "Second", url: "https://example.com/b" })], options);
    expect(shown).toBe(2);
    expect(text).toBe(
      '<b>Latest news</b>\n\n<a href="https://example.com/a">Title</a>\n<i>Source · 10 Jun, 15:05</i>\n\n' +
        '<a href="https://example.com/b">Second</a>\n<i>Source · 10 Jun, 15:05</i>',
    );
    parseTelegramHtml(text);
  });

  it("escapes titles, sources and links exactly", () => {
    const { text } = renderArticleList(
      [item({ title: "«KMG & Partners» <обновлено>", url: 'https://ex.com/?a="1"&b=<2>', sourceTitle: "A&B <news>" })],
      options,
    );
    expect(text).toContain('<a href="https://ex.com/?a=&quot;1&quot;&amp;b=&lt;2&gt;">«KMG &amp; Partners» &lt;обновлено&gt;</a>');
    expect(text).toContain("<i>A&amp;B &lt;news&gt; · ");
    expect(parseTelegramHtml(text)).toContain("«KMG & Partners» <обновлено>");
  });

  it("renders link-less and untitled articles without a link", () => {
    const { text } = renderArticleList([item({ url: "urn:vestnik:x", title: "  " }), item({ url: "javascript:alert(1)", title: "X" })], options);
    expect(text).toContain("<b>(untitled)</b>\n<i>Source");
    expect(text).toContain("<b>X</b>");
    expect(text).not.toContain("href");
  });

  it("leaves the source out when there is none", () => {
    expect(renderArticleList([item({ sourceTitle: "" })], options).text).toContain("<i>10 Jun, 15:05</i>");
  });

  it("cuts very long titles", () => {
    const { text } = renderArticleList([item({ title: "ж".repeat(1000) })], options);
    expect(text).toContain(`${"ж".repeat(299)}…</a>`);
  });

  it("stays within 4096 characters, dropping what does not fit from the end", () => {
    const items = Array.from({ length: 20 }, (_, i) =>
      item({ id: i + 1, title: `${i} `.padEnd(300, "&"), url: `https://example.com/${i}?${"a=1&".repeat(100)}`, sourceTitle: "<S>".repeat(40) }),
    );
    const { text, shown } = renderArticleList(items, options);
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(20);
    expect(text.split("\n\n")).toHaveLength(shown + 1);
    parseTelegramHtml(text);
  });

  it("shows the first item without its link when the link alone is too long", () => {
    const { text, shown } = renderArticleList([item({ url: `https://example.com/?${"&".repeat(2000)}` }), item({ id: 2 })], options);
    expect(shown).toBe(2);
    expect(text).toContain("<b>Title</b>");
    expect(text).toContain('<a href="https://example.com/a">Title</a>');
    expect(text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  });

  it("renders nothing but the header for no items", () => {
    expect(renderArticleList([], options)).toEqual({ text: "<b>Latest news</b>", shown: 0 });
  });
});

describe("olderKeyboard", () => {
  it("has one button when there is a next page and none otherwise", () => {
    expect(olderKeyboard("Older →", "l1:5:a:b")?.inline_keyboard).toEqual([[{ text: "Older →", callback_data: "l1:5:a:b" }]]);
    expect(olderKeyboard("Older →", undefined)).toBeUndefined();
  });
});
