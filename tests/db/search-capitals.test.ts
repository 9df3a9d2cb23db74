import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createStoryListRepository } from "../../src/db/repositories/story-lists.js";
import { createNewsQueries, searchText } from "../../src/news/queries.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;

const base = Date.parse("2026-05-10T12:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  const sourceId = await repos.sources.upsert({ url: "https://caps.example", title: "Caps Example", kind: "file" });
  const row = (n: number, title: string, body: string) => ({
    sourceId,
    url: `https://caps.example/${n}`,
    title,
    summary: body,
    body,
    publishedAt: new Date(base - n * 60_000),
    contentHash: `caps-${n}`,
  });
  // «СВО» and «своим» share Snowball's stem (сво); «ОПЕК» and «опеки» (guardianship) share «опек».
  await repos.articles.insertMany([
    row(1, "Доброволец уехал на СВО", "Он служит вместе с отцом."),
    row(2, "Кот будит хозяина своим мяуканьем", "И делает это своими лапами."),
    row(3, "Встреча ОПЕК+ перенесена", "Страны картеля встретятся в четверг."),
    row(4, "Органы опеки проверили семью", "Детей оставили с отцом."),
    row(5, "Путин и Трамп созвонились", "Разговор длился час."),
    row(6, "ВЫБОРЫ В США: ИТОГИ", "Подсчёт голосов завершён."),
    // «Рубио» and «руб.» share Snowball's stem (руб); «Сирия» and «сирены» (сир).
    row(7, "Рубио возглавит Госдеп", "Марко Рубио утверждён в должности."),
    row(8, "Кофе подорожал до 900 руб.", "За пачку."),
    row(9, "В Сирии возобновились бои", "Бои идут у Алеппо."),
    row(10, "Сирены звучали всю ночь", "Жители не спали."),
    row(11, "Бумеранг позволит рубить деревья", "Игра выйдет весной."),
    // «Китая» stems to «кит» (as the whale), «Китай» to «кита».
    row(12, "Визит в Китай перенесён", "Делегация вылетит в пятницу."),
    row(13, "На берег выбросило кита", "Спасатели вернули его в море."),
    // «Песков» and «песком» share Snowball's stem (песк), «Медведев» and «медведица» (медвед).
    row(14, "Пескову задали вопрос о курсе", "Дмитрий Песков ответил журналистам."),
    row(15, "Пляж засыпали свежим песком", "Работы закончат к маю."),
    row(16, "Медведица Айка празднует день рождения", "В зоопарке ей подарили моржа."),
    // In lower case: «радио» stems to «рад», as «Рада» (the Verkhovna Rada) and «рад» (glad).
    row(17, "Радиостанция сменила частоту", "Эфир радио продолжится."),
    row(18, "Рада приняла закон о мобилизации", "Депутаты голосовали ночью."),
    row(19, "Сирийские беженцы возвращаются домой", "Границу открыли утром."),
    row(20, "Новая школа открылась в Казани", "Учеников встретили директор и мэр."),
    row(21, "Новый мост построят к осени", "Подрядчик выбран."),
    // «ради» (for the sake of) is «радио»'s stem and «и» with nothing after.
    row(22, "Лов воблы запретили ради её спасения", "Запрет продлится год."),
    row(23, "Ради спасения осетра закрыли промысел", "Запрет продлится два года."),
  ]);
});

afterAll(async () => database.close());

