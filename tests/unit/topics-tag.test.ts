import { describe, expect, it } from "vitest";
import { compilePhrase, createTagger, LexiconError, stripDateline } from "../../src/topics/tag.js";
import { BUILTIN_SLUGS, BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import type { Topic } from "../../src/topics/types.js";

const tagger = createTagger(BUILTIN_TOPICS);
const tags = (title: string, text = ""): string[] => tagger.tag({ title, text });

describe("built-in taxonomy", () => {
  it("has the required topics, each named in both languages", () => {
    for (const slug of ["central-asia", "caucasus", "energy", "russia", "ukraine", "china", "europe", "usa",
      "middle-east", "economy", "sanctions", "security"]) {
      expect(BUILTIN_SLUGS).toContain(slug);
    }
    for (const topic of BUILTIN_TOPICS) {
      expect(topic.names.ru).not.toBe("");
      expect(topic.names.en).not.toBe("");
      expect(topic.lexicon.terms.length).toBeGreaterThan(0);
    }
  });

  it("compiles every lexicon phrase", () => {
    for (const topic of BUILTIN_TOPICS) {
      for (const term of topic.lexicon.terms) for (const p of [...term.match, ...term.unlessAny ?? []]) compilePhrase(p);
      for (const p of topic.lexicon.block ?? []) compilePhrase(p);
    }
  });

  it("has no phrase of several words that stop words shrink to one («chip in» blocked every chip)", () => {
    const shrunk: string[] = [];
    for (const topic of BUILTIN_TOPICS) {
      const phrases = [...topic.lexicon.terms.flatMap((t) => [...t.match, ...t.unlessAny ?? []]), ...topic.lexicon.block ?? []];
      for (const p of phrases) if (p.trim().split(/\s+/).length > 1 && compilePhrase(p).length === 1) shrunk.push(p);
    }
    expect(shrunk).toEqual([]);
  });

  it("blocks neither «fire» nor «chip» as a whole", () => {
    expect(tags("Fire at a warehouse in Leeds", "A large fire broke out; two people were injured.")).toContain("incidents");
    expect(tags("TSMC opens new chip plant", "The chips will be made in Arizona.")).toContain("technology");
    expect(tags("Minister came under fire for the budget", "Critics said the plan was unfair.")).not.toContain("incidents");
  });
});

describe("central-asia", () => {
  it.each([
    ["Казахстан", "Казахстан повысил пошлины"],
    ["Казахстана", "Экспорт Казахстана вырос"],
    ["казахстанская", "Казахстанская нефть пошла в Европу"],
    ["казахстанцы", "Казахстанцы скупают машины"],
    ["в Бишкеке", "В Бишкеке открыли парк"],
    ["бишкекский", "Бишкекский парк закрыли"],
    ["Мирзиёев", "Мирзиёев подписал указ"],
    ["Мирзиеев", "Мирзиеев подписал указ"],
    ["Мирзиёеву", "Мирзиёеву доложили о ценах"],
    ["Токаев", "Токаев провел совещание"],
    ["Жапаров", "Жапаров посетил Ош"],
    ["Рахмона", "Указ Рахмона вступил в силу"],
    ["Бердымухамедов", "Сердар Бердымухамедов открыл школу"],
    ["Узбекистанская", "Узбекистанская делегация прибыла"],
    ["киргизы", "Киргизы отметили праздник"],
    ["Нур-Султан", "В Нур-Султане прошел форум"],
    ["Алма-Ата", "Алма-Ата готовится к зиме"],
    ["Ферганская долина", "Ферганская долина страдает от засухи"],
    ["тенге", "Курс тенге снизился"],
    ["сомони", "Курс сомони стабилен"],
    ["Средняя Азия", "История Средней Азии в картах"],
    ["Жогорку Кенеш", "Жогорку Кенеш принял закон"],
    ["Kazakh", "Kazakh wheat exports rise"],
    ["Kazakhstani", "Kazakhstani banks cut rates"],
    ["Uzbek", "Uzbek president signs decree"],
    ["Kyrgyz", "Kyrgyz lawmakers approve budget"],
    ["Central Asian", "Central Asian leaders meet"],
    ["Bishkek", "Protest in Bishkek"],
    ["Согдийская область", "В Согдийской области построят завод"],
    ["Astana (city)", "В Астане открылся форум"],
  ])("tags %s", (_, title) => {
    expect(tags(title)).toContain("central-asia");
  });

  it.each([
    ["Astrakhan region", "В Астраханской области началась путина", "Рыбаки вышли на Волгу."],
    ["Kazan", "В Казани открыли новую станцию метро", ""],
    ["Kazan (English)", "Kazan hosts the BRICS summit", ""],
    ["Cossacks", "Кубанские казаки провели смотр", ""],
    ["Asian Development Bank", "Азиатский банк развития повысил прогноз", "Экономики Азии вырастут."],
    ["Asia alone", "Страны Азии нарастили закупки нефти", ""],
    ["Asian markets", "Asian markets slip", "Tokyo's Nikkei fell 1.2%."],
    ["Mongolia", "Монголия начала экспорт угля", ""],
    ["Xinjiang", "В Синьцзяне открыли железную дорогу", "Урумчи и Кашгар связала новая линия."],
    ["Afghanistan", "Талибы объявили о наборе в армию Афганистана", ""],
    ["Turkey", "Турция открыла новый терминал в Анталье", ""],
    ["catfish", "Рыбак выловил сома весом 80 килограммов", ""],
    ["Sumy", "Под Сумами отразили атаку", ""],
    ["Azerbaijan manat", "Курс азербайджанского маната не изменился", ""],
    ["Chuysky trakt", "На Чуйском тракте перевернулся автобус", "Пострадали туристы в Республике Алтай."],
    ["Astana format", "Встреча в астанинском формате по Сирии пройдет в Дохе", "Иран, Турция и Россия обсудят ситуацию."],
    ["Astana process", "Turkey hosts the Astana process talks on Syria", ""],
    ["Sogdiana", "Директор певицы Согдианы рассказал об отключении света", "В доме нет воды и тепла."],
  ])("does not tag %s", (_, title, text) => {
    expect(tags(title, text)).not.toContain("central-asia");
  });

  it("counts an ambiguous currency only next to other Central Asian evidence", () => {
    expect(tags("Средняя зарплата превысила 35 тысяч сомов", "Данные Нацстаткома Кыргызстана.")).toContain("central-asia");
    expect(tags("Цены выросли на 5 тысяч сомов")).not.toContain("central-asia");
  });

  it("tells Turkmenistan from Turkey", () => {
    expect(tags("Туркмения нарастила экспорт газа")).toEqual(expect.arrayContaining(["central-asia", "energy"]));
    expect(tags("Туркмения нарастила экспорт газа")).not.toContain("middle-east");
    expect(tags("Турция нарастила импорт газа")).not.toContain("central-asia");
  });
});

describe("other traps", () => {
  it("keeps the US state of Georgia apart from the country", () => {
    expect(tags("Georgia governor signs election bill", "The legislature in Atlanta passed it.")).toEqual(["usa"]);
    const country = tags("Georgia's ruling party wins election", "Crowds gathered in Tbilisi.");
    expect(country).toContain("caucasus");
    expect(country).not.toContain("usa");
    expect(tags("В Грузии прошли выборы")).toContain("caucasus");
    expect(tags("Груз из Китая задержали на границе")).not.toContain("caucasus");
    expect(tags("В штате Джорджия пересчитают голоса")).toEqual(["usa"]);
  });

  it("does not read «газета» or the Gaza Strip as gas", () => {
    expect(tags("Газета «Вечерний Бишкек» перешла в онлайн")).not.toContain("energy");
    expect(tags("Израиль нанес удары по сектору Газа")).not.toContain("energy");
    expect(tags("Армия Израиля продолжит операцию в Газе")).not.toContain("energy");
    expect(tags("Цены на газ в Европе упали")).toContain("energy");
    expect(tags("Экспорт газа вырос")).toContain("energy");
  });

  it("does not read a Moscow district or a football cup as countries", () => {
    expect(tags("На станции «Китай-город» закроют вестибюль")).not.toContain("china");
    expect(tags("«Зенит» вылетел из Лиги Европы")).not.toContain("europe");
    expect(tags("Аргентина выиграла Кубок Америки")).not.toContain("usa");
  });

  it("does not read everyday words that stem like a name as the name's country", () => {
    // «кит» (a whale) stems like «Китая», «сирены» like «Сирии», «руб.» like «Рубио», "main" like "Maine".
    expect(tags("В Приморье на берег выбросился кит, спасатели пытаются вернуть кита в море")).not.toContain("china");
    expect(tags("В городе включили сирены, жителей просят оставаться дома")).not.toContain("middle-east");
    expect(tags("Компания продала 5 тысяч квартир на 300 млн руб.")).not.toContain("usa");
    expect(tags("The main reason for the delay was the weather, officials said in the main hall")).not.toContain("usa");
    expect(tags("Поставки урана на АЭС выросли")).not.toContain("russia");
    expect(tags("Собаке дали кличку Граф")).not.toContain("ukraine");
    // «своим», «своём» stem like «СВО»: a cat story is neither Ukraine nor security news.
    const cats = tags("Котейки научились отключать будильники своим кожаным", "Ветер сносит всё на своём пути, сообщают жители Якутии.");
    expect(cats).not.toContain("ukraine");
    expect(cats).not.toContain("security");
    expect(tags("В зоне СВО погибли трое военных")).toContain("security");
    // A prefix reaches further than its word: «поэт*» took «поэтому», «Ирак*» «Ираклий», «осет*» sturgeon.
    expect(tags("Цены выросли, поэтому люди покупают меньше")).not.toContain("culture");
    expect(tags("Премьер Грузии Ираклий Кобахидзе заявил о приостановке переговоров")).not.toContain("middle-east");
    expect(tags("Осетровых рыб выпустили в Волгу")).not.toContain("caucasus");
    expect(tags("В Шушенском открыли музей")).not.toContain("caucasus");
    expect(tags("Борщевик захватил поля Подмосковья")).not.toContain("culture");
    expect(tags("Сборник рассказов вышел в издательстве, читатели ждали его долго")).toEqual([]);
    expect(tags("Делегация прибыла в Астану")).not.toContain("economy");
    expect(tags("В школе вспышка ветрянки, детей отправили на карантин")).not.toContain("energy");
    expect(tags("Органы опеки забрали детей из семьи")).not.toContain("energy");
    expect(tags("Страны ОПЕК+ сократили добычу")).toContain("energy");
    // English: "inventories" is no invention, "waged" no wage, "listeners" no sanctions list.
    const explained = (text: string, slug: string) => tagger.explain({ title: "", text }).find((s) => s.slug === slug)?.score ?? 0;
    expect(explained("Retailers cut inventories before the holidays", "technology")).toBe(0);
    expect(explained("The rebels waged war for years", "economy")).toBe(0);
    expect(explained("Listen to the podcast: listeners loved it", "sanctions")).toBe(0);
    // "Ural" (a university's name) is not Urals crude, "powerful" not power, "university" not the universe.
    expect(explained("Scientists at the Ural Federal University said", "energy")).toBe(0);
    expect(explained("World powers met in Geneva to discuss the powerful new treaty", "energy")).toBe(0);
    expect(explained("Students of the university protested", "technology")).toBe(0);
    expect(tags("Urals crude fell below the oil price cap")).toContain("energy");
    for (const [text, topic] of [["Умер известный поэт, его стихи читали миллионы", "culture"], ["В Ираке прошли выборы", "middle-east"],
      ["Южная Осетия провела выборы", "caucasus"], ["В Шуше открыли музей", "caucasus"], ["Сборная России по хоккею победила", "sport"]]) {
      expect(tags(text!)).toContain(topic);
    }
    const economy = tagger.explain({ title: "", text: "It is important to note the importance of sleep" }).find((s) => s.slug === "economy");
    expect(economy?.score ?? 0).toBe(0);
    expect(tags("US imports of Chinese steel fell", "Importers blamed the tariffs.")).toContain("economy");
    // The names themselves, in every case.
    for (const text of ["Экспорт из Китая вырос", "Переговоры с Китаем продолжатся", "Инвестиции в Китае растут"]) expect(tags(text)).toContain("china");
    for (const text of ["Бои в Сирии продолжаются", "Турция и Сирия обсудили границу", "Граница с Сирией закрыта"]) expect(tags(text)).toContain("middle-east");
    expect(tags("Рубио провел переговоры в Эр-Рияде")).toContain("usa");
    expect(tags("Snowstorm hits Maine, schools closed")).toContain("usa");
    expect(tags("На Урале выпал снег")).toContain("russia");
    expect(tags("Кличко раскритиковал Зеленского")).toContain("ukraine");
  });

  it("reads «санкционировал» as authorised, not sanctions", () => {
    expect(tags("Суд санкционировал арест бывшего мэра")).not.toContain("sanctions");
    expect(tags("ЕС утвердил новый пакет санкций")).toContain("sanctions");
  });

  it("keeps the exchange-rate phrase «доллар США» from tagging the USA", () => {
    expect(tags("Курс доллара США на бирже вырос")).not.toContain("usa");
  });

  it("reads «евро» as the currency: a rate report is economy, not Europe", () => {
    const rate = tags("Доллар поднялся выше 106 рублей, евро — 112, — данные торгов");
    expect(rate).toContain("economy");
    expect(rate).not.toContain("europe");
    expect(tags("Рубль укрепился к юаню")).toContain("economy");
    expect(tags("Евро выше 113 рублей на бирже")).not.toContain("europe");
    expect(tags("Курс евро превысил 120 рублей")).toContain("economy");
    expect(tags("Франция и Германия обсудили бюджет ЕС в евро")).toContain("europe");
  });

  it("counts «YouTube» for technology only beside other technology words", () => {
    expect(tags("Ежедневная аудитория видеохостинга YouTube в России сократилась на 11%")).toContain("technology");
    expect(tags("Протесты в Тбилиси: видео на нашем YouTube")).not.toContain("technology");
  });

  it("reads a submarine as defence news and «финал истории» as no sport", () => {
    expect(tags("Российская подводная лодка замечена у берегов Филиппин")).toContain("security");
    expect(tags("Финал истории с бананом: миллионер съел банан")).not.toContain("sport");
    expect(tags("Финал Кубка России пройдёт в Москве")).toContain("sport");
  });

  it("counts biologists as science, not every word of their root, and «водить» as no water", () => {
    expect(tags("Нейробиологи выяснили, от какой части мозга зависит качество сна")).toContain("technology");
    expect(tags("Биологи подтвердили восприимчивость ракообразных к боли")).toContain("technology");
    expect(tags("Путин поручил Федеральному медико-биологическому агентству создать регистр")).not.toContain("technology");
    expect(tagger.explain({ title: "Крыс научили водить машинки", text: "" }).find((s) => s.slug === "ecology")?.evidence).toEqual([]);
  });

  it("reads an app's crash as no incident and American football as sport", () => {
    expect(tags("The iOS beta crashes less often", "The public beta of the app fixes a bug that made it crash on launch.")).not.toContain("incidents");
    expect(tags("Plane crash in Nepal kills 18")).toContain("incidents");
    expect(tags("Raiders vs. Texans: Battle of the Bad Quarterbacks")).toContain("sport");
  });

  it("keeps English names and idioms out: Stormy is no storm, a sexual assault is no military one", () => {
    expect(tags("Stormy Daniels casts doubt on denial of affair")).not.toContain("incidents");
    expect(tags("Winter storm threatens Atlanta", "Snow and freezing rain were forecast; a storm warning is in force.")).toContain("incidents");
    expect(tags("DJ who groped a singer hired by radio station", "She claimed he had assaulted her; her security team told him to leave.")).not.toContain("security");
    expect(tags("Troops launched an assault on the city", "The ground assault began at dawn.")).toContain("security");
  });

  it("knows songs, albums and rappers as culture and golfing as sport", () => {
    expect(tags("The Playlist: new songs from the rapper's coming album")).toContain("culture");
    expect(tags("Рэпер выпустил новый альбом")).toContain("culture");
    expect(tags("Trump's pro golfing partner on playing with the president")).toContain("sport");
  });

  it("knows an air-raid alert, a shooting and «крипта», and not archery or a drug lab as such", () => {
    expect(tags("Воздушная тревога объявлена на всей территории Украины")).toContain("security");
    expect(tags("Момент стрельбы у кафе на Большой Никитской", "Один из мужчин достал пистолет.")).toContain("incidents");
    expect(tags("Датчанин освоил технику стрельбы из лука")).not.toContain("incidents");
    expect(tags("Сегодня неплохой день у крипты")).toEqual(["economy", "technology"]);
    expect(tags("Нарколабораторию прикрыли в Подмосковье")).not.toContain("technology");
    expect(tags("Мошенники обманули начальника отдела экономической безопасности", "Он перевёл им 85 миллионов рублей.")).not.toContain("security");
  });

  it("keeps a crime an incident when security has only a word of it", () => {
    const result = tags("В Москве задержан директор турфирмы", "Полиция задержала его, возбуждено уголовное дело по статье об организации деятельности экстремистской организации. Следствие продолжается, суд изберёт меру пресечения.");
    expect(result).toContain("incidents");
  });

  it("knows social networks, encryption and spam as technology, and «спамить постами» as none", () => {
    expect(tags("Павел Дуров впервые зашифровал сообщение", "Основатель социальной сети ВКонтакте отправил первое зашифрованное сообщение.")).toContain("technology");
    expect(tags("Спам в социальных медиа вырос на 355%", "Самый дешёвый способ рекламы — спам в Twitter и Facebook.")).toContain("technology");
    expect(tags("Чтобы не спамить тут постами о курсе, создали для вас канал")).not.toContain("technology");
  });

  it("reads a zoo's transport box and a personal trainer as no sport, a boxer as sport", () => {
    expect(tags("Медведица из зоопарка привыкла к транспортному боксу")).not.toContain("sport");
    expect(tags("Промты превратят ChatGPT в личного тренера")).not.toContain("sport");
    expect(tags("Боксёр защитил титул чемпиона мира")).toContain("sport");
    expect(tags("Бокс вернётся в программу Олимпийских игр")).toContain("sport");
  });

  it("keeps MAGA from Magas, a bathroom from Wang Yi, an heir from heritage and a garbage truck from ecology", () => {
    expect(tags("Кандидат на пост директора ФБР — убеждённый сторонник концепции MAGA")).not.toContain("caucasus");
    expect(tags("Квартира с тремя спальнями с ванными и гардеробными продаётся в Москве")).not.toContain("china");
    expect(tags("Группировка является наследницей «Аль-Каиды»")).not.toContain("culture");
    expect(tags("ЮНЕСКО внесло в список нематериального наследия новый праздник")).toContain("culture");
    expect(tags("Водитель мусоровоза переехал женщину в Подмосковье")).not.toContain("ecology");
  });

  it("reads a sentence of words as no verdict and Uber as technology", () => {
    expect(tags("Four things in those two sentences are not true", "The company's board issued a statement.")).not.toContain("incidents");
    expect(tags("Former mayor sentenced to nine years", "The court found him guilty of bribery.")).toContain("incidents");
    expect(tags("More than 1,000 Uber employees ask for Kalanick to return")).toContain("technology");
  });

  it("keeps English words that share a name's or a term's stem apart (Harry/Harris, finally/final, inflated/inflation)", () => {
    expect(tagger.explain({ title: "Prince Harry finally wins his case", text: "" }).find((s) => s.slug === "usa")?.evidence).toEqual([]);
    expect(tagger.explain({ title: "Prince Harry finally wins his case", text: "" }).find((s) => s.slug === "sport")?.evidence).not.toContain("=final");
    expect(tagger.explain({ title: "An inflated ego in a transition year", text: "" }).find((s) => s.slug === "economy")?.evidence).toEqual([]);
    expect(tags("Kamala Harris visits Michigan")).toContain("usa");
    expect(tags("Inflation slows to 2.4% in the eurozone")).toContain("economy");
  });

  it("keeps a naked party from a goal, the club «Арма» from an army, frying from heat and Chekhov from Czechia", () => {
    // A raid by law enforcement is an incident; neither sport nor the army.
    expect(tags("Силовики ворвались в клуб «Арма», где прошла голая вечеринка")).toEqual(["incidents"]);
    expect(tags("Форвард забил два гола в ворота «Спартака»")).toContain("sport");
    expect(tags("Армия Сирии отбила наступление")).toContain("security");
    expect(tagger.explain({ title: "Как правильно жарить картошку", text: "" }).find((s) => s.slug === "ecology")?.evidence).toEqual([]);
    expect(tagger.explain({ title: "Спектакль по пьесе Чехова", text: "" }).find((s) => s.slug === "europe")?.evidence).toEqual([]);
  });

  it("reads «с банкой» as a jar, «Т-Банк» and «банком» as banks", () => {
    expect(tagger.explain({ title: "Пенсионерку задержали с банкой гашишного масла", text: "" }).find((s) => s.slug === "economy")?.evidence).toEqual([]);
    expect(tagger.explain({ title: "Т-Банк объявил новую стратегию", text: "" }).find((s) => s.slug === "economy")?.evidence).not.toEqual([]);
    expect(tagger.explain({ title: "Сделка с банком сорвалась", text: "" }).find((s) => s.slug === "economy")?.evidence).not.toEqual([]);
  });

  it("reads a car's make in a crash report as no technology, nor «по данным» as data", () => {
    expect(tags("Пьяный барабанщик на своём Kia Rio сбил сотрудника ДПС в Уфе", "")).not.toContain("technology");
    expect(tags("На проспекте Багратиона загорелась BMW X5", "")).not.toContain("technology");
    expect(tags("Мужчина на Nissan Navara протащил собаку по дороге", "По данным SHOT, водителя задержали.")).not.toContain("technology");
    // With the industry's own words a make still counts.
    expect(tags("Toyota представила новый гибридный двигатель", "")).toContain("technology");
    expect(tags("Утечка данных клиентов маркетплейса", "")).toContain("technology");
  });

  it("reads a garbage collector and a memory leak as programming, a weapon's heat and a kitchen as neither ecology nor culture", () => {
    expect(tags("Создаём простой копирующий сборщик мусора", "")).toEqual(["technology"]);
    expect(tags("Утечки памяти в Go: как их обнаружить и устранить?", "")).not.toContain("incidents");
    expect(tags("Материалы, выдерживающие сверхвысокие температуры, позволили создать новое оружие", "")).not.toContain("ecology");
    expect(tags("Температура в декабре в Москве будет на 3-5 градусов выше нормы", "")).toContain("ecology");
    expect(tags("Повар ресторана пнул курицу на кухне", "")).not.toContain("culture");
    expect(tags("Узбекская кухня вошла в список наследия", "")).toContain("culture");
  });

  it("reads «filmed» as a clip someone shot, not a film", () => {
    expect(tags("Scenes from the airport", "Witnesses filmed the chaos after a gunman opened fire at the terminal.")).not.toContain("culture");
    expect(tags("The film opens in cinemas on Friday", "")).toContain("culture");
  });

  it("knows the Aral by its name's cases as ecology, and natural gas as no nature", () => {
    expect(tags("Кыргызстан приостанавливает участие в фонде спасения Арала", "")).toContain("ecology");
    expect(tagger.explain({ title: "Добыча природного газа выросла", text: "" }).find((s) => s.slug === "ecology")?.evidence).toEqual([]);
  });

  it("knows a rape as a crime, and «в Питере» as St Petersburg but «Питер Хегсет» as a name", () => {
    expect(tags("Железнодорожник изнасиловал пассажирку в вагоне поезда", "")).toContain("incidents");
    expect(tags("В Питере уволили гинеколога", "")).toContain("russia");
    expect(tags("Питерские подростки устроили драку", "")).toContain("russia");
    expect(tags("Питер Хегсет возглавит Пентагон", "")).not.toContain("russia");
  });

  it("reads a blocked entrance or port as no technology, a blocked messenger as technology", () => {
    expect(tags("Вход в парламент заблокирован, доступ перекрыт даже для депутатов", "")).not.toContain("technology");
    expect(tags("Протестующие заблокировали морской порт", "")).not.toContain("technology");
    expect(tags("Роскомнадзор заблокировал мессенджер Viber", "")).toContain("technology");
  });

  it("keeps T-shirts from football, arrivals from profit and a test's mocks from the IOC", () => {
    expect(tags("В Кремле не носят футболки «Крепкий Орешник»", "")).not.toContain("sport");
    expect(tags("Подкрепления сирийской армии прибыли в Хаму", "")).not.toContain("economy");
    expect(tags("Чистой прибыли банков хватит на дивиденды", "")).toContain("economy");
    expect(tags("Тестирование с Jest", "Моки заменяют зависимости; МОК здесь ни при чём.")).not.toContain("sport");
    expect(tags("МОК допустил спортсменов к Играм", "")).toContain("sport");
  });

  it("reads a barricade of trash bins as no ecology", () => {
    expect(tags("Участники акции протеста начали возводить баррикады", "Они перевернули мусорные баки и разожгли костры.")).not.toContain("ecology");
    expect(tags("Свалку мусора под Москвой закроют", "")).toContain("ecology");
  });

  it("reads TikTok as China's only beside China", () => {
    expect(tags("В России наблюдается массовый сбой в работе TikTok", "")).not.toContain("china");
    expect(tags("Китай не позволит продать TikTok американской компании", "")).toContain("china");
  });

  it("reads an electric shock as no strike", () => {
    expect(tags("Гипотезу об агрессивности от алкоголя проверили ударами током", "")).not.toContain("security");
    expect(tags("Мальчика ударило током, когда он сушил собаку феном", "")).not.toContain("security");
  });

  it("knows video games and the hardware they run on as technology, and a tournament's games as none", () => {
    expect(tags("В Steam выйдет кооперативный экшен Wild Woods", "")).toContain("technology");
    expect(tags("Terraria получит последний патч в 2025 году", "")).toContain("technology");
    expect(tags("Intel представила бюджетные видеокарты", "")).toContain("technology");
    expect(tags("Kazan to host the Games of the Future tournament", "")).not.toContain("technology");
  });

  it("reads a ban on selling cigarettes to minors, a ticket rush and an arms sale as no economy, market sales as economy", () => {
    expect(tags("Штраф за продажу сигарет и вейпов детям составит до 2 млн рублей", "")).not.toContain("economy");
    expect(tags("Сайт Большого театра рухнул после начала продажи билетов", "")).not.toContain("economy");
    expect(tags("Южная Корея отказала Украине в продаже оружия", "")).not.toContain("economy");
    expect(tags("Китайский автопроизводитель BYD обогнал Tesla по продажам", "")).toContain("economy");
  });

  it("knows a police raid by the OMON and law enforcement as an incident", () => {
    expect(tags("ОМОН устроил рейд в клубе, где проходила вечеринка", "Силовики ворвались в клуб в самом разгаре вечеринки.")).toContain("incidents");
  });

  it("knows software, its bugs and vulnerabilities as technology", () => {
    expect(tags("Эксплойт для IE 9 включили в набор Metasploit", "")).toContain("technology");
    expect(tags("HD Moore предлагает краудсорсинг поиска уязвимостей", "")).toContain("technology");
    expect(tags("Давний баг в Firefox окончательно исправлен", "")).toContain("technology");
  });

  it("reads a warhead's or a factory's capacity as no energy, a power plant's as energy", () => {
    expect(tags("Мощность боеголовки может достигать 45 Хиросим", "")).not.toContain("energy");
    expect(tags("Мощность новой электростанции составит 500 МВт", "")).toContain("energy");
  });

  it("leaves a terrorist attack to security, not incidents", () => {
    const result = tags("Теракт на рынке: погибли 12 человек", "Взрыв прогремел утром, полиция ищет подозреваемых.");
    expect(result).toContain("security");
    expect(result).not.toContain("incidents");
    expect(tags("На трассе столкнулись два автобуса", "В ДТП пострадали 14 человек.")).toContain("incidents");
  });
});

describe("scoring", () => {
  it("counts title matches more than text matches", () => {
    expect(tags("Нефть подорожала")).toContain("energy");
    expect(tags("Итоги недели", "Нефть подорожала.")).not.toContain("energy");
  });

  it("ignores a country mentioned only deep in a long text", () => {
    const filler = "Собрание продолжилось обсуждением местных вопросов и планов благоустройства. ".repeat(12);
    expect(tags("Депутаты обсудили бюджет города", `${filler} Похожий опыт есть в Германии.`)).not.toContain("europe");
    expect(tags("Депутаты Германии обсудили бюджет", `${filler} Похожий опыт есть в Германии.`)).toContain("europe");
  });

  it("returns several topics in taxonomy order", () => {
    const result = tags("Туркмения нарастит поставки газа в Китай", "Ашхабад и Пекин подписали соглашение.");
    expect(result).toEqual(["central-asia", "china", "energy"]);
    expect(result).toEqual(BUILTIN_SLUGS.filter((s) => result.includes(s)));
  });

  it("skips a dateline", () => {
    expect(stripDateline("Бишкек. 21 мая. КирТАГ – В Египте разбился самолет.")).toBe("В Египте разбился самолет.");
    expect(stripDateline("ALMATY, May 5 (Reuters) - Oil output rose")).toBe("- Oil output rose");
    expect(stripDateline("Президент Узбекистана. 5 мая прошло")).toBe("Президент Узбекистана. 5 мая прошло");
    expect(tags("Найдены обломки самолета", "Бишкек. 21 мая. КирТАГ – Обломки нашли в Средиземном море.")).not.toContain("central-asia");
  });

  it("explains scores with the phrases that matched", () => {
    const ca = tagger.explain({ title: "Токаев прибыл в Ташкент", text: "" }).find((s) => s.slug === "central-asia")!;
    expect(ca.tagged).toBe(true);
    expect(ca.score).toBeGreaterThanOrEqual(ca.threshold);
    expect(ca.evidence).toEqual(expect.arrayContaining(["=токаев", "Ташкент*"]));
  });
});

describe("custom lexicons", () => {
  const topic = (lexicon: Topic["lexicon"]): Topic => ({ slug: "t", names: { ru: "т", en: "t" }, aliases: [], lexicon });

  it("matches phrases on stems and prefixes on forms or stems", () => {
    const t = createTagger([topic({ terms: [{ match: ["Центральная Азия", "франци*"], weight: 3 }] })]);
    expect(t.tag({ title: "Страны Центральной Азии", text: "" })).toEqual(["t"]);
    expect(t.tag({ title: "Во Франции", text: "" })).toEqual(["t"]);
    expect(t.tag({ title: "Центральная и Южная Азия", text: "" })).toEqual([]);
  });

  it("applies blocks, context cues and supporting terms", () => {
    const t = createTagger([topic({
      terms: [
        { match: ["банк"], weight: 3, unlessAny: ["кров*"] },
        { match: ["ставк*"], weight: 3, needsSupport: true },
      ],
      block: ["банк* данн*"],
    })]);
    expect(t.tag({ title: "Банк снизил ставки", text: "" })).toEqual(["t"]);
    expect(t.tag({ title: "Банк данных пополнился", text: "" })).toEqual([]);
    expect(t.tag({ title: "Банк крови ждет доноров", text: "" })).toEqual([]);
    expect(t.tag({ title: "Ставки растут", text: "" })).toEqual([]);
  });

  it("rejects phrases that compile to nothing", () => {
    expect(() => compilePhrase("и в на")).toThrow(LexiconError);
    expect(() => compilePhrase("к*")).toThrow(LexiconError);
  });
});
