// The tagger on real, long articles: boilerplate, passing mentions, the topic limit and the source
// prior. Fixtures are written for these tests; facts follow the kind of news real feeds carry.
import { describe, expect, it } from "vitest";
import { stripBoilerplate, stripDateline, stripLegalNotices } from "../../src/topics/boilerplate.js";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import type { Topic } from "../../src/topics/types.js";

const tagger = createTagger(BUILTIN_TOPICS);

/** Neutral filler sentences: long text with no topic words at all. */
function filler(sentences: number, lang: "ru" | "en"): string {
  const ru = [
    "Жители дома рассказали, что ждали ответа несколько недель.",
    "Собеседник отметил, что вопрос обсуждали на встрече во вторник.",
    "По словам участников, решение приняли после долгих споров.",
    "Документы передали для дальнейшего рассмотрения в начале месяца.",
  ];
  const en = [
    "Residents said they had waited several weeks for an answer.",
    "The speaker noted that the matter was discussed at a meeting on Tuesday.",
    "According to those present, the decision came after a long debate.",
    "The papers were passed on for further review early in the month.",
  ];
  const pool = lang === "ru" ? ru : en;
  return Array.from({ length: sentences }, (_, i) => pool[i % pool.length]).join(" ");
}

describe("stripBoilerplate", () => {
  it("drops a trailing «Ранее сообщалось…» sentence and «Напомним…», keeping the story", () => {
    const text = "Пенсионерка выпала из окна и повисла на кондиционере. Ее сняли спасатели.\n\n"
      + "Ранее сообщалось, что в Астане мужчина поймал выпавшего ребенка.";
    expect(stripBoilerplate(text)).not.toMatch(/Астан/);
    expect(stripBoilerplate(text)).toMatch(/кондиционере/);
    const reminder = "Суд отложил заседание. Напомним, в прошлом году в Ташкенте прошел похожий процесс. Решение ждут в июне.";
    expect(stripBoilerplate(reminder)).not.toMatch(/Ташкент/);
    expect(stripBoilerplate(reminder)).toMatch(/Решение ждут в июне/);
  });

  it("keeps a story that itself opens with «Ранее»", () => {
    const text = "Ранее K-News писал, что в магазине продают просроченное печенье. Теперь этикетку сняли.";
    expect(stripBoilerplate(text)).toBe(text);
  });

  it("drops related-links blocks and channel promos to the end of their paragraph", () => {
    const text = "Мост открыли после ремонта.\nЧитайте также: Казахстан и Узбекистан договорились о воде; "
      + "Бишкек закрыл рынок\nПодписывайтесь на наш канал в Telegram\nДвижение восстановлено.";
    const out = stripBoilerplate(text);
    expect(out).not.toMatch(/Казахстан|Бишкек|Telegram/);
    expect(out).toMatch(/Мост открыли/);
    expect(out).toMatch(/Движение восстановлено/);
  });

  it("handles English back-references and trailers", () => {
    const text = "The bridge reopened on Monday. Earlier, officials in Almaty said a similar bridge had closed. "
      + "Traffic is back to normal.\nRead more: Kazakhstan builds new roads\nSign up for our newsletter";
    const out = stripBoilerplate(text);
    expect(out).not.toMatch(/Almaty|Kazakhstan|newsletter/);
    expect(out).toMatch(/Traffic is back to normal/);
  });

  it("drops a channel's pointers to its other outlets, an emoji before them and the link line a colon announces", () => {
    const text = "Экс-канцлер Германии ответила на вопросы о вступлении Украины в НАТО.\n\n"
      + "Расширенную версию смотрите на нашем YouTube-канале: https://example.org/v/1\n\n"
      + "Читать нас без VPN можно здесь: example.org/ru\n"
      + "🎧Слушайте подкаст «Что это было?»:\n\nна сайте | в Youtube | на других платформах\n"
      + "🔴 Подписаться на Москву - новостную";
    const out = stripBoilerplate(text);
    expect(out).toMatch(/Экс-канцлер Германии/);
    expect(out).not.toMatch(/YouTube|VPN|подкаст|платформах|Москву/i);
    expect(tagger.tag({ title: "Меркель об Украине", text })).not.toContain("technology");
  });

  it("drops a channel's signature under a post: its name and «Подписаться»", () => {
    const text = "Есть пара вопросов к владельцам GTX…\n\n🕹КиберТопор — Подписаться";
    expect(stripBoilerplate(text)).not.toMatch(/КиберТопор/);
    expect(tagger.tag({ title: "", text })).not.toContain("technology");
    const economy = "Жители стали чаще ходить в гости.\n\n📈Топор. Экономика — Подписаться";
    expect(stripBoilerplate(economy)).not.toMatch(/Экономика/);
    expect(stripBoilerplate("Доллар упал ниже 104 рублей.\n\n😄— Подписаться")).not.toMatch(/Подписаться/);
    // A sentence that only mentions the verb in lower case stays.
    const news = "Сбер предложил подписаться на новые облигации. Сбор заявок завершится в пятницу.";
    expect(stripBoilerplate(news)).toBe(news);
  });

  it("returns a text without markers unchanged", () => {
    const text = "Обычная новость без ссылок. Второе предложение.";
    expect(stripBoilerplate(text)).toBe(text);
  });
});

