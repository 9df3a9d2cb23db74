import { describe, expect, it } from "vitest";
import { fixMixedScripts } from "../../src/news/mixed-script.js";
import { parseDocument } from "../../src/news/parse-document.js";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";

describe("fixMixedScripts", () => {
  it("rewrites a two-alphabet word in the alphabet its look-alikes allow", () => {
    expect(fixMixedScripts("Санкции CША")).toBe("Санкции США");
    expect(fixMixedScripts("Сегодня Дeнь cчacтливoгo чeлoвeкa")).toBe("Сегодня День счастливого человека");
    expect(fixMixedScripts("Новый ВМW и Роrsсhе")).toBe("Новый BMW и Porsche");
    expect(fixMixedScripts("СCE")).toBe("CCE");
  });

  it("leaves one-alphabet words, puns and brands as written", () => {
    const text = "iPhone и Android; Sибирская зима; ЮMoney; Москва";
    expect(fixMixedScripts(text)).toBe(text);
  });

  it("repairs what ingest stores, so search and topics see the real word", () => {
    const feed = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Channel",
      items: [{ id: "1", url: "https://example.org/1", content_text: "Посольство CША в Киеве закрыто.\n\nОб этом сообщил Госдеп.", date_published: "2024-12-01T10:00:00Z" }],
    });
    const [item] = parseDocument(Buffer.from(feed), { contentType: "application/feed+json", defaultTimeZone: "UTC" }).items;
    expect(item?.title).toBe("Посольство США в Киеве закрыто");
    expect(item?.body).toContain("Посольство США");
    expect(createTagger(BUILTIN_TOPICS).tag({ title: item!.title, text: item!.body })).toContain("usa");
  });
});
