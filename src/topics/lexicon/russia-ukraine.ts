// Russia and Ukraine. Russia includes its regions (Astrakhan, Kazan, the North Caucasus republics,
// Crimea at medium weight) and its state bodies and big companies. Ukraine includes the war's places
// on Ukrainian territory. Crimea and «СВО» count for both at medium weight.
//
// Traps: «Киев» stems to «ки» (kept as a word), «Рада» to «рад» (glad) so only «Верховная Рада»;
// Самара must not be a prefix (Самарканд); Казань stems like «казан» (a cauldron), so it is ignored
// next to «плов»; Sumy stems like the Uzbek currency, so only its unambiguous forms count; «Урал»
// stems like «уран» and «Кличко» like «кличка», so their own word forms count instead.
import type { Topic } from "../types.js";
import { NORTH_CAUCASUS } from "./caucasus.js";
import { medium, strong, supporting, term } from "./helpers.js";

export const russia: Topic = {
  slug: "russia",
  names: { ru: "Россия", en: "Russia" },
  aliases: ["РФ", "Российская Федерация", "Russian Federation", "Russian", "Российские новости"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("Россия", "российск*", "россиян*", "РФ", "Russia*"),
      strong("москв*", "московск*", "Moscow", "Подмосков*"),
      strong("кремл*", "Kremlin"),
      strong("Путин", "Путина", "Putin"),
      strong(
        "=мишустин", "Мишустина", "Mishustin", "=лавров", "Лаврова", "Lavrov", "=песков", "Пескова", "Peskov",
        "=медведев", "Медведева", "Medvedev", "=володин", "Володина", "Volodin", "Матвиенко", "Matviyenko",
        "Шойгу", "Shoigu", "Набиуллин*", "Nabiullina", "=собянин", "Собянина", "Sobyanin",
      ),
      strong(
        "Госдум*", "Государственн* дум*", "State Duma", "Duma", "Совет* Федерац*", "Совфед*",
        "Federation Council", "ФСБ", "FSB", "Минобороны России", "Росстат*", "Rosstat", "Роскомнадзор*",
        "Roskomnadzor", "Росатом*", "Rosatom", "Росрыболовств*", "Россельхознадзор*", "Минэнерго России",
      ),
      strong(
        "Газпром", "Газпрома", "газпромбанк*", "Gazprom", "Роснефт*", "Rosneft", "Лукойл*", "Lukoil",
        "Новатэк*", "Novatek", "Сбербанк*", "Сбер", "Sberbank", "ВТБ", "VTB", "Мосбирж*", "Moscow Exchange",
        "Аэрофлот*", "Aeroflot", "Яндекс*", "Yandex", "КАМАЗ*", "KAMAZ", "Транснефт*", "РЖД", "Russian Railways",
      ),
      medium("рубл*", "ruble*", "rouble*"),
      // «В Питере» is the city; «Питер» alone is as often Peter (Питер Хегсет).
      strong("Санкт-Петербург*", "Петербург*", "петербуржц*", "=питере", "питерск*", "St Petersburg", "Saint Petersburg", "St. Petersburg"),
      strong(
        "Новосибирск*", "Екатеринбург*", "Нижн* Новгород*", "Челябинск*", "Красноярск*", "Омск*", "Томск*",
        "Самара", "Самаре", "Самары", "самарск*", "Уф", "уфимск*", "Пермь", "перми", "пермск*", "Воронеж*",
        "Волгоград*", "Ростов*", "Краснодар*", "Кубан*", "Ставропол*", "Сочи", "Новороссийск*", "Оренбург*",
        "Курган", "Кургане", "курганск*", "Тюмен*", "Иркутск*", "Хабаровск*", "Владивосток*", "Якутия", "якутск*",
        "Калининград*", "Мурманск*", "Архангельск*", "Норильск*", "Ярославл*", "Смоленск*", "Тула", "Туле",
        "Тулы", "тульск*",
        "Белгород*", "Брянск*", "Курск*", "Астрахан*", "астраханск*", "Магнитогорск*", "Набережн* Челн*",
        "Комсомольск-на-Амуре", "Петрозаводск*", "Сыктывкар*", "Саратов*", "Ульяновск*", "Пенз*",
        "Novosibirsk", "Yekaterinburg", "Chelyabinsk", "Krasnoyarsk", "Omsk", "Tomsk", "Samara", "Ufa",
        "Perm", "Voronezh", "Volgograd", "Rostov", "Krasnodar", "Sochi", "Novorossiysk", "Orenburg",
        "Irkutsk", "Khabarovsk", "Vladivostok", "Yakutia", "Kaliningrad", "Murmansk", "Norilsk",
        "Belgorod", "Bryansk", "Kursk", "Astrakhan", "Siberia*", "Tatarstan", "Bashkortostan",
      ),
      term(3, ["Казань", "Казани", "казанск*", "казанц*", "Kazan"], { unlessAny: ["плов*", "cauldron"] }),
      strong(
        "Татарстан*", "татарстанск*", "Башкирия", "башкирск*", "Башкортостан*", "Чувашия", "чувашск*", "Марий Эл",
        "Мари Эл", "Удмуртия", "удмуртск*", "Мордовия", "мордовск*",
        "Бурятия", "бурятск*", "Тыва", "Карелия", "карельск*", "Чукотк*", "Камчатк*", "=ямал", "Ямала", "ямальск*",
        "Алтайск* кра*", "Республик* Алтай",
        "Приморск* кра*", "Приморь*", "Забайкаль*", "Оренбурж*", "Кузбасс*", "Югр*",
      ),
      strong("Дальн* Восток*", "дальневосточн*", "Сибир*", "сибирск*", "уральц*", "Поволж*",
        "Уральск* федеральн* округ*"),
      medium("=Урал", "=Урала", "=Уралу", "=Уралом", "=Урале", "Ural*"),
      strong("Северн* морск* пут*", "Northern Sea Route", "Байкал*", "Baikal", "Волг*", "Volga"),
      strong("Китай-город*", "Красн* площад*"),
      medium("Крым*", "Крыму", "Crimea*", "Севастопол*", "Sevastopol"),
      ...NORTH_CAUCASUS,
    ],
    block: ["Астраханск* област* Казахстан*", "Уральск* област* Казахстан*"],
  },
};