describe("stripLegalNotices", () => {
  it("drops the notices that follow a name, in parentheses, in a footnote or cut off in a headline", () => {
    const text = "Мошенники взламывают телефоны через WhatsApp (принадлежит Meta, признана экстремистской организацией в РФ). "
      + "Журналист (признан в РФ иноагентом) рассказал об этом.\n\n*Движение признано террористическим в РФ.\nКонец.";
    const out = stripLegalNotices(text);
    expect(out).not.toMatch(/экстремист|иноагент|террорист/);
    expect(out).toMatch(/через WhatsApp\. Журналист рассказал об этом\./);
    expect(out).toMatch(/Конец\./);
    expect(stripLegalNotices("Рейды по клубам в рамках борьбы с пропагандой ЛГБТ (движение признано в РФ…")).toBe("Рейды по клубам в рамках борьбы с пропагандой ЛГБТ");
    const plain = "Цены выросли (на 5 %), сообщил ЦБ.";
    expect(stripLegalNotices(plain)).toBe(plain);
  });

  it("keeps a fraud through a messenger out of security", () => {
    const result = tagger.tag({
      title: "Мошенники придумали новую схему обмана россиян через WhatsApp (принадлежит Meta, признана экстремистской организацией в РФ)",
      text: "Злоумышленники взламывают аккаунты и получают доступ к банковским приложениям.",
    });
    expect(result).not.toContain("security");
    expect(result).toContain("incidents");
  });
});

describe("stripDateline", () => {
  it("strips a dateline that opens the second paragraph after a repeated title", () => {
    const text = "Мировые цены на нефть снизились\n\nБишкек. 20 мая. КирТАГ – Цены на нефть снизились.";
    expect(stripDateline(text)).not.toMatch(/Бишкек/);
    expect(stripDateline(text)).toMatch(/^Мировые цены/);
  });
});

describe("tagging long real-world articles", () => {
  it("does not tag Central Asia from a trailing «Ранее сообщалось, что в Астане…»", () => {
    const input = {
      title: "В Саратове пенсионерка выпала из окна и повисла на кондиционере",
      text: "Пожилая женщина выпала из окна квартиры на пятом этаже в Саратове. "
        + `${filler(2, "ru")}\n\nРанее сообщалось, что в Астане мужчина на лету поймал выпавшего из окна ребенка.`,
    };
    const topics = tagger.tag(input);
    expect(topics).toContain("russia");
    expect(topics).not.toContain("central-asia");
  });

  it("does not tag a topic from one passing word deep in a long body", () => {
    // The mention sits in the lead (the first 80 words), where a short text would count it.
    const text = `${filler(2, "ru")} Среди гостей был делегат из Казахстана. ${filler(40, "ru")}`;
    expect(text.length).toBeGreaterThan(2500);
    expect(tagger.tag({ title: "Жители обсудили ремонт двора", text })).not.toContain("central-asia");
    // The same word in the title is what the story is about.
    expect(tagger.tag({ title: "Делегация Казахстана обсудила ремонт двора", text })).toContain("central-asia");
  });

  it("does not tag one word repeated in a long English text without other evidence", () => {
    const text = `${filler(3, "en")} The beluga brought a rugby ball to the boat. ${filler(12, "en")} `
      + `The sailors threw the rugby ball back. ${filler(12, "en")}`;
    expect(tagger.tag({ title: "Whale plays with sailors in the Arctic", text })).not.toContain("sport");
    const match = `${filler(3, "en")} The rugby match ended in a draw after the referee stopped play. ${filler(12, "en")}`;
    expect(tagger.tag({ title: "Rugby: Leicester and Saracens draw", text: match })).toContain("sport");
  });

  it("needs ambiguous English sport words to have real sport evidence", () => {
    const markets = "Bulls defended the 11,800 level on the exchange as the final hour of trading lifted stocks. "
      + "The central bank held its key rate; analysts expect inflation to ease.";
    expect(tagger.tag({ title: "Taking stock: bulls defend key level", text: markets })).not.toContain("sport");
    const court = "The National Assembly debated the death penalty for hate speech; the bill faces a vote.";
    expect(tagger.tag({ title: "Writer opposes death penalty bill", text: court })).not.toContain("sport");
  });

  it("keeps at most three topics unless each further one is strong", () => {
    // Five topics, each barely over its threshold: only three survive.
    const topics: Topic[] = ["a", "b", "c", "d", "e"].map((slug, i) => ({
      slug,
      names: { ru: slug, en: slug },
      aliases: [],
      lexicon: { terms: [{ match: [`word${"abcde"[i]}`], weight: 3 }] },
    }));
    const small = createTagger(topics);
    const weakFive = { title: "", text: "worda wordb wordc wordd worde" };
    expect(small.tag(weakFive)).toHaveLength(3);
    // Strong evidence for every topic (title mentions, score ≥ 2 × threshold): all five stay.
    const all = "worda wordb wordc wordd worde";
    expect(small.tag({ title: all, text: `${all} ${all}` })).toHaveLength(5);
    expect(createTagger(topics, { maxTopics: 5 }).tag(weakFive)).toHaveLength(5);
  });

  it("gives a long multi-topic real article at most three topics", () => {
    const text = "Judge Victor Marrero of the Southern District of New York ruled on the fintech charter. "
      + "The Office of the Comptroller of the Currency may appeal; banks, the Federal Reserve and Congress watch. "
      + "The court cited the Chevron doctrine and the National Bank Act (NBA). The final ruling may reach the Supreme Court. "
      + `${filler(30, "en")} Critics warned of threats to consumers and a clash over power between states and Washington. `
      + "Technology firms and online lenders offer digital services; the business is growing fast.";
    expect(tagger.tag({ title: "State vs federal clash over fintech charter", text }).length).toBeLessThanOrEqual(3);
  });
});

