import { describe, expect, it } from "vitest";
import { createStoryClusterer, createStoryIndex, DEFAULT_STORY_WINDOW_MS, storyFit, type StoryCore } from "../../src/stories/cluster.js";
import { extractFeatures, nameStem } from "../../src/stories/features.js";
import { deriveHeadline } from "../../src/stories/headline.js";
import { stemWord } from "../../src/topics/stem.js";
import { containment, headCover } from "../../src/stories/similarity.js";

const T0 = Date.parse("2024-12-03T13:40:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** Story ids of the texts, assigned in the given order (minutes after T0). */
function cluster(reports: [number, string][]): number[] {
  const clusterer = createStoryClusterer();
  return reports.map(([minutes, text]) => clusterer.assign({ title: "", text, publishedAt: at(minutes) }).storyId);
}

describe("near copies", () => {
  it("a repost with another emoji and promo is a near copy and joins", () => {
    const original =
      "Власти Германии закрывают немецкое бюро Первого канала. Сотрудникам корпункта в Берлине предписано уехать из страны до середины декабря.";
    const repost = `⚡️${original}\n\n👉 Топор Live. Подписаться`;
    const a = extractFeatures({ title: "", text: original, publishedAt: at(0) });
    const b = extractFeatures({ title: "", text: repost, publishedAt: at(5) });
    expect(containment(a.shingles, b.shingles)).toBeGreaterThanOrEqual(0.9);
    const [x, y] = cluster([
      [0, original],
      [5, repost],
    ]);
    expect(x).toBe(y);
  });
});

describe("same event vs follow-up (Russian)", () => {
  const declared = "Президент Южной Кореи Юн Сок Ёль объявил о введении военного положения, передает агентство Рёнхап.";
  const declaredOther =
    "❗️Президент Южной Кореи объявил военное положение в стране. Во время телеобращения Юн Сок Ёль назвал эту меру необходимой для защиты конституционного порядка.";
  const vote = "⚡️Парламент Южной Кореи проголосовал за отмену военного положения — спикер.";
  const bitcoin = "Bitcoin рухнул до $93 700 на фоне новости о введении военного положения в Южной Корее.";

  it("reports of one event in other words share a story", () => {
    const [a, b] = cluster([
      [0, declared],
      [11, declaredOther],
    ]);
    expect(a).toBe(b);
  });

  // On the day, many reports name South Korea and its martial law: the window statistics make those
  // names common, and the words that tell the events apart decide.
  const day: [number, string][] = [
    [1, "Президент Южной Кореи объявил о введении военного положения, передаёт агентство Рёнхап."],
    [2, "❗️Президент Южной Кореи Юн Сок Ёль объявил о введении военного положения — агентство Yonhap."],
    [3, "Президент Южной Кореи объявил военное положение в стране, сообщает Yonhap."],
    [8, "Минобороны Южной Кореи, где введено военное положение, приказало командующим провести совещание."],
    [9, "Около 5,3 тысячи туристов из России могут находиться в Южной Корее, где введено военное положение."],
    [12, "Командующий военным положением в Южной Корее объявил о приостановке работы парламента и партий."],
    [15, "Военные проникают в здание парламента Южной Кореи через окно — СМИ."],
  ];

  /** Story ids by text, the reports assigned in time order. */
  function clusterByText(reports: [number, string][]): (text: string) => number | undefined {
    const ordered = [...reports].sort((x, y) => x[0] - y[0]);
    const ids = cluster(ordered);
    return (text) => ids[ordered.findIndex(([, t]) => t === text)];
  }

  it("a consequence is a story of its own", () => {
    const story = clusterByText([[0, declared], ...day, [11, declaredOther], [19, bitcoin]]);
    expect(story(declared)).toBe(story(declaredOther));
    expect(story(bitcoin)).not.toBe(story(declared));
  });

  // In this small window the declaration's core takes in the commander's order (it names
  // parliament); the vote two hours later would join through it on shared words, but it undoes
  // what the declaration imposes.
  it("a follow-up two hours later is a story of its own", () => {
    const story = clusterByText([[0, declared], ...day, [11, declaredOther], [143, vote]]);
    expect(story(vote)).not.toBe(story(declared));
  });

  it("two statements of one official are two stories", () => {
    const [a, b] = cluster([
      [0, "Россия готова к переговорам по Украине на прежних условиях, заявил Владимир Путин на пресс-конференции в Астане."],
      [6, "Серийное производство ракетного комплекса «Орешник» началось, заявил Владимир Путин на пресс-конференции в Астане."],
    ]);
    expect(a).not.toBe(b);
  });

  it("two incidents in Moscow on one day are two stories", () => {
    const [a, b] = cluster([
      [0, "Стрельба в центре Москвы: неизвестный открыл огонь возле «Кофемании» на Большой Никитской, ранен один человек."],
      [30, "В центре Москвы такси столкнулось со скорой помощью у метро Окружная, пострадали два человека."],
    ]);
    expect(a).not.toBe(b);
  });
});

describe("imposing and undoing", () => {
  it("a report that lifts what another declared is another story; two wordings of the lifting are one", () => {
    const [declared, lifts, liftsOther] = cluster([
      [0, "Президент Южной Кореи Юн Сок Ёль объявил о введении военного положения в стране."],
      [150, "Президент Южной Кореи Юн Сок Ёль отменит военное положение на заседании правительства."],
      [152, "Президент Южной Кореи заявил, что отзовёт военное положение на заседании правительства."],
    ]);
    expect(lifts).not.toBe(declared);
    expect(liftsOther).toBe(lifts);
  });

  it("an English advisory lifted is not the advisory issued", () => {
    const [issued, issuedOther, lifted] = cluster([
      [0, "Japan issues tsunami advisory after a magnitude 7.1 earthquake hits Miyazaki prefecture."],
      [20, "A magnitude 7.1 earthquake struck off Miyazaki, and Japan issued a tsunami advisory for the coast."],
      [180, "Japan lifts the tsunami advisory issued after the magnitude 7.1 earthquake off Miyazaki."],
    ]);
    expect(issuedOther).toBe(issued);
    expect(lifted).not.toBe(issued);
  });

  it("reads a regime lifted («снят», «сняли») as undoing, the regime introduced as imposing", () => {
    const stance = (text: string) => extractFeatures({ title: "", text, publishedAt: at(0) }).stance;
    expect(stance("Режим «Ковёр» введён в аэропорту Махачкалы из-за угрозы атаки БПЛА.")).toBe("imposes");
    expect(stance("Режим «Ковер» снят в аэропорту Махачкалы, аэропорт работает в штатном режиме.")).toBe("undoes");
    expect(stance("С аэропорта Махачкалы сняли ограничения на полёты.")).toBe("undoes");
  });

  it("a vote against what was declared undoes it: it joins the vote to lift, not the declaration", () => {
    const stance = (text: string) => extractFeatures({ title: "", text, publishedAt: at(0) }).stance;
    expect(stance("Парламент Южной Кореи проголосовал против введения военного положения в стране.")).toBe("undoes");
    expect(stance("Парламент Южной Кореи выступил против, президент объявил военное положение.")).toBe("imposes");
    const [declared, lifted, against] = cluster([
      [0, "Президент Южной Кореи объявил о введении военного положения в стране, передаёт агентство Рёнхап."],
      [140, "Парламент Южной Кореи проголосовал за отмену военного положения в стране, сообщает его спикер."],
      [151, "Парламент Южной Кореи проголосовал против введения военного положения в стране, сообщают Yonhap и Reuters."],
    ]);
    expect(lifted).not.toBe(declared);
    expect(against).toBe(lifted);
  });

  it("undoing told against a report that imposes nothing may still be one event", () => {
    const [a, b] = cluster([
      [0, "Минцифры опровергло информацию СМИ об отмене IT-отсрочки: оформленные брони действуют до 21 марта."],
      [10, "Минцифры сообщило, что IT-отсрочка остаётся: оформленные брони действуют до 21 марта."],
    ]);
    expect(a).toBe(b);
  });
});

describe("roundups", () => {
  it("a channel's roundup of the day joins no story and none joins it; its repost does", () => {
    const roundup = "❗️Главное к вечеру вторника\n\n👉Президент Южной Кореи Юн Сок Ёль объявил в стране военное положение. Против проголосовал парламент.\n\n👉В Тбилиси продолжаются протесты.";
    const [declared, round, declaredAgain, repost] = cluster([
      [0, "Президент Южной Кореи Юн Сок Ёль объявил в стране военное положение, сообщает Yonhap."],
      [30, roundup],
      [60, "Президент Южной Кореи Юн Сок Ёль объявил военное положение в стране, передаёт Рёнхап."],
      [90, `${roundup}\n\n👉 Подписаться`],
    ]);
    expect(round).not.toBe(declared);
    expect(declaredAgain).toBe(declared);
    expect(repost).toBe(round);
  });

  it("knows a roundup by its opening words, or «главные события» near the start", () => {
    const at0 = at(0);
    expect(extractFeatures({ title: "", text: "Спецоперация. Обстановка и главные события на 30 ноября", publishedAt: at0 }).roundup).toBe(true);
    expect(extractFeatures({ title: "", text: "Суд рассмотрит дело в декабре. Главные события процесса впереди", publishedAt: at0 }).roundup).toBe(false);
    expect(extractFeatures({ title: "Новости к этому часу", text: "Nvidia, Google и ЦЕРН.", publishedAt: at0 }).roundup).toBe(true);
    expect(extractFeatures({ title: "", text: "Главное к утру среды: Израиль и Ливан", publishedAt: at0 }).roundup).toBe(true);
    expect(extractFeatures({ title: "", text: "Главное из брифинга представителя МИД Марии Захаровой", publishedAt: at0 }).roundup).toBe(false);
    expect(extractFeatures({ title: "", text: "Главное — продолжение войны, заявил он утром", publishedAt: at0 }).roundup).toBe(false);
  });
});

describe("same event vs follow-up (English)", () => {
  it("joins two wordings of one event and keeps the reaction apart", () => {
    const [a, b, c] = cluster([
      [0, "Joe Biden pardons his son Hunter Biden on federal gun and tax charges, the White House said."],
      [40, "US President Joe Biden has pardoned his son Hunter over gun and tax convictions."],
      [110, "Donald Trump calls the Hunter Biden pardon an abuse and miscarriage of justice."],
    ]);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});

describe("the window", () => {
  const text = "Курс евро на внебиржевом рынке Forex превысил 115 рублей впервые с 23 марта 2022 года.";
  const other = "Евро на внебиржевом рынке Forex превысил 115 рублей — впервые с 23 марта 2022 года.";

  it("joins a report just inside the window and not one just outside it", () => {
    const window = DEFAULT_STORY_WINDOW_MS / 60_000;
    const inside = createStoryClusterer();
    const s1 = inside.assign({ title: "", text, publishedAt: at(0) }).storyId;
    expect(inside.assign({ title: "", text: other, publishedAt: at(window - 1) }).storyId).toBe(s1);

    const outside = createStoryClusterer();
    const s2 = outside.assign({ title: "", text, publishedAt: at(0) }).storyId;
    expect(outside.assign({ title: "", text: other, publishedAt: at(window + 1) }).storyId).not.toBe(s2);
  });

  it("reports isNew only for the first report of a story", () => {
    const clusterer = createStoryClusterer();
    expect(clusterer.assign({ title: "", text, publishedAt: at(0) }).isNew).toBe(true);
    expect(clusterer.assign({ title: "", text: other, publishedAt: at(3) }).isNew).toBe(false);
  });
});

describe("recurring events", () => {
  const night = "ВВС Украины: ночью были сбиты 76 «Шахедов». Еще 20 дронов локационно потеряны, сообщили в командовании.";
  const hours = (h: number) => h * 60;

  it("keeps the next night's report with other numbers apart, however alike the wording", () => {
    const next = "ВВС Украины: ночью были сбиты 36 «Шахедов». Еще 12 дронов локационно потеряны, сообщили в командовании.";
    const [a, b] = cluster([
      [0, night],
      [hours(24), next],
    ]);
    expect(a).not.toBe(b);
  });

  it("still joins a repost a day later, and a corrected figure within hours", () => {
    const [a, b] = cluster([
      [0, night],
      [hours(24), `⚡️${night}`],
    ]);
    expect(a).toBe(b);
    const corrected = "ВВС Украины: ночью были сбиты 78 «Шахедов». Еще 20 дронов локационно потеряны, уточнили в командовании.";
    const [c, d] = cluster([
      [0, night],
      [hours(2), corrected],
    ]);
    expect(c).toBe(d);
  });
});

describe("names in their cases", () => {
  it("gives every case of a Russian name one stem", () => {
    const forms = ["Корея", "Корее", "Кореи", "Кореей"].map((word) => nameStem(stemWord(word)[0]!));
    expect(new Set(forms).size).toBe(1);
    expect(nameStem(stemWord("Пезешкиан")[0]!)).toBe(nameStem(stemWord("Пезешкианом")[0]!));
    // Ordinary words and Latin names keep their stems.
    expect(nameStem("reuter")).toBe("reuter");
  });

  it("joins two reports that name the same person in different cases", () => {
    const [a, b] = cluster([
      [0, "Владимир Путин провёл телефонный разговор с Масудом Пезешкианом, сообщили в Кремле."],
      [9, "Масуд Пезешкиан и Владимир Путин провели телефонный разговор, сообщает Кремль."],
    ]);
    expect(a).toBe(b);
  });
});

describe("coherence with the seed", () => {
  const f = (minutes: number, text: string) => extractFeatures({ title: "", text, publishedAt: at(minutes) });
  const seed = f(0, "Байден помиловал своего сына Хантера, сообщает Белый дом.");
  const second = f(20, "Джо Байден объявил о помиловании своего сына Хантера по двум уголовным делам.");
  const story: StoryCore = { id: 1, members: [seed, second], seedAt: seed.at, keys: new Set() };

  it("asks the seed for its headline, and the best core report for the action", () => {
    // Against the seed alone the action differs («помиловал» / «объявил о помиловании … по делам»),
    // but the report tells the seed's event and tells it as the second core report does.
    const report = f(40, "Президент США Джо Байден объявил о помиловании Хантера по двум уголовным делам о налогах и оружии.");
    expect(storyFit(report, { ...story, members: [seed] })).toBeUndefined();
    expect(storyFit(report, story)).toBeGreaterThan(0);
  });

  it("keeps out a report that shares only names with the seed", () => {
    const report = f(40, "Джо Байден прибыл в Анголу с визитом, первым для президента США за десять лет.");
    expect(storyFit(report, story)).toBeUndefined();
  });
});

describe("words of one root", () => {
  it("tells a six-letter stem by a longer stem of that root, both ways", () => {
    const f = (text: string) => extractFeatures({ title: "", text, publishedAt: at(0) });
    // «декрет» → декрет, «декретный» → декретн: the first is told by the second and back; «отпуск» is not.
    expect(headCover(f("Декрет"), f("Декретный отпуск"))).toBeCloseTo(0.75);
  });
});

describe("the lead a report is read by", () => {
  it("does not read a derived headline twice, also when it joins a label line to the next", () => {
    // The lead (70 words) holds the last word only if the headline is not read before the body again.
    const filler = Array.from({ length: 58 }, (_, i) => `слово${"абвгдежзиклмнопрстуфхцчшщэюя"[i % 29]}`).join(" ");
    const last = nameStem(stemWord("Кяхта")[0]!);
    for (const text of [
      `⚡️Министр финансов:\n\n«Налоги в следующем году для граждан не вырастут». Далее ${filler} Кяхта`,
      `Министр финансов: налоги в следующем году для граждан не вырастут. Далее ${filler} Кяхта`,
    ]) {
      const features = extractFeatures({ title: deriveHeadline(text), text, publishedAt: at(0) });
      expect(deriveHeadline(text)).toMatch(/^Министр финансов: .*вырастут»?$/);
      expect(features.terms.has(last)).toBe(true);
    }
  });
});

describe("candidate lookup", () => {
  const story = (id: number, keys: string[]): StoryCore => ({ id, members: [], seedAt: T0, keys: new Set(keys) });
  const report = extractFeatures({ title: "", text: "x", publishedAt: at(30) });

  it("ranks stories by the weight of the keys they share, so one rare key beats two common ones", () => {
    const index = createStoryIndex<number>();
    index.add(story(1, ["южн", "кор"]));
    index.add(story(2, ["nissan"]));
    const keys = ["южн", "кор", "nissan"];
    expect(index.candidates(report, keys, DEFAULT_STORY_WINDOW_MS).map((s) => s.id)).toEqual([1, 2]);
    const weight = (key: string) => (key === "nissan" ? 1 : 0.3);
    expect(index.candidates(report, keys, DEFAULT_STORY_WINDOW_MS, weight).map((s) => s.id)).toEqual([2, 1]);
  });
});

describe("a rare place anchors one incident", () => {
  it("joins two differently worded reports of one local incident", () => {
    const [a, b] = cluster([
      [0, "На проспекте Багратиона загорелась BMW X5. Водитель и пассажир успели выбежать из машины, никто не пострадал."],
      [50, "Автомобиль загорелся на ходу на проспекте Багратиона, движение в сторону области временно перекрыли."],
    ]);
    expect(a).toBe(b);
  });

  it("keeps apart two incidents that share only their city", () => {
    const [a, b] = cluster([
      [0, "На проспекте Багратиона загорелась BMW X5. Водитель и пассажир успели выбежать из машины, никто не пострадал."],
      [40, "В Москве на Ленинградском проспекте столкнулись пятнадцать автомобилей и автобус, движение затруднено."],
    ]);
    expect(a).not.toBe(b);
  });

  it("does not join two statements anchored to one speaker and place (English)", () => {
    const [a, b] = cluster([
      [0, "Vladimir Putin said in Astana that Russia is ready for talks on Ukraine on the same terms."],
      [5, "Vladimir Putin said in Astana that serial production of the Oreshnik missile has begun."],
    ]);
    expect(a).not.toBe(b);
  });
});

describe("reports without names", () => {
  it("join when each tells the other's headline, action included", () => {
    const [a, b] = cluster([
      [0, "Москвичка обвинила психолога-экстрасенса в сексуальном насилии под гипнозом. Семейная пара обратилась к нему из-за проблем в отношениях."],
      [120, "Москвичка обвинила психолога-экстрасенса в сексуальном насилии: он якобы ввёл её в гипноз во время сеанса, пара обратилась в полицию."],
    ]);
    expect(a).toBe(b);
  });

  it("stay apart when two words of a short headline are all they share", () => {
    const [a, b] = cluster([
      [0, "Первая новость ленты"],
      [30, "Свежая новость из ленты"],
    ]);
    expect(a).not.toBe(b);
  });

  it("stay apart when each headline carries a number the other lacks", () => {
    const [a, b] = cluster([
      [0, "Городская хроника, выпуск 41"],
      [10, "Городская хроника, выпуск 42"],
    ]);
    expect(a).not.toBe(b);
  });

  it("stay apart when they share only the frame of the text", () => {
    const [a, b] = cluster([
      [0, "Сегодня отмечается День борьбы с ожирением: этот праздник призван остановить распространение болезни."],
      [90, "Сегодня отмечается День финансовой помощи: в этот праздник никто не вправе отказать в деньгах."],
    ]);
    expect(a).not.toBe(b);
  });
});

describe("words of one class tell one happening", () => {
  it("counts «возгорание» as telling «пожар», and «разросся» as telling «распространился»", () => {
    const fire = extractFeatures({ title: "", text: "Пожар на складе в Климовске", publishedAt: at(0) });
    const blaze = extractFeatures({ title: "", text: "Возгорание на складе в Климовске", publishedAt: at(5) });
    expect(headCover(fire, blaze)).toBe(1);
    const spread = extractFeatures({ title: "", text: "Огонь распространился", publishedAt: at(0) });
    const grew = extractFeatures({ title: "", text: "Пожар разросся", publishedAt: at(5) });
    expect(headCover(spread, grew)).toBe(1);
  });

  it("joins police pushing protesters back, told by two channels", () => {
    const [a, b] = cluster([
      [0, "Полиция оттесняет протестующих на проспекте Руставели. Участников акции вытеснили с территории перед парламентом Грузии."],
      [40, "Спецназ вытеснил участников оппозиционного митинга с проспекта Руставели в Тбилиси, передает корреспондент."],
    ]);
    expect(a).toBe(b);
  });

  // Talks and a meeting are one kind of event, but two meetings of one leader in one city are two
  // stories: no class for them, or the counterpart's name alone would have to keep them apart.
  it("keeps two meetings of one leader in one city apart", () => {
    const [a, b] = cluster([
      [0, "Переговоры Путина и Си Цзиньпина пройдут в Казани."],
      [120, "Встреча Путина и Моди пройдёт в Казани."],
    ]);
    expect(a).not.toBe(b);
  });

  // A class joins the action, not the place: the names must still agree.
  it("keeps two fires in two cities apart", () => {
    const [a, b] = cluster([
      [0, "В подмосковном Климовске огонь распространился на площади 1300 квадратных метров, горит производственное здание."],
      [30, "В Казани возгорание на складе распространилось на площадь 800 квадратных метров, сообщает МЧС."],
    ]);
    expect(a).not.toBe(b);
  });
});

describe("a short post inside a long one", () => {
  const flash = "⚡️Киев не раз пытался атаковать цели в Москве и Санкт-Петербурге, заявил Путин.";
  const list =
    "Минобороны и Генштаб подбирают цели для поражения на территории Украины, заявил Путин на пресс-конференции в Астане.\n\n" +
    "Другие заявления президента:\n— серийное производство ракетных систем уже началось;\n— мощь массированного удара сопоставима с ядерным оружием;\n" +
    "— Киев не раз пытался атаковать цели в Москве и Санкт-Петербурге, заявил Путин;\n— российская армия наступает на всех направлениях фронта.";

  it("is not a copy of a post that lists it among other statements and leads with another", () => {
    const [a, b] = cluster([
      [0, list],
      [3, flash],
    ]);
    expect(a).not.toBe(b);
  });

  it("is a copy of a post that leads with it and adds details", () => {
    const detailed =
      "Киев не раз пытался атаковать цели в Москве и Санкт-Петербурге, заявил Путин. По словам президента, такие попытки предпринимались " +
      "неоднократно, однако системы противовоздушной обороны справились со всеми угрозами, а ответные меры уже готовятся военными.";
    const [a, b] = cluster([
      [0, detailed],
      [3, flash],
    ]);
    expect(a).toBe(b);
  });
});