describe("search for a word typed in capitals", () => {
  const titles = async (query: string) => (await createNewsQueries(repos).search(query, 10)).items.map((a) => a.title).sort();

  it("matches it as written, not by the stem everyday words share", async () => {
    expect(await titles("СВО")).toEqual(["Доброволец уехал на СВО"]);
    expect(await titles("ОПЕК")).toEqual(["Встреча ОПЕК+ перенесена"]);
    // A longer word in capitals does not contain it: «США» is found in a headline written in capitals.
    expect(await titles("США")).toEqual(["ВЫБОРЫ В США: ИТОГИ"]);
  });

  it("keeps a word in lower case a word like any other: its stem finds «своим» too", async () => {
    expect(await titles("сво")).toEqual(["Доброволец уехал на СВО", "Кот будит хозяина своим мяуканьем"]);
    expect(await titles("опеки")).toEqual(["Встреча ОПЕК+ перенесена", "Органы опеки проверили семью"]);
  });

  it("excludes only the word as written, and combines with the rest of the syntax", async () => {
    expect(await titles("хозяина -СВО")).toEqual(["Кот будит хозяина своим мяуканьем"]);
    expect(await titles("отцом -СВО")).toEqual(["Органы опеки проверили семью"]);
    expect(await titles("СВО or Трамп")).toEqual(["Доброволец уехал на СВО", "Путин и Трамп созвонились"]);
    expect(await titles("СВО Трамп")).toEqual([]);
    expect(await titles('"уехал на СВО"')).toEqual(["Доброволец уехал на СВО"]);
  });

  it("asks a capitalised name cut to a short stem to begin a capitalised word, in any of its cases", async () => {
    expect(await titles("Рубио")).toEqual(["Рубио возглавит Госдеп"]);
    expect(await titles("Сирия")).toEqual(["В Сирии возобновились бои", "Сирийские беженцы возвращаются домой"]);
    expect(await titles("кофе -Рубио")).toEqual(["Кофе подорожал до 900 руб."]);
    expect(await titles("Китая")).toEqual(["Визит в Китай перенесён"]);
    expect(await titles("Песков")).toEqual(["Пескову задали вопрос о курсе"]);
    expect(await titles("Медведев")).toEqual([]);
    expect(await titles("песков")).toEqual(["Пескову задали вопрос о курсе", "Пляж засыпали свежим песком"]);
    // In lower case the word need not be capitalised: «рубить» begins «руби» too, «руб.» does not.
    expect(await titles("рубио")).toEqual(["Бумеранг позволит рубить деревья", "Рубио возглавит Госдеп"]);
  });

  it("asks a noun in -ия/-ио typed in lower case to begin a word, in any case, with its stem and «и»", async () => {
    // Its cases only: unlike a capitalised name it is not widened to «сирийские» («ради» would take «радикал»).
    expect(await titles("сирия")).toEqual(["В Сирии возобновились бои"]);
    expect(await titles("радио")).toEqual(["Радиостанция сменила частоту"]);
    expect(await titles("мобилизации -радио")).toEqual(["Рада приняла закон о мобилизации"]);
    // The letters must begin a longer word: «ради» itself is another word, in either case.
    expect(await titles("Радио")).toEqual(["Радиостанция сменила частоту"]);
    expect(await titles("запрет -радио")).toEqual(["Лов воблы запретили ради её спасения", "Ради спасения осетра закрыли промысел"]);
    // Other words keep their stem alone: an adjective's forms differ right after a short stem.
    expect(await titles("новая")).toEqual(["Новая школа открылась в Казани", "Новый мост построят к осени"]);
  });

  it("walks the newest articles with the same condition as the sorted plan", async () => {
    // fewMatches 0: every query is walked through the date index.
    const walked = createStoryListRepository(database.db, { fewMatches: 0, walkCap: 50 });
    const titles = async (query: string) => (await walked.search(searchText(query), 10)).items.map((a) => a.title).sort();
    expect(await titles("СВО")).toEqual(["Доброволец уехал на СВО"]);
    expect(await titles("хозяина -СВО")).toEqual(["Кот будит хозяина своим мяуканьем"]);
    expect(await titles("сво")).toEqual(["Доброволец уехал на СВО", "Кот будит хозяина своим мяуканьем"]);
    expect(await titles("Рубио")).toEqual(["Рубио возглавит Госдеп"]);
    expect(await titles("кофе -Рубио")).toEqual(["Кофе подорожал до 900 руб."]);
    expect(await titles("радио")).toEqual(["Радиостанция сменила частоту"]);
    expect(await titles("Радио")).toEqual(["Радиостанция сменила частоту"]);
  });
});
