import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toArticleDraft } from "../../src/news/normalize.js";
import { parseFeed } from "../../src/news/parse-feed.js";
import { DocumentError, type ParsedDocument } from "../../src/news/types.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), "utf8");

function allText(doc: ParsedDocument): string {
  return doc.items.map((item) => `${item.title}\n${item.summary}\n${item.body}`).join("\n");
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return (error as DocumentError).reason;
  }
  throw new Error("expected a DocumentError");
}

describe("parseFeed: RSS 2.0", () => {
  const doc = parseFeed(fixture("rss2-content-encoded.xml"));
  const [first, second] = doc.items;

  it("reads the channel", () => {
    expect(doc).toMatchObject({ kind: "rss", title: "Вестник Заречья", siteUrl: "https://zarechye.example/", lang: "ru-ru" });
    expect(doc.items).toHaveLength(2);
  });

  it("maps item fields, with HTML and line breaks removed from the title", () => {
    expect(first).toMatchObject({
      title: "В Заречье открыли новый мост",
      url: "https://zarechye.example/news/most",
      guid: "zarechye-1001",
      author: "Ирина Лебедева",
      lang: "ru-ru",
      categories: ["Город", "Транспорт"],
      summary: "Мост через реку Заречку открыли после ремонта.",
    });
    expect(first?.publishedAt?.toISOString()).toBe("2024-05-06T06:15:00.000Z");
  });

  it("takes the body from content:encoded without scripts, images or the WordPress footer", () => {
    expect(first?.body).toBe(
      "Мост через реку Заречку открыли после ремонта.\n\nНовый мост\n\n" +
        "Движение по мосту запустят в пятницу, сообщили в администрации.",
    );
  });

  it("builds a word-bounded summary when there is no description", () => {
    expect(second?.author).toBe("Tom Baker");
    expect(second?.publishedAt?.toISOString()).toBe("2024-05-07T18:00:00.000Z");
    expect(second?.body).not.toContain("appeared first on");
    expect(second?.summary.length).toBeLessThanOrEqual(301);
    expect(second?.summary.endsWith("…")).toBe(true);
    expect(second?.body.startsWith(second.summary.slice(0, -1))).toBe(true);
  });

  it("keeps escaped angle brackets that are not HTML as text", () => {
    const xml = '<rss version="2.0"><channel><title>t</title><item><title>«KMG &amp; Partners» &lt;обновлено&gt;</title></item></channel></rss>';
    expect(parseFeed(xml).items[0]?.title).toBe("«KMG & Partners» <обновлено>");
  });

  it("never lets markup through", () => {
    expect(allText(doc)).not.toMatch(/<script|<img|alert\(|<\/?[a-z]+>|&[a-z]+;/i);
  });
});

describe("parseFeed: Russian extensions", () => {
  it("uses mailru:full-text when the description is the placeholder 1", () => {
    const [item] = parseFeed(fixture("rss-mailru-placeholder.xml")).items;
    expect(item?.title).toBe("Ярмарка мёда пройдёт в Сосновке");
    expect(item?.body).toBe(
      "Сосновка. 12 августа. Ярмарка мёда (традиционная, уже десятая) пройдёт в субботу. " +
        "Пасечники привезут более 40 сортов.\n\nВход на ярмарку свободный.",
    );
    expect(item?.summary).toBe(item?.body.replace("\n\n", " "));
    expect(item?.publishedAt?.toISOString()).toBe("2023-08-12T02:00:00.000Z");
  });

  it("reads yandex:full-text and turbo:content under any prefix, without the Turbo header", () => {
    const [flood, kites] = parseFeed(fixture("rss-yandex-turbo.xml")).items;
    expect(flood?.body).toBe("Вода ушла из прибрежных кварталов.\n\nСпасатели завершили откачку воды из подвалов.");
    expect(flood?.summary).toBe("Вода ушла из прибрежных кварталов.");
    expect(kites?.body).toBe(
      "Причина — сильный ветер.\n\nОрганизаторы обещают объявить новую дату на следующей неделе.",
    );
    expect(kites?.body).not.toContain("Фотобанк");
  });

  it("finds items under a default namespace and resolves double-escaped entities", () => {
    const doc = parseFeed(fixture("rss-default-namespace.xml"));
    expect(doc.items.map((item) => item.title)).toEqual(["Ледовую переправу закрыли", "Второй материал"]);
    expect(doc.items[0]?.body).toBe(
      "Лёд стал тонким, сообщили спасатели (МЧС).\n\nПереправу откроют «не раньше декабря». Следите за новостями.",
    );
    expect(doc.items[1]?.body).toBe("Короткий текст.");
  });

  it("repairs HTML that the feed escaped inside CDATA", () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><title>x</title>
      <description><![CDATA[&lt;br /&gt;золото, &lt;b&gt;Лондон&lt;/b&gt;]]></description></item></channel></rss>`;
    expect(parseFeed(xml).items[0]?.summary).toBe("золото, Лондон");
  });

  it("strips FeedBurner flare from descriptions", () => {
    const xml = `<?xml-stylesheet type="text/xsl" href="x.xsl"?><rss version="2.0"><channel><title>w</title><item>
      <title>Deal reached</title><description>&lt;p&gt;Talks ended.&lt;/p&gt;&lt;div class="feedflare"&gt;&lt;a href="f"&gt;&lt;img src="f.gif"/&gt;&lt;/a&gt;&lt;/div&gt;&lt;img src="t.gif" height="1" width="1"/&gt;</description>
      </item></channel></rss>`;
    expect(parseFeed(xml).items[0]?.body).toBe("Talks ended.");
  });
});

describe("parseFeed: other formats", () => {
  it("reads RSS 1.0 (RDF) with dc:date and dc:subject", () => {
    const doc = parseFeed(fixture("rdf.xml"));
    expect(doc).toMatchObject({ kind: "rdf", title: "Alpenbote", lang: "de" });
    expect(doc.items[0]).toMatchObject({
      title: "Neue Seilbahn eröffnet",
      url: "https://alpen.example/1",
      summary: "Die Bahn fährt ab Montag täglich.",
      categories: ["Tourismus"],
      lang: "de",
    });
    expect(doc.items[0]?.publishedAt?.toISOString()).toBe("2017-01-23T13:17:00.000Z");
  });

  it("reads Atom with summary and content, alternate links and text constructs", () => {
    const doc = parseFeed(fixture("atom.xml"));
    expect(doc).toMatchObject({ kind: "atom", title: "Harbour Notes", siteUrl: "https://harbour.example/", lang: "en-gb" });
    const [ferry, maths] = doc.items;
    expect(ferry).toMatchObject({
      title: "Ferry timetable & fares change",
      url: "https://harbour.example/ferry",
      guid: "tag:harbour.example,2024:1",
      author: "Ann Moor",
      summary: "New timetable from April.",
      body: "New timetable from April.\n\nFares rise by 5%, the operator said.",
      categories: ["Transport"],
    });
    expect(ferry?.publishedAt?.toISOString()).toBe("2024-03-01T07:30:00.000Z");
    expect(maths).toMatchObject({
      title: "Text titles keep 2 < 3 literally",
      url: "https://harbour.example/maths",
      author: "Harbour Desk",
      summary: "Plain text summary with a <tag> in it.",
    });
  });

  it("reads JSON Feed 1.1", () => {
    const doc = parseFeed(fixture("jsonfeed-1.1.json"));
    expect(doc).toMatchObject({ kind: "json", title: "Lakeside Daily", siteUrl: "https://lakeside.example/", lang: "en-us" });
    const [regatta, link] = doc.items;
    expect(regatta).toMatchObject({
      url: "https://lakeside.example/regatta",
      summary: "The regatta is back.",
      body: "The regatta is back.\n\nForty boats have registered so far.",
      author: "Jo Park",
      categories: ["sport", "lake"],
    });
    expect(regatta?.publishedAt?.toISOString()).toBe("2024-06-01T11:00:00.000Z");
    expect(link).toMatchObject({ url: "https://other.example/story", body: "A short note\nwith two lines.", author: "Lakeside Staff" });
    expect(link?.publishedAt).toBeUndefined();
  });

  it("gives a titleless channel post a headline and summary without the promo line", () => {
    const feed = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Курсы и рынки",
      items: [{
        id: "post-1",
        url: "https://t.me/example/1",
        content_html: '<p>💸Доллар упал <b>ниже 104 рублей</b>, евро — <b>ниже 110 рублей</b>. <br>\n<br>\n😄<a href="https://t.me/+abc">— Подписаться</a></p>',
      }],
    });
    const [post] = parseFeed(feed).items;
    expect(post?.title).toBe("Доллар упал ниже 104 рублей, евро — ниже 110 рублей");
    expect(post?.summary).toBe("Доллар упал ниже 104 рублей, евро — ниже 110 рублей.");
  });

  it("leaves out a titleless post of decoration alone, and keeps a post of a bare link", () => {
    const post = (n: number, html: string) => ({ id: `post-${n}`, url: `https://t.me/example/${n}`, content_html: html });
    const feed = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Канал",
      items: [
        post(1, '<p>❤ <a href="https://t.me/example">Подписаться</a> | <a href="https://t.me/example_bot">Прислать новость</a></p>'),
        post(2, "<p>🤫🤫🤫<br>\n<br>\n#кек</p>"),
        post(3, '<p><a href="https://news.example/a/1">https://news.example/a/1</a></p>'),
        post(4, "<p>⚡️Курс евро снизился<br>\n<br>\n#курсы</p>"),
      ],
    });
    const drafts = parseFeed(feed).items.map((item) => toArticleDraft(item, { sourceKey: "k", document: {}, fetchedAt: new Date() }));
    expect(drafts.map((d) => d?.title)).toEqual([undefined, undefined, "https://news.example/a/1", "Курс евро снизился"]);
  });

  it("accepts a valid feed with no items", () => {
    expect(parseFeed('<rss version="2.0"><channel><title>Пусто</title></channel></rss>').items).toEqual([]);
  });

  it("tolerates a bare ampersand", () => {
    const xml = '<rss version="2.0"><channel><title>AT&T news</title><item><title>A&B</title></item></channel></rss>';
    const doc = parseFeed(xml);
    expect(doc.title).toBe("AT&T news");
    expect(doc.items[0]?.title).toBe("A&B");
  });
});