export const ukraine: Topic = {
  slug: "ukraine",
  names: { ru: "Украина", en: "Ukraine" },
  aliases: ["Украина и война", "Ukrainian", "war in Ukraine", "война на Украине", "война в Украине"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("украин*", "Ukrain*"),
      strong("Киев", "ки", "киев*", "Kyiv", "Kiev"),
      strong("Зеленск*", "Zelensk*"),
      strong(
        "Верховн* Рад*", "Verkhovna Rada", "ВСУ", "ЗСУ", "НБУ", "Нафтогаз*", "Naftogaz", "Укрэнерго", "Ukrenergo",
        "Укрзализныц*", "=Кличко", "Klitschko", "Сырск*", "Syrskyi", "Залужн*", "Zaluzhny*", "Шмыгал*", "Shmyhal",
        "Свириденко", "Svyrydenko", "Буданов*", "Budanov", "гривн*", "hryvnia*",
      ),
      strong(
        "Харьков*", "Kharkiv", "Kharkov", "Одесс*", "одесск*", "Odesa", "Odessa", "Lviv",
        "Днепропетровск*", "Dnipro", "Запорож*", "Zaporizhzhia", "Zaporozhye", "Херсон*", "Kherson",
        "Донецк*", "Donetsk", "Луганск*", "Luhansk", "Lugansk", "Донбасс*", "Донбас*", "Donbas*", "ДНР", "ЛНР",
        "Мариупол*", "Mariupol", "Покровск*", "Pokrovsk", "Бахмут*", "Bakhmut", "Авдеевк*", "Avdiivka",
        "Краматорск*", "Kramatorsk", "Купянск*", "Kupiansk", "Часов* Яр*", "Чернигов*", "Chernihiv",
        "Полтав*", "Poltava", "Винниц*", "Vinnytsia", "Ивано-Франковск*", "Ivano-Frankivsk", "Житомир*",
        "Львов", "Львове", "львовск*",
        "Николаев* област*", "Mykolaiv", "Кривой Рог", "Кривом Роге", "Kryvyi Rih", "Черкасс*",
        "сумск*", "Sumy",
      ),
      medium("Крым*", "Крыму", "Crimea*", "=СВО", "спецоперац*", "специальн* военн* операц*"),
      supporting(1, "=сумы", "=сумами", "Днепр*", "Ермак*", "Yermak"),
    ],
    block: ["Киевск* вокзал*", "Киевск* шосс*", "Kievsky railway station", "Львова Белова"],
  },
};
