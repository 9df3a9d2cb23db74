import { describe, expect, it } from "vitest";
import { toArticleDraft } from "../../src/news/normalize.js";
import type { ParsedItem } from "../../src/news/types.js";
import { deriveSummary } from "../../src/stories/headline.js";

const fetchedAt = new Date("2026-03-01T12:00:00Z");
const ctx = { sourceKey: "https://agency.example", document: { lang: "ru" }, fetchedAt };

function item(overrides: Partial<ParsedItem>): ParsedItem {
  return { title: "Заголовок", summary: "", body: "", categories: [], ...overrides };
}

describe("toArticleDraft", () => {
  it("makes the canonical URL the identity and keeps the summary inside the body", () => {
    const draft = toArticleDraft(
      item({
        url: "https://agency.example/a/1?utm_source=rss",
        summary: "Короткий анонс.",
        body: "Полный текст статьи.",
        publishedAt: new Date("2026-03-01T08:00:00Z"),
      }),
      ctx,
    );
    expect(draft?.url).toBe("https://agency.example/a/1");
    expect(draft?.body).toBe("Короткий анонс.\n\nПолный текст статьи.");
    expect(draft?.summary).toBe("Короткий анонс.");
    expect(draft?.lang).toBe("ru");
    expect(draft?.publishedAt.toISOString()).toBe("2026-03-01T08:00:00.000Z");
  });

  it("does not prepend a summary the body already tells (an excerpt without the post's markers)", () => {
    const body = "❗️США требуют от Украины мобилизовать 18-летних\n\nАдминистрация призывает быстро увеличить численность армии.";
    const derived = toArticleDraft(
      item({ summary: "США требуют от Украины мобилизовать 18-летних Администрация призывает быстро…", body }),
      ctx,
    );
    expect(derived?.body).toBe(body);
    // A teaser of its own still leads the body, so search finds its words.
    const teaser = toArticleDraft(item({ summary: "Вашингтон настаивает на призыве с 18 лет.", body }), ctx);
    expect(teaser?.body).toBe(`Вашингтон настаивает на призыве с 18 лет.\n\n${body}`);
  });

  it("does not prepend a post's summary that left out hashtags, handles, struck-out words or link lines", () => {
    const posts = [
      "Комик поднял ценник на корпоративы. В #шоткорпорат публикуем райдер ещё одной звезды\n\nКак мы выяснили, программ две.",
      "🎉 Итоги конкурса:\n\n1. Ринат (@r_kudei)\n2. Марс (@psina525)\n\nС победителями свяжется — @OrganizerBot\n\nПроверить результаты",
      "В тройку лидеров вошли «скуф» и ~~«орешник»~~ «прилёт».\n\nА кто ещё назвал слово года?",
      "🖥 t.me/java_channel — канал о Java.\n\n📚 t.me/java_books — редкая литература и курсы.",
      "🤩Спектакль «Номер 13»\n\nДК им. Зуева\n29.11, 30.11, 5.12, 6.12\n\nСкидка 25% по промокоду",
    ];
    for (const body of posts) {
      const summary = deriveSummary(body, 300);
      expect(toArticleDraft(item({ title: "", summary, body }), ctx)?.body).toBe(body);
    }
    // A cut excerpt ends inside a word.
    const body = "Власти объявили о повышении тарифов на электроэнергию с первого января.";
    expect(toArticleDraft(item({ summary: "Власти объявили о повышении тариф…", body }), ctx)?.body).toBe(body);
    // A teaser whose words the body has only far apart, or not all of, still leads the body.
    const far = "Цены выросли. " + "Это слово стоит здесь только для того чтобы разделить два других слова в тексте. ".repeat(2) + "На нефть.";
    expect(toArticleDraft(item({ summary: "Цены на нефть", body: far }), ctx)?.body).toBe(`Цены на нефть\n\n${far}`);
    expect(toArticleDraft(item({ summary: "Цены на газ выросли.", body: "Цены на нефть выросли." }), ctx)?.body).toBe(
      "Цены на газ выросли.\n\nЦены на нефть выросли.",
    );
  });

  it("uses the fetch time when the date is missing or in the future", () => {
    expect(toArticleDraft(item({}), ctx)?.publishedAt).toEqual(fetchedAt);
    expect(toArticleDraft(item({ publishedAt: new Date("2030-01-01T00:00:00Z") }), ctx)?.publishedAt).toEqual(fetchedAt);
  });

  it("gives link-less items a stable urn that depends on the source", () => {
    const a = toArticleDraft(item({ publishedAt: new Date("2026-02-01T00:00:00Z") }), ctx);
    const again = toArticleDraft(item({ publishedAt: new Date("2026-02-01T00:00:00Z") }), ctx);
    const elsewhere = toArticleDraft(item({ publishedAt: new Date("2026-02-01T00:00:00Z") }), { ...ctx, sourceKey: "file:///x" });
    expect(a?.url).toMatch(/^urn:vestnik:[0-9a-f]{32}$/);
    expect(again?.url).toBe(a?.url);
    expect(elsewhere?.url).not.toBe(a?.url);
  });

  it("falls back to a web guid, then to the summary for a missing title", () => {
    const draft = toArticleDraft(item({ title: "  ", guid: "https://agency.example/p?id=5", summary: "Текст без заголовка" }), ctx);
    expect(draft?.url).toBe("https://agency.example/p?id=5");
    expect(draft?.title).toBe("Текст без заголовка");
  });

  it("drops items with nothing to show", () => {
    expect(toArticleDraft(item({ title: " ", summary: "", body: " " }), ctx)).toBeUndefined();
  });

  it("bounds runaway text and detects English", () => {
    const draft = toArticleDraft(item({ title: "Markets rally", body: "word ".repeat(50_000) }), { ...ctx, document: {} });
    expect(draft?.body.length).toBeLessThanOrEqual(100_000);
    expect(draft?.lang).toBe("en");
  });
});
