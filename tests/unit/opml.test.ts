import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeXml, parseOpml, renderOpml } from "../../src/news/opml.js";
import { DocumentError } from "../../src/news/types.js";

describe("parseOpml", () => {
  it("reads feeds at any depth, with titles, sites and case-insensitive attribute names", () => {
    const opml = `<?xml version="1.0" encoding="UTF-8"?>
      <opml version="2.0">
        <head><title>Мои ленты &amp; подписки</title></head>
        <body>
          <outline text="Новости">
            <outline type="rss" text="Лента.ру" title="Lenta.ru" xmlUrl="https://lenta.ru/rss" htmlUrl="https://lenta.ru/"/>
            <outline text="Вложенная папка">
              <outline type="rss" text="Коммерсантъ" xmlurl="https://www.kommersant.ru/RSS/news.xml"/>
            </outline>
          </outline>
          <outline type="rss" text="Дубль" xmlUrl="https://lenta.ru/rss"/>
          <outline text="Just a note"/>
        </body>
      </opml>`;
    expect(parseOpml(opml)).toEqual({
      title: "Мои ленты & подписки",
      feeds: [
        { url: "https://lenta.ru/rss", title: "Lenta.ru", siteUrl: "https://lenta.ru/" },
        { url: "https://www.kommersant.ru/RSS/news.xml", title: "Коммерсантъ" },
      ],
      rejected: [],
    });
  });

  it("rejects outlines Vestnik cannot poll but keeps the rest", () => {
    const opml = `<opml version="1.0"><body>
      <outline xmlUrl="ftp://example.org/feed"/>
      <outline xmlUrl="not a url"/>
      <outline xmlUrl="http://example.org/ok.xml"/>
    </body></opml>`;
    const doc = parseOpml(opml);
    expect(doc.feeds.map((f) => f.url)).toEqual(["http://example.org/ok.xml"]);
    expect(doc.rejected).toEqual([
      { url: "ftp://example.org/feed", reason: "not an http(s) URL" },
      { url: "not a url", reason: "not an http(s) URL" },
    ]);
  });

  it.each([
    ["an entity bomb", `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><opml><body/></opml>`, /declares entities/],
    ["an external entity", `<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body><outline text="&x;"/></body></opml>`, /declares entities/],
    ["an RSS feed", `<rss version="2.0"><channel/></rss>`, /not an OPML file: the root element is <rss>/],
    ["broken XML", `<opml><body><outline xmlUrl="http://a.example/"></body></opml>`, /^invalid XML/],
    ["plain text", `feeds: http://a.example/`, /not an OPML file: not XML/],
  ])("refuses %s", (_name, text, reason) => {
    expect(() => parseOpml(text)).toThrow(DocumentError);
    expect(() => parseOpml(text)).toThrow(reason);
  });
});

describe("renderOpml", () => {
  const feeds = [
    { url: "https://example.org/rss?a=1&b=2", title: `Tom & Jerry's "news" <daily>`, siteUrl: "https://example.org/" },
    { url: "https://example.net/feed.xml", title: "Вести\u0007 с\nполей", pollIntervalMs: 15 * 60_000 },
    { url: "https://example.com/atom" },
  ];
  const text = renderOpml({ title: "Vestnik feed sources", dateCreated: new Date("2025-06-10T12:00:00Z"), feeds });

  it("writes well-formed OPML 2.0 with type=rss and xmlUrl", () => {
    expect(XMLValidator.validate(text)).toBe(true);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0"/);
    expect(text).toContain("<dateCreated>Tue, 10 Jun 2025 12:00:00 GMT</dateCreated>");
    expect(text).toContain(
      `<outline type="rss" text="Tom &amp; Jerry&apos;s &quot;news&quot; &lt;daily&gt;" title="Tom &amp; Jerry&apos;s &quot;news&quot; &lt;daily&gt;" xmlUrl="https://example.org/rss?a=1&amp;b=2" htmlUrl="https://example.org/"/>`,
    );
    // A feed without a title is named by its URL, so readers never show an empty line.
    expect(text).toContain(`text="https://example.com/atom"`);
  });

  it("survives a round trip through parseOpml", () => {
    const back = parseOpml(text);
    expect(back.title).toBe("Vestnik feed sources");
    expect(back.feeds).toEqual([
      feeds[0],
      { url: "https://example.net/feed.xml", title: "Вести с полей", pollIntervalMs: 15 * 60_000 },
      { url: "https://example.com/atom", title: "https://example.com/atom" },
    ]);
  });

  it("escapes for XML and drops characters XML cannot carry", () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe("a&amp;b&lt;c&gt;d&quot;e&apos;f");
    expect(escapeXml("x\u0000\u001fy\ud800z")).toBe("xyz");
    expect(escapeXml("line\nbreak")).toBe("line&#10;break");
    expect(escapeXml("😀")).toBe("😀");
  });
});
