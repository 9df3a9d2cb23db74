import { describe, expect, it } from "vitest";
import { cleanPostText, deriveHeadline, deriveSummary } from "../../src/stories/headline.js";

describe("deriveHeadline", () => {
  it("reads the first line left after cleaning, however many lines of decoration come before it", () => {
    const text = "👉 https://t.me/example\n\n#новости\n⚡️Доллар поднялся выше 109 рублей. Евро тоже подорожал\nВторая строка поста";
    expect(deriveHeadline(text)).toBe("Доллар поднялся выше 109 рублей");
    expect(cleanPostText(text).split("\n")[0]).toBe("Доллар поднялся выше 109 рублей. Евро тоже подорожал");
    expect(deriveHeadline("👉 https://t.me/example\n\n😄— Подписаться\n")).toBe("");
    expect(deriveHeadline("")).toBe("");
  });

  it("drops leading emoji markers", () => {
    expect(deriveHeadline("⚡️Доллар поднялся выше 109 рублей, — данные торгов.")).toBe("Доллар поднялся выше 109 рублей, — данные торгов");
    expect(deriveHeadline("❗️📹 Кадры падения астероида в Якутии")).toBe("Кадры падения астероида в Якутии");
  });

  it("drops trailing channel promos, mentions and bare links", () => {
    const text = "Евро выше 113 рублей на бирже\n\n👉 Топор Live. Подписаться";
    expect(deriveHeadline(text)).toBe("Евро выше 113 рублей на бирже");
    expect(cleanPostText(text)).toBe("Евро выше 113 рублей на бирже");
    expect(deriveHeadline("Нацбанк Казахстана начал валютные интервенции. @banksta")).toBe("Нацбанк Казахстана начал валютные интервенции");
    expect(cleanPostText("Молодыми будут считаться люди до 60 лет\n\n😄— Подписаться")).toBe("Молодыми будут считаться люди до 60 лет");
    expect(cleanPostText("Вояджер-1 восстановил связь с Землей\n\nПодробнее: https://example.org/a/1")).toBe(
      "Вояджер-1 восстановил связь с Землей",
    );
  });

  it("drops struck-out words and their markers", () => {
    expect(deriveHeadline("~~Учёные~~ Yota наконец выяснили, какой тариф нужен пользователям")).toBe("Yota наконец выяснили, какой тариф нужен пользователям");
    expect(deriveHeadline("После этого ~~крылышка~~ видео из KFC у вас будет гореть")).toBe("После этого видео из KFC у вас будет гореть");
    // An unpaired marker goes, its words stay.
    expect(deriveHeadline("Цены ~~выросли снова")).toBe("Цены выросли снова");
  });

  it("keeps the news of a line that ends in a promo, and only promos go", () => {
    expect(deriveHeadline("💸Доллар упал ниже 104 рублей, евро — ниже 110 рублей. 😄— Подписаться")).toBe(
      "Доллар упал ниже 104 рублей, евро — ниже 110 рублей",
    );
    expect(cleanPostText("Курс евро снизился\n\n👉 Москва с огоньком Live. Подписаться")).toBe("Курс евро снизился");
    expect(cleanPostText("Новость дня 👉 Подпишись на канал")).toBe("");
    // The verb in news: «подписать» (to sign), or «подписаться» on something that is not a channel.
    expect(deriveHeadline("Зеленский может подписать указ о выборах")).toBe("Зеленский может подписать указ о выборах");
    expect(deriveHeadline("Минфин призвал граждан подписаться на облигации федерального займа")).toBe(
      "Минфин призвал граждан подписаться на облигации федерального займа",
    );
  });

  it("drops hashtags and skips a first line that is only decoration", () => {
    expect(deriveHeadline("🔥🔥🔥\nРобот из Интерстеллара учится шутить #ии #робототехника")).toBe(
      "Робот из Интерстеллара учится шутить",
    );
  });

  it("takes the first sentence, not the whole first paragraph", () => {
    const text = "Астероид упал над Якутией. Его падение сняли жители Олёкминска, кадры публикуют местные каналы.";
    expect(deriveHeadline(text)).toBe("Астероид упал над Якутией");
  });

  it("does not end a sentence at an early abbreviation", () => {
    expect(deriveHeadline("В г. Москве открыли каток на ВДНХ. Вход свободный.")).toBe("В г. Москве открыли каток на ВДНХ");
  });

  it("does not end a sentence at an abbreviation or an initial further on", () => {
    expect(deriveHeadline("Пожар в здании казармы полка ППСН им. Героя России потушен. Пострадавших нет.")).toBe("Пожар в здании казармы полка ППСН им. Героя России потушен");
    expect(deriveHeadline("Из зоны подтопления эвакуированы 5 тыс. человек. Работают спасатели.")).toBe("Из зоны подтопления эвакуированы 5 тыс. человек");
    expect(deriveHeadline("Выставку открыл художник Иван И. Петров. Она продлится месяц.")).toBe("Выставку открыл художник Иван И. Петров");
    expect(deriveHeadline("Суд вынес приговор по делу о краже. Осуждённый обжалует его.")).toBe("Суд вынес приговор по делу о краже");
  });

  it("cuts a long first sentence at a word boundary with an ellipsis", () => {
    const long =
      "Президент Южной Кореи Юн Сок Ёль объявил о введении военного положения в стране, заявив в телеобращении о необходимости защитить конституционный порядок от антигосударственных сил";
    const headline = deriveHeadline(long, 80);
    expect(headline.length).toBeLessThanOrEqual(81);
    expect(headline.endsWith("…")).toBe(true);
    expect(long.startsWith(headline.slice(0, -1))).toBe(true);
    expect(long[headline.length - 1]).toBe(" ");
  });

  it("works for English posts", () => {
    expect(deriveHeadline("⚡ BREAKING: South Korea's president declares martial law. More soon. https://t.co/x")).toBe(
      "BREAKING: South Korea's president declares martial law",
    );
  });

  it("joins a speaker's label to the first sentence after it", () => {
    const quote = "⚡️Зеленский:\n\n«ПВО не хватает. Украине нужна защита для двадцати объектов».\n\n👉 Топор Live. Подписаться";
    expect(deriveHeadline(quote)).toBe("Зеленский: «ПВО не хватает. Украине нужна защита для двадцати объектов»");
    const list = "⚡️Заявления министра:\n\n— Налоги в следующем году не вырастут. Это решено;\n\n— Пенсии проиндексируют";
    expect(deriveHeadline(list)).toBe("Заявления министра: Налоги в следующем году не вырастут");
    expect(deriveHeadline("Trump on Canada: https://t.co/x\nCanada could become the 51st state, he told reporters.")).toBe(
      "Trump on Canada: Canada could become the 51st state, he told reporters",
    );
  });

  it("keeps a label alone when nothing follows, and a long line ending in a colon as it is", () => {
    expect(deriveHeadline("⚡️Минобороны РФ:\n\n👉 Топор Live. Подписаться")).toBe("Минобороны РФ");
    expect(deriveHeadline("Тбилиси, обстановка\n\nВ Грузии неделю идут протесты.")).toBe("Тбилиси, обстановка");
    const long = "В Москве объявили о перекрытии движения на выходных в центре города на следующих улицах:\nТверская, Моховая";
    expect(deriveHeadline(long)).toBe("В Москве объявили о перекрытии движения на выходных в центре города на следующих улицах");
  });

  it("closes the quotes a sentence end or a cut left open", () => {
    expect(deriveHeadline("Министр Сибига: «Нам срочно нужно минимум 20 систем ПВО. Это вопрос выживания»")).toBe(
      "Министр Сибига: «Нам срочно нужно минимум 20 систем ПВО»",
    );
    expect(deriveHeadline("Глава МИД заявил: „Мы не позволим этого. Никогда“ — и ушёл")).toBe("Глава МИД заявил: „Мы не позволим этого“");
    const long = 'Патриарх назвал "стоп-машиной" новую систему и поблагодарил учёных, "создающих такое оружие для защиты страны от врагов"';
    const headline = deriveHeadline(long, 80);
    expect(headline).toMatch(/…"$/);
    expect(headline.length).toBeLessThanOrEqual(82);
    expect(deriveHeadline("«Лучшие люди» и другие новости дня. Вторая фраза")).toBe("«Лучшие люди» и другие новости дня");
  });

  it("closes English quotations, and quotes nested in others, innermost first", () => {
    expect(deriveHeadline("The minister said: “We need twenty systems right now. It is survival”")).toBe(
      "The minister said: “We need twenty systems right now”",
    );
    expect(deriveHeadline("Он сказал: «Это „последнее предупреждение. Других не будет“»")).toBe("Он сказал: «Это „последнее предупреждение“»");
    // A closer ends the quotations opened inside it, so nothing is closed twice.
    expect(deriveHeadline("Газета «Вести „Дня» пишет о погоде. Вторая фраза")).toBe("Газета «Вести „Дня» пишет о погоде");
    const cut = deriveHeadline("The report called it “a turning point for the whole region and for every country that borders it", 60);
    expect(cut).toMatch(/…”$/);
    expect(cut.length).toBeLessThanOrEqual(62);
  });

  it("drops a full stop the headline ends with, but not an abbreviation's", () => {
    expect(deriveHeadline("Биткоин выше $95000.\n\n#крипта")).toBe("Биткоин выше $95000");
    expect(deriveHeadline("Скидки и т.д.")).toBe("Скидки и т.д.");
    expect(deriveHeadline("Что дальше...")).toBe("Что дальше...");
  });

  it("keeps a question's or an exclamation's mark", () => {
    expect(deriveHeadline("⚡️Зеленский: На что должна пойти Россия? Желательно, на три буквы.")).toBe("Зеленский: На что должна пойти Россия?");
    expect(deriveHeadline("«На что должна пойти Россия? Желательно на три буквы» — Зеленский")).toBe("«На что должна пойти Россия?»");
    expect(deriveHeadline("Первый снег в Москве выпадет уже в пятницу! Синоптики обещают до 5 см.")).toBe("Первый снег в Москве выпадет уже в пятницу!");
  });

  it("runs over a line break inside the first sentence, not past a blank line or a new sentence", () => {
    const wrapped = "Протесты в Тбилиси: полиция применила водометы около \nздания парламента \n\nНа многотысячной акции начались столкновения.";
    expect(deriveHeadline(wrapped)).toBe("Протесты в Тбилиси: полиция применила водометы около здания парламента");
    expect(deriveHeadline("Протесты в Тбилиси\n\nполиция применила водометы")).toBe("Протесты в Тбилиси");
    expect(deriveHeadline("Протесты в Тбилиси\nПолиция применила водометы")).toBe("Протесты в Тбилиси");
    expect(deriveHeadline("Протесты в Тбилиси.\nполиция применила водометы")).toBe("Протесты в Тбилиси");
    const long = `${"очень ".repeat(30)}длинная строка\nи её продолжение`;
    expect(deriveHeadline(long, 80).length).toBeLessThanOrEqual(81);
  });

  it("gives nothing for a post without words", () => {
    expect(deriveHeadline("🔥🔥 https://t.me/+abc #news")).toBe("");
  });
});

describe("deriveSummary", () => {
  it("is the cleaned text on one line", () => {
    expect(deriveSummary("⚡️Первая строка.\n\nВторая строка.\n\n👉 Топор Live. Подписаться", 200)).toBe("Первая строка. Вторая строка.");
  });

  it("ends a line that had no full stop where the next line opens a sentence", () => {
    expect(deriveSummary("Неизвестный вирус убил 140 человек. Симптомы похожи на грипп и ковид\n\nЗаболевание обнаружили в провинции Кванго.", 300)).toBe(
      "Неизвестный вирус убил 140 человек. Симптомы похожи на грипп и ковид. Заболевание обнаружили в провинции Кванго.",
    );
    // A line ending in a quote or a number ends a sentence too; a colon, a comma or a lower-case next line does not.
    expect(deriveSummary("Зеленский: «ПВО не хватает»\nОн попросил ещё 20\n2025 год станет решающим", 300)).toBe(
      "Зеленский: «ПВО не хватает». Он попросил ещё 20. 2025 год станет решающим",
    );
    expect(deriveSummary("Победители:\n1. Ринат\n\nПравила розыгрыша,\nкоторые мы обновили\nв среду", 300)).toBe(
      "Победители 1. Ринат. Правила розыгрыша, которые мы обновили в среду",
    );
    // Cut right after a full stop, the ellipsis takes its place.
    expect(deriveSummary("Релиза ещё не было\nОн ожидается в декабре", 22)).toBe("Релиза ещё не было…");
  });

  it("is the same at the cut whether or not the lines after it were read", () => {
    // The line that crosses the cut takes its full stop from the line after it; later lines never show.
    const tail = "\n\nЕщё абзац.\n👉 Канал. Подписаться".repeat(200);
    expect(deriveSummary(`Первая строка без точки\nВторая строка тоже длинная${tail}`, 30)).toBe("Первая строка без точки…");
    expect(deriveSummary(`Первая строка без точки\nВторая строка тоже длинная${tail}`, 40)).toBe("Первая строка без точки. Вторая строка…");
    expect(deriveSummary(`Ааа ббб ввв\nгде продолжение${tail}`, 24)).toBe("Ааа ббб ввв где…");
    expect(deriveSummary(`Ааа ббб ввв\nГде продолжение${tail}`, 24)).toBe("Ааа ббб ввв. Где…");
    // Short posts read to their end, the promo line dropped.
    expect(deriveSummary("Ааа ббб ввв\n\nГде продолжение\n👉 Канал. Подписаться", 300)).toBe("Ааа ббб ввв. Где продолжение");
  });
});
