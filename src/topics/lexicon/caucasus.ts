// Caucasus: Armenia, Azerbaijan, Georgia, Abkhazia, South Ossetia, Karabakh — and Russia's North
// Caucasus republics. «Кавказ» in Russian-language news covers both, and a reader who picks the topic
// expects Dagestan and Chechnya too; those republics also count as Russia (see NORTH_CAUCASUS).
//
// Traps: «Грузия» stems to «груз» (cargo), so only its word forms count; «Баку» stems to «бак» (a
// tank); «Алиев» is a common surname far beyond Azerbaijan and the nominative even stems to «ал», so
// it is medium evidence; English "Georgia" is also a US state, so it is ignored next to US cues.
// «осет*» also begins «осетровые» (sturgeon) and «Шуш*» «Шушенское» (a Siberian village): their
// own word forms count.
import type { LexiconTerm, Topic } from "../types.js";
import { medium, strong, supporting, term } from "./helpers.js";

/** Words that say "the US state of Georgia"; shared with the USA lexicon. */
export const US_GEORGIA_CUES = [
  "Atlanta", "Savannah", "governor", "county", "counties", "Republican*", "Democrat*", "Kemp",
  "Raffensperger", "Warnock", "Ossoff", "Georgia Tech", "Bulldogs", "Peach State", "Senate runoff",
  "state Senate", "state legislature", "Fulton",
];

/** Words that say "the country Georgia"; shared with the USA lexicon. */
export const GEORGIA_COUNTRY_CUES = [
  "Tbilisi", "Georgian Dream", "Kobakhidze", "Ivanishvili", "Kavelashvili", "Zourabichvili",
  "Saakashvili", "Caucasus", "Batumi", "Kutaisi", "Abkhaz*", "Osseti*", "Armenia*", "Azerbaijan*",
  "Kremlin", "Moscow",
];

/** North Caucasus republics of Russia: evidence for both «caucasus» and «russia». */
export const NORTH_CAUCASUS: LexiconTerm[] = [
  strong("Чечн*", "чечен*", "Chechn*", "Chechen*"),
  strong("Дагеста*", "Dagestan*", "Daghestan*"),
  strong("Ингушет*", "ингуш*", "Ingush*"),
  strong("Кабардино-Балкар*", "кабардин*", "балкар*", "Kabardino-Balkari*"),
  strong("Карачаево-Черкес*", "карачаев*", "Karachay-Cherkess*", "КЧР"),
  strong("Северн* Осет*", "North Osseti*"),
  strong(
    "Махачкал*", "Makhachkala", "Дербент*", "Derbent", "Нальчик*", "Nalchik", "Владикавказ*",
    "Vladikavkaz", "Магас*", "=Magas", "Черкесск*", "Cherkessk", "Хасавюрт*", "Khasavyurt", "Grozny",
  ),
  strong("=кадыров", "Кадырова", "Kadyrov"),
  strong("Северн* Кавказ*", "северокавказск*", "СКФО", "North Caucasus"),
  medium("=меликов", "Меликова", "Melikov", "Калиматов*", "Kalimatov"),
  supporting(1, "Грозн*"),
];

export const caucasus: Topic = {
  slug: "caucasus",
  names: { ru: "Кавказ", en: "Caucasus" },
  aliases: [
    "Южный Кавказ", "Закавказье", "Северный Кавказ", "South Caucasus", "North Caucasus", "Caucasian",
    "Армения", "Азербайджан", "Грузия", "Armenia", "Azerbaijan", "Georgia (country)",
  ],
  lexicon: {
    threshold: 3,
    terms: [
      strong("кавказ*", "Caucas*", "Закавказ*", "Transcaucasia*", "Южн* Кавказ*"),

      // Armenia.
      strong("армен*", "армян*", "Armenia*"),
      strong("ерева*", "Yerevan"),
      strong("Пашинян", "Пашиняна", "Pashinyan", "Pashinian"),
      strong("Гюмри", "Ванадзор*", "Gyumri", "Сюник*", "Syunik", "Зангезур*", "Zangezur"),
      medium("Мирзоян", "Мирзояна", "Mirzoyan", "Кочарян", "Кочаряна", "Kocharyan", "Саргсян", "Саргсяна"),

      // Azerbaijan.
      strong("азербайдж*", "Azerbaijan*", "Azeri*"),
      strong("=баку", "Baku"),
      term(1.5, ["=алиев", "Алиева", "Алиеву", "Алиевым", "Aliyev", "Aliev"]),
      medium("Ильхам", "Ильхама", "Ilham"),
      strong(
        "Сумгаит*", "Sumgait", "Нахичеван*", "Nakhchivan", "Гяндж*", "=Шуша", "=Шуши", "=Шушу", "=Шуше", "=Шушой", "Shusha", "Ханкенди",
        "Khankendi", "Степанакерт*", "Stepanakert", "Агдам*", "Aghdam",
      ),
      strong("карабах*", "=карабах", "Karabakh", "Artsakh", "Арцах*"),
      medium("SOCAR", "ГНКАР", "=байрамов", "Байрамова", "Bayramov"),

      // Georgia.
      strong("=грузия", "=грузии", "=грузию", "=грузией", "грузин*", "Georgian Dream"),
      term(3, ["Georgia", "Georgian"], { unlessAny: US_GEORGIA_CUES }),
      strong("тбилис*", "Tbilisi"),
      strong(
        "Батуми", "Batumi", "Кутаиси", "Kutaisi", "Рустави", "Rustavi", "Зугдиди", "Zugdidi",
        "Ингури", "Enguri", "Аджария", "аджарск*", "Adjara",
      ),
      strong(
        "Кобахидзе", "Kobakhidze", "Иванишвили", "Ivanishvili", "Кавелашвили", "Kavelashvili",
        "Зурабишвили", "Zourabichvili", "Zurabishvili", "Саакашвили", "Saakashvili",
      ),
      medium("лари", "lari"),

      // Breakaway regions.
      strong("абхаз*", "Abkhaz*", "Сухум*", "Sukhum*", "Южн* Осет*", "South Osseti*", "Цхинвал*", "Tskhinval*"),
      strong("осетин*", "=Осетия", "=Осетии", "=Осетию", "=Осетией", "Osseti*"),

      ...NORTH_CAUCASUS,
    ],
    block: ["Кавказск* пленниц*"],
  },
};
