import { describe, expect, it } from "vitest";
import { decodeAlertButton, encodeAlertButton } from "../../src/alerts/buttons.js";
import { compileWatch } from "../../src/alerts/matcher.js";
import { articleTerms, parseAlertQuery, queryMatches } from "../../src/alerts/query.js";
import { createWatchIndex, type IndexedWatch } from "../../src/alerts/watch-index.js";

function matches(query: string, text: string, topics: string[] = []): boolean {
  const parsed = parseAlertQuery(query);
  if (parsed.kind !== "ok") throw new Error(`"${query}" compiled to nothing`);
  return queryMatches(parsed.query, articleTerms(text, topics));
}

describe("alert queries", () => {
  it("match Russian word forms and derived words, as /search does", () => {
    expect(matches("Казахстан", "Делегация Казахстана прибыла в Бишкек")).toBe(true);
    expect(matches("Казахстан", "Казахстанский тенге подешевел")).toBe(true);
    expect(matches("Казахстана", "В Казахстане выпал снег")).toBe(true);
    expect(matches("Казахстан", "Узбекистан и Киргизия подписали соглашение")).toBe(false);
    // Snowball stems «Токаев» to «тока» but «Токаеву» to «токаев»: the form finds the other cases.
    expect(matches("Токаев", "Касым-Жомарт Токаеву вручили премию")).toBe(true);
    expect(matches("Лавров", "Сергей Лаврова встретил")).toBe(true);
    // «Корея» stems to «коре», «Корее» to «кор».
    expect(matches("Корея", "В Южной Корее ввели военное положение")).toBe(true);
    expect(matches("Россия", "В России прошли выборы")).toBe(true);
    // Short names too: «Иран» stems to «ира» but «Ирану» to «иран», «Киев» to «ки» but «Киева» to «киев».
    expect(matches("Иран", "Посол заявил Ирану протест")).toBe(true);
    expect(matches("Киев", "Мэр Киева предупредил о холодах")).toBe(true);
    expect(matches("Китай", "Экспорт из Китая вырос")).toBe(true);
  });

  it("asks a capitalised name cut to a short stem to begin a word, as /search does", () => {
    // «Рубио» stems to «руб», as «руб.» does; «Сирия» to «сир», as «сирены».
    expect(matches("Рубио", "Марко Рубио возглавит Госдеп")).toBe(true);
    expect(matches("Рубио", "Кофе подорожал до 900 руб. за пачку")).toBe(false);
    // «рубить» has the stem «руб» and begins «руби», but a name is written with a capital.
    expect(matches("Рубио", "Бумеранг позволит рубить деревья")).toBe(false);
    expect(matches("Рубио", "ГОСДЕП ВОЗГЛАВИТ РУБИО")).toBe(true);
    expect(matches("Сирия", "В Сирии возобновились бои")).toBe(true);
    expect(matches("Сирия", "Сирены звучали всю ночь")).toBe(false);
    // «Китая» stems to «кит» (the whale's stem), «Китай» to «кита».
    expect(matches("Китая", "Визит в Китай перенесён")).toBe(true);
    expect(matches("Китая", "На берег выбросило кита")).toBe(false);
    // Its letters find what search finds: the capitalised words they begin, with stems of their own.
    expect(matches("Сирия", "Сирийские беженцы возвращаются домой")).toBe(true);
    expect(matches("Китая", "Китайские автомобили подешевели")).toBe(true);
    expect(matches("Рубио", "Клуб «Рубин» сменил тренера")).toBe(true);
    expect(matches("Сирия", "сирийские беженцы возвращаются домой")).toBe(false);
    // A surname: «Песков» stems to «песк», as «песком» (sand).
    expect(matches("Песков", "Дмитрию Пескову задали вопрос")).toBe(true);
    expect(matches("Песков", "Пляж засыпали свежим песком")).toBe(false);
    expect(matches("кофе -Рубио", "Кофе подорожал до 900 руб. за пачку")).toBe(true);
    expect(matches("кофе -Рубио", "Рубио пьёт кофе")).toBe(false);
    // In lower case any case will do, as in search, but the word must still begin «руби».
    expect(matches("рубио", "Кофе подорожал до 900 руб. за пачку")).toBe(false);
    expect(matches("рубио", "Бумеранг позволит рубить деревья")).toBe(true);
  });

  it("asks a noun in -ия/-ио typed in lower case to begin a word in any case, as /search does", () => {
    expect(matches("сирия", "В Сирии возобновились бои")).toBe(true);
    expect(matches("сирия", "Сирены звучали всю ночь")).toBe(false);
    expect(matches("радио", "Эфир радио продолжится")).toBe(true);
    expect(matches("радио", "Рада приняла закон о мобилизации")).toBe(false);
    expect(matches("закон -радио", "Рада приняла закон о мобилизации")).toBe(true);
    expect(matches("закон -радио", "Закон о радио принят")).toBe(false);
    expect(matches("армия", "Армию пополнят контрактники")).toBe(true);
    expect(matches("армия", "Армянский коньяк подорожал")).toBe(false);
    // The letters must begin a longer word: «ради» (for the sake of) is another word, in either case.
    expect(matches("радио", "Лов воблы запретили ради её спасения")).toBe(false);
    expect(matches("Радио", "Ради спасения осетра закрыли промысел")).toBe(false);
    expect(matches("Радио", "Радиостанция сменила частоту")).toBe(true);
    expect(matches("запрет -радио", "Лов запретили ради спасения воблы, запрет на год")).toBe(true);
    // Other words keep their stem alone.
    expect(matches("новая", "Новый мост построят к осени")).toBe(true);
  });

  it("needs every word, and a short stem matches only itself", () => {
    expect(matches("Кыргызстан газ", "Кыргызстан договорился о поставках газа")).toBe(true);
    expect(matches("Кыргызстан газ", "Кыргызстан договорился о поставках нефти")).toBe(false);
    // «газ» is a short stem: it must not match «газета».
    expect(matches("газ", "Газета вышла тиражом 5000")).toBe(false);
  });

  it('keeps a "phrase" in order and adjacent', () => {
    expect(matches('"военное положение"', "В Корее ввели военное положение")).toBe(true);
    expect(matches('"военное положение"', "В Корее военного положения не объявляли")).toBe(true);
    expect(matches('"военное положение"', "Положение военных на границе")).toBe(false);
  });

  it("drops articles with an -excluded word or phrase", () => {
    expect(matches("Корея -Северная", "Южная Корея отменила военное положение")).toBe(true);
    expect(matches("Корея -Северная", "Северная Корея запустила ракету")).toBe(false);
    expect(matches('санкции -"Евросоюз"', "Евросоюза новые санкции против")).toBe(false);
  });

  it("reads `or` as an alternative", () => {
    expect(matches("нефть or газ", "Цены на газ выросли")).toBe(true);
    expect(matches("нефть or газ", "Баррель нефти подорожал")).toBe(true);
    expect(matches("нефть or газ", "Курс доллара упал")).toBe(false);
  });

  it("repairs Latin look-alike letters on both sides", () => {
    // "Kaзахстан" typed with a Latin K and a; the article's «Токаев» with a Latin o.
    expect(matches("Kaзахстан", "Новости Казахстана")).toBe(true);
    expect(matches("Токаев", "Президент Тokaев выступил")).toBe(true);
  });

  it("compiles stop words and bare exclusions to nothing", () => {
    expect(parseAlertQuery("и в на").kind).toBe("empty");
    expect(parseAlertQuery("-Корея").kind).toBe("empty");
    expect(parseAlertQuery("   ").kind).toBe("empty");
  });

  it("matches a topic watch on the tagger's topics only", () => {
    const topic = compileWatch({ query: "Central Asia", topic: "central-asia" })!;
    expect(queryMatches(topic, articleTerms("anything", ["central-asia"]))).toBe(true);
    expect(queryMatches(topic, articleTerms("Central Asia news", ["energy"]))).toBe(false);
  });
});