describe("the source prior", () => {
  const local = {
    title: "Ботанический сад будут поливать артезианской водой",
    text: "На строительство скважины для полива Ботанического сада правительство выделило 3 млн сомов. "
      + "Директор сада рассказал на пресс-конференции в столичном пресс-центре, что тендер объявят в понедельник. "
      + "Ежегодно сад платит за полив 140 тыс. сомов.",
  };
  const debate = {
    title: "Во время заседаний зарегистрированы отсутствующие депутаты",
    text: "Депутат фракции СДПК заявил, что около десяти депутатов находятся в командировках. "
      + "Вице-спикер ответил, что в рабочих поездках находится 21 депутат.",
  };
  const world = {
    title: "Мировые цены на нефть снизились",
    text: "Мировые цены на нефть по итогам торгов на ведущих биржах Лондона и Нью-Йорка незначительно снизились.",
  };

  it("lends a source's home region to its local-looking articles only", () => {
    expect(tagger.tag(local)).not.toContain("central-asia");
    expect(tagger.tag({ ...local, sourceRegion: "central-asia" })).toContain("central-asia");
    expect(tagger.tag({ ...debate, sourceRegion: "central-asia" })).toContain("central-asia");
    // An article with no sign of the region gets nothing from its source.
    expect(tagger.tag({ ...world, sourceRegion: "central-asia" })).not.toContain("central-asia");
  });

  it("counts local words only for the source's own region", () => {
    expect(tagger.tag({ ...local, sourceRegion: "russia" })).not.toContain("central-asia");
    expect(tagger.tag({ ...local, sourceRegion: "no-such-topic" })).toEqual(tagger.tag(local));
    const explained = tagger.explain({ ...local, sourceRegion: "central-asia" }).find((s) => s.slug === "central-asia");
    expect(explained?.evidence).toContain("(source region)");
  });

  it("is a weak prior: its weight is configurable and 0 turns it off", () => {
    const off = createTagger(BUILTIN_TOPICS, { sourcePrior: 0 });
    const withOff = off.explain({ ...local, sourceRegion: "central-asia" }).find((s) => s.slug === "central-asia")!;
    const withOn = tagger.explain({ ...local, sourceRegion: "central-asia" }).find((s) => s.slug === "central-asia")!;
    expect(withOn.score - withOff.score).toBeCloseTo(1);
  });

  it("works for English articles of a regional source", () => {
    const english = {
      title: "Parliament debates the budget",
      text: "Members of the Jogorku Kenesh argued over a loss of 500 million som in customs revenue.",
    };
    expect(tagger.tag(english)).toContain("central-asia");
    const soms = { title: "Budget loses revenue", text: "The budget lost 500 million som, the finance ministry said." };
    expect(tagger.tag(soms)).not.toContain("central-asia");
    expect(tagger.tag({ ...soms, sourceRegion: "central-asia" })).toContain("central-asia");
  });
});
