import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/news/parse-document.js";
import { DocumentError } from "../../src/news/types.js";

const opts = { defaultTimeZone: "Europe/Moscow" };
const fixtureBytes = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url)));

/** UTF-8 bytes misread as windows-1252; bytes it leaves undefined survive as C1 controls. */
function mojibake(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) => (byte >= 0x80 && byte <= 0x9f && [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(byte)
      ? String.fromCharCode(byte)
      : iconv.decode(Buffer.from([byte]), "windows-1252")))
    .join("");
}

function rss(title: string, description: string, declaration = '<?xml version="1.0"?>'): string {
  return `${declaration}\n<!-- generated -->\n<rss version="2.0"><channel><title>Лента</title><item><title>${title}</title><description>${description}</description><pubDate>06 Jan 2017 20:41:00 +0300</pubDate></item></channel></rss>`;
}

describe("parseDocument", () => {
  it("decodes windows-1251 bytes and parses the feed", () => {
    const xml = rss("Морозы в столице", "Синоптики обещают до минус тридцати.", '<?xml version="1.0" encoding="windows-1251"?>');
    const doc = parseDocument(new Uint8Array(iconv.encode(xml, "windows-1251")), opts);
    expect(doc.kind).toBe("rss");
    expect(doc.items[0]).toMatchObject({ title: "Морозы в столице", summary: "Синоптики обещают до минус тридцати." });
  });

  it("decodes koi8-r bytes named only by the HTTP header", () => {
    const bytes = new Uint8Array(iconv.encode(rss("Пробки на МКАД", "Девять баллов."), "koi8-r"));
    const doc = parseDocument(bytes, { ...opts, contentType: "application/xml; charset=KOI8-R" });
    expect(doc.items[0]?.title).toBe("Пробки на МКАД");
  });

  it("handles a UTF-8 BOM before an encoding-less declaration", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss("Минск", "Снег."), "utf8")]);
    expect(parseDocument(new Uint8Array(bytes), opts).items[0]?.title).toBe("Минск");
  });

  it("repairs a mojibake feed and its double-escaped quotes", () => {
    const damaged = mojibake(rss("В Москве объявлен «оранжевый» уровень", "Уровень &amp;quot;оранжевый&amp;quot;."));
    const doc = parseDocument(new Uint8Array(Buffer.from(damaged, "utf8")), opts);
    expect(doc.items[0]?.title).toBe("В Москве объявлен «оранжевый» уровень");
    expect(doc.items[0]?.summary).toBe('Уровень "оранжевый".');
  });

  it("routes JSON Feed and plain-text articles", () => {
    expect(parseDocument(fixtureBytes("jsonfeed-1.1.json"), opts).kind).toBe("json");
    const text = parseDocument(fixtureBytes("article-ru.txt"), opts);
    expect(text.kind).toBe("text");
    expect(text.items).toHaveLength(1);
    expect(text.items[0]?.author).toBe("Мария Соколова");
  });

  it("reads a windows-1251 plain-text article with no charset information", () => {
    const bytes = iconv.encode("5 апреля 2023, 12:00\n\nЗаголовок статьи\n\nПервый абзац.\n", "windows-1251");
    const doc = parseDocument(new Uint8Array(bytes), opts);
    expect(doc.items[0]).toMatchObject({ title: "Заголовок статьи", body: "Первый абзац." });
    expect(doc.items[0]?.publishedAt?.toISOString()).toBe("2023-04-05T09:00:00.000Z");
  });

  it("explains what it cannot read", () => {
    const reason = (bytes: Uint8Array) => {
      try {
        parseDocument(bytes, opts);
      } catch (error) {
        expect(error).toBeInstanceOf(DocumentError);
        return (error as DocumentError).reason;
      }
      return "parsed";
    };
    expect(reason(new Uint8Array())).toBe("empty document");
    expect(reason(new Uint8Array(Buffer.from(" \r\n\t")))).toBe("empty document");
    expect(reason(new Uint8Array(Buffer.from("Просто какой-то текст без даты")))).toBe("not a feed or an article");
    expect(reason(new Uint8Array(Buffer.from("<!doctype html><html><body></body></html>")))).toBe(
      "not a feed: looks like an HTML page",
    );
    expect(reason(new Uint8Array([0x00, 0xff, 0x10, 0x80]))).toBe("not a feed or an article");
  });
});