describe("the watch index", () => {
  const watch = (id: number, subscriberId: number, query: string, topic: string | null = null): IndexedWatch => ({
    id,
    subscriberId,
    query,
    compiled: compileWatch({ query, topic })!,
  });

  it("matches a word typed in capitals as written, as /search does, also through the index", () => {
    // «СВО» and «своим» share Snowball's stem; «ОПЕК» and «опеки» (guardianship) too.
    expect(matches("СВО", "Доброволец уехал на СВО")).toBe(true);
    expect(matches("СВО", "Кот будит хозяина своим мяуканьем")).toBe(false);
    expect(matches("сво", "Кот будит хозяина своим мяуканьем")).toBe(true);
    expect(matches("хозяина -СВО", "Кот будит хозяина своим мяуканьем")).toBe(true);
    expect(matches("ОПЕК", "Органы опеки проверили семью")).toBe(false);
    expect(matches("ОПЕК", "Встреча ОПЕК+ перенесена")).toBe(true);
    expect(matches("ОПЕК", "ОПЕКУНЫ ПРОТИВ")).toBe(false);
    const index = createWatchIndex([watch(1, 100, "СВО"), watch(2, 200, "ОПЕК"), watch(3, 300, "сво")]);
    const found = (text: string) => index.match(articleTerms(text, [])).map((w) => w.id).sort((a, b) => a - b);
    expect(found("Доброволец уехал на СВО")).toEqual([1, 3]);
    expect(found("Кот будит хозяина своим мяуканьем")).toEqual([3]);
    expect(found("Встреча ОПЕК+ перенесена")).toEqual([2]);
  });

  it("indexes a short-stemmed name's watch under its first letters", () => {
    const index = createWatchIndex([watch(1, 100, "Рубио"), watch(2, 200, "Сирия"), watch(3, 300, "кофе -Рубио"), watch(4, 400, "Медведев")]);
    const found = (text: string) => index.match(articleTerms(text, [])).map((w) => w.id).sort((a, b) => a - b);
    expect(found("Марко Рубио возглавит Госдеп")).toEqual([1]);
    expect(found("Кофе подорожал до 900 руб. за пачку")).toEqual([3]);
    expect(found("В Сирии возобновились бои")).toEqual([2]);
    expect(found("Сирены звучали всю ночь")).toEqual([]);
    expect(found("Сирийские беженцы возвращаются домой")).toEqual([2]);
    expect(found("Медведев высказался о президенте")).toEqual([4]);
    expect(found("Медведица Айка празднует день рождения")).toEqual([]);
  });

  it("finds every matching watch and no other, one per chat (the earliest)", () => {
    const index = createWatchIndex([
      watch(1, 100, "Казахстан"),
      watch(2, 100, "Токаев"),
      watch(3, 200, "Кыргызстан газ"),
      watch(4, 300, '"военное положение" -Северная'),
      watch(5, 400, "energy", "energy"),
      watch(6, 500, "Узбекистан"),
    ]);
    const found = (text: string, topics: string[] = []) =>
      index
        .match(articleTerms(text, topics))
        .map((w) => w.id)
        .sort((a, b) => a - b);
    expect(found("Токаев посетил Казахстанский завод")).toEqual([1]);
    expect(found("Кыргызстан закупит газ у Казахстана", ["energy"])).toEqual([1, 3, 5]);
    expect(found("Южная Корея: военное положение отменено")).toEqual([4]);
    expect(found("Северная Корея: военное положение")).toEqual([]);
    expect(found("Погода в Москве")).toEqual([]);
  });

  it("agrees with checking every watch one by one, on random watches and articles", () => {
    // A small vocabulary with shared prefixes and short stems, so anchors collide often.
    const words = ["Казахстан", "казахстанский", "Казань", "газ", "газета", "нефть", "нефтяник", "Токаев", "Токаеву", "банк", "банкир", "Бишкек", "военное", "положение", "энергия"];
    const topics = ["energy", "central-asia", "economy"];
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const queries = Array.from({ length: 300 }, (): [string, string | null] => {
      const r = random();
      if (r < 0.15) return [pick(topics), pick(topics)];
      if (r < 0.3) return [`"${pick(words)} ${pick(words)}"`, null];
      if (r < 0.5) return [`${pick(words)} -${pick(words)}`, null];
      if (r < 0.65) return [`${pick(words)} or ${pick(words)}`, null];
      return [Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words)).join(" "), null];
    });
    const watches = queries.map(([query, topic], i) => watch(i + 1, 1 + Math.floor(random() * 60), query, topic)).filter((w) => w.compiled);
    // Ids out of order, so "earliest" means the lowest id, not the first in the list.
    const index = createWatchIndex([...watches].reverse());
    let matchedSome = 0;
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: 3 + Math.floor(random() * 8) }, () => pick(words)).join(" ");
      const terms = articleTerms(text, random() < 0.5 ? [pick(topics)] : []);
      const expected = new Map<number, number>();
      for (const w of watches) {
        if (!queryMatches(w.compiled, terms)) continue;
        const known = expected.get(w.subscriberId);
        if (known === undefined || w.id < known) expected.set(w.subscriberId, w.id);
      }
      const found = index.match(terms);
      expect(new Map(found.map((w) => [w.subscriberId, w.id]))).toEqual(expected);
      expect(found).toHaveLength(expected.size);
      if (expected.size > 0) matchedSome++;
    }
    expect(matchedSome).toBeGreaterThan(100);
  });

  it("checks an article only against watches sharing a word with it", () => {
    let checks = 0;
    const counting = (id: number, word: string): IndexedWatch => {
      const base = watch(id, id, word);
      if (base.compiled.kind !== "words") throw new Error("word watch expected");
      const clause = base.compiled.clauses[0]!;
      // A `must` list that counts how often it is read: once per verification.
      const must = clause.must;
      Object.defineProperty(clause, "must", { get: () => (checks++, must) });
      return base;
    };
    const words = ["Казахстан", "Узбекистан", "Таджикистан", "Туркменистан", "Монголия", "Армения", "Грузия", "Молдавия"];
    const index = createWatchIndex(words.map((w, i) => counting(i + 1, w)));
    checks = 0; // building the index read every clause once
    expect(index.match(articleTerms("Казахстан и Армения подписали договор", [])).map((w) => w.id).sort()).toEqual([1, 6]);
    expect(checks).toBe(2);
  });
});

describe("alert buttons", () => {
  it("round-trip, stay within 64 bytes and refuse anything else", () => {
    const buttons = [
      { op: "mute", watchId: Number.MAX_SAFE_INTEGER },
      { op: "unmute", watchId: 1 },
      { op: "remove", watchId: 123456 },
      { op: "pause", on: true },
      { op: "quiet", on: false },
      { op: "show" },
    ] as const;
    for (const button of buttons) {
      const data = encodeAlertButton(button);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(decodeAlertButton(data)).toEqual(button);
    }
    for (const forged of ["a1:m:0", "a1:m:-1", "a1:m:01", "a1:x:1", "a1:p:2", "a1:m:1:2", "a1:v:1", "g1:x", "a1:m:zzzzzzzzzzzz"]) {
      expect(decodeAlertButton(forged)).toBeUndefined();
    }
  });
});