describe("parseFeed: refusals", () => {
  it("refuses an entity bomb quickly, without expanding it", () => {
    const lol = Array.from({ length: 10 }, (_, i) =>
      `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${lol}]><rss version="2.0"><channel><title>&lol10;</title></channel></rss>`;
    const started = performance.now();
    expect(reasonOf(() => parseFeed(xml))).toBe("XML declares entities (DTD); refused for safety");
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("refuses an external entity", () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n  <!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n<rss version="2.0"><channel><title>&x;</title></channel></rss>`;
    expect(reasonOf(() => parseFeed(xml))).toBe("XML declares entities (DTD); refused for safety");
  });

  it("accepts a DOCTYPE without an internal subset", () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "http://x/rss.dtd"><rss version="0.91"><channel><title>Old</title><item><title>One</title></item></channel></rss>';
    expect(parseFeed(xml).items.map((item) => item.title)).toEqual(["One"]);
  });

  it("says which tags a cut-off feed leaves open, not the parser's internal path", () => {
    const reason = reasonOf(() => parseFeed('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title><item><title>a'));
    expect(reason).toBe("invalid XML: the document ends while <rss>, <channel>, <item>, <title> are still open");
    expect(reasonOf(() => parseFeed('<rss version="2.0"><channel><title>x</title></channel>'))).toBe("invalid XML: Unclosed tag 'rss' (line 1)");
  });

  it("explains malformed XML, HTML pages, empty input and foreign JSON", () => {
    expect(reasonOf(() => parseFeed('<rss version="2.0"><channel><title>x</channel></rss>'))).toMatch(/^invalid XML: /);
    expect(reasonOf(() => parseFeed("<!DOCTYPE html><html><head><title>Hi</title></head><body><p>x</body></html>"))).toBe(
      "not a feed: looks like an HTML page",
    );
    expect(reasonOf(() => parseFeed("  <html><body>x</body></html>"))).toBe("not a feed: looks like an HTML page");
    expect(reasonOf(() => parseFeed("<body><p>fragment</body>"))).toBe("not a feed: looks like an HTML page");
    expect(reasonOf(() => parseFeed(""))).toBe("empty document");
    expect(reasonOf(() => parseFeed("\ufeff \n\t"))).toBe("empty document");
    expect(reasonOf(() => parseFeed('{"name": "package", "version": "1.0.0"}'))).toBe("not a feed: JSON but not a JSON Feed");
    expect(reasonOf(() => parseFeed("{not json"))).toMatch(/^invalid JSON: /);
    expect(reasonOf(() => parseFeed("<urlset><url>x</url></urlset>"))).toBe("not a feed: unexpected XML root <urlset>");
    expect(reasonOf(() => parseFeed("hello world"))).toBe("not a feed: neither XML nor JSON");
  });
});
