// China, Europe, the USA and the Middle East.
//
// China includes Xinjiang, Tibet, Hong Kong and Taiwan (cross-strait news is China news for readers
// here); Mongolia is not China. Europe is the EU, the UK, the Balkans and Moldova, not Russia, Ukraine
// or Belarus. The Middle East includes Turkey and Egypt, not Afghanistan.
//
// Traps: «Китай-город» is a Moscow district; «Германа Грефа» stems like Germany; «Лига Европы» and
// «Кубок Америки» are football; «Джорджия» is a US state but «Джордж» a first name; «Иран» stems to
// «ира» (a first name), «Дубай» like «дуб»; English "turkey" is also the Thanksgiving bird and
// "Jordan" also Michael Jordan. Names whose stem is an everyday word's are matched by their own word
// forms: «Китая» stems like «кит» (a whale), «Сирия» like «сирена», «Рубио» like «руб.» (roubles, in
// every price), "Maine" like "main"; «Ирак*» would also take «Ираклий» (Georgia's prime minister).
import type { Topic } from "../types.js";
import { GEORGIA_COUNTRY_CUES } from "./caucasus.js";
import { medium, strong, supporting, term, weak } from "./helpers.js";

export const china: Topic = {
  slug: "china",
  names: { ru: "Китай", en: "China" },
  aliases: ["КНР", "Поднебесная", "PRC", "Chinese", "Китайская Народная Республика"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("=Китай", "=Китая", "=Китаю", "=Китаем", "=Китае", "КНР", "China", "PRC"),
      medium("китайск*", "китайц*", "Chinese"),
      strong("Пекин*", "Beijing"),
      strong("Си Цзиньпин*", "Цзиньпин*", "Xi Jinping", "Цян*", "Li Qiang", "Wang Yi"),
      strong(
        "Шанха*", "Shanghai", "Гонконг*", "Hong Kong", "Тайван*", "Taiwan*", "Тайбэ*", "Taipei",
        "Синьцзян*", "Xinjiang", "Урумчи", "Urumqi", "Кашгар*", "Kashgar", "Тибет*", "Tibet*", "Макао", "Macau",
        "Шэньчжэн*", "Shenzhen", "Гуанчжоу", "Guangzhou", "Гуандун*", "Guangdong", "Ухан*", "Wuhan",
        "Чунцин*", "Chongqing", "Фуцзян*", "Fujian", "Хайнан*", "Hainan", "Харбин*", "Harbin",
        "Внутренн* Монголия", "Inner Mongolia", "Уйгур*", "Uyghur*", "Uighur*", "Хоргос*", "Khorgos",
      ),
      strong("Всекитайск*", "НОАК", "PLA", "КПК", "Компартия Китая", "Communist Party of China", "Поднебесн*"),
      medium("юан*", "yuan", "renminbi"),
      medium(
        "Huawei", "Alibaba", "Tencent", "BYD", "Xiaomi", "ByteDance", "DeepSeek", "CATL", "Sinopec",
        "CNPC", "Синопек*",
      ),
      // TikTok is news of social media first (Australia's ban for children): China's when China is named.
      supporting(2, "TikTok"),
    ],
    // A Moscow district; a Hong Kong newspaper quoted on other countries' news.
    block: ["Китай-город*", "Китай-городск*", "South China Morning Post", "SCMP"],
  },
};

export const europe: Topic = {
  slug: "europe",
  names: { ru: "Европа", en: "Europe" },
  aliases: ["Евросоюз", "ЕС", "EU", "European Union", "European", "Западная Европа"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("европ*", "Europe*", "евросоюз*", "еврокомисс*", "еврозон*", "ЕС", "EU", "Eurozone", "Евростат*",
        "Eurostat"),
      strong("Брюссел*", "Brussels", "ЕЦБ", "ECB", "Страсбург*", "Strasbourg"),
      term(2, ["Германия"], { unlessAny: ["Греф*"] }),
      strong("ФРГ", "Берлин*", "бундестаг*", "бундесвер*", "Germany", "Berlin", "Bundestag",
        "Bundeswehr", "Мюнхен*", "Munich", "Франкфурт*", "Frankfurt", "Гамбург*", "Hamburg"),
      strong("Франция", "Париж*", "Елисейск*", "France", "Paris", "Élysée", "Канн",
        "Каннах", "Каннского", "Cannes", "Марсел*", "Marseille", "Лион", "Лионе", "Lyon"),
      strong("Италия", "Рим", "Риме", "Рима", "Italy", "Rome", "Милан", "Милане",
        "Milan", "=венеция", "=венеции", "Venice", "Неапол*", "Naples"),
      strong("Испания", "Мадрид*", "Барселон*", "Валенсия", "Spain", "Madrid",
        "Barcelona", "Valencia"),
      strong("Великобритания", "Британия", "Лондон*", "=англия", "=англии", "=англию",
        "Шотландия", "Britain", "UK", "London", "England", "Scotland", "Wales",
        "Manchester", "Манчестер*", "Ливерпул*", "Liverpool"),
      strong(
        "Польша", "Варшав*", "=Чехия", "=Чехии", "=Чехию", "=Чехией", "Прага", "Праге", "Праги", "Венгрия", "Будапешт*", "Румыния", "Бухарест*",
        "Болгария", "Греция", "Афины", "Афинах", "Нидерланды", "Голландия", "Амстердам*", "Гаага", "Гааге",
        "Бельгия", "Австрия", "Швейцария", "Женев*", "Швеция", "Стокгольм*", "Финляндия", "Хельсинки",
        "Норвегия", "Осло", "=дания", "=дании", "=данию", "Копенгаген*", "Эстония", "Таллин*", "Латвия", "Рига",
        "Риге", "Риги", "Литва", "Вильнюс*", "Прибалтика", "Молдавия", "Молдова", "Кишинев*", "Сербия",
        "Белград*", "Хорватия", "Словакия", "Словения", "Португалия", "Лиссабон*", "Ирландия", "Люксембург*",
        "Мальта", "Кипр*", "Албания", "Черногория", "Косово", "Босния", "Македония", "Исландия", "Балканы",
      ),
      strong(
        "Poland", "Warsaw", "Czech*", "Prague", "Hungar*", "Budapest", "Romania*", "Bucharest",
        "Bulgaria*", "Greece", "Athens", "Netherlands", "Amsterdam", "Hague", "Belgium",
        "Austria*", "Vienna", "Switzerland", "Geneva", "Sweden", "Stockholm",
        "Finland", "Helsinki", "Norway", "Oslo", "Denmark", "Copenhagen",
        "Estonia*", "Tallinn", "Latvia*", "Riga", "Lithuania*", "Vilnius", "Baltic*", "Moldova*", "Chisinau",
        "Serbia*", "Belgrade", "Croatia*", "Slovakia*", "Slovenia*", "Portug*", "Lisbon", "Ireland",
        "Dublin", "Luxembourg", "Malta", "Cyprus", "Albania*", "Montenegro", "Kosovo", "Bosnia*", "Macedonia*",
        "Iceland*", "Balkan*",
      ),
      strong(
        "Макрон*", "Macron", "Мерц", "Мерца", "Merz", "Шольц*", "Scholz", "Стармер*", "Starmer", "Мелони", "Meloni",
        "Орбан*", "Orban", "Туск", "Туска", "Tusk", "Санчес", "Санчеса", "Sanchez", "фон дер Ляйен",
        "von der Leyen", "Каллас", "Kallas",
        // Former leaders still in the news (memoirs, interviews).
        "Меркель", "Merkel",
      ),
      medium("немецк*", "французск*", "итальянск*", "миланск*", "венецианск*", "испанск*", "британск*",
        "шотландск*", "польск*", "чешск*", "пражск*", "венгерск*", "румынск*", "болгарск*", "греческ*",
        "афинск*", "нидерландск*", "голландск*", "гаагск*", "бельгийск*", "австрийск*", "швейцарск*",
        "шведск*", "финск*", "финляндск*", "норвежск*", "датск*", "эстонск*", "латвийск*", "литовск*",
        "прибалтийск*", "молдавск*", "сербск*", "хорватск*", "словацк*", "словенск*", "португальск*",
        "ирландск*", "мальтийск*", "албанск*", "исландск*", "балканск*", "French", "German", "Italian",
        "Spanish", "British", "Polish", "Dutch", "Belgian", "Swiss", "Swedish", "Finnish", "Norwegian",
        "Danish", "Irish", "Greek"),
      // «Евро» is mostly the currency («доллар по 108, евро по 116»): Europe only beside other evidence.
      medium("euro*"),
      supporting(2, "евро"),
    ],
    block: [
      "Лиг* Европ*", "Europa League", "Европа Плюс", "Кубок Европ*", "European Cup", "Чемпионат* Европ*",
      "European Championship*", "Volga Bulgaria", "Волжск* Булгари*",
      // Commodity exchanges and price fixings are venues, not European news.
      "Лондонск* бирж*", "бирж* ICE", "ICE Futures", "фиксинг* Лондон*", "London Metal Exchange",
      // Moscow's roads and stations named after the cities they lead to.
      "Варшавск* шосс*", "Варшавк*", "Рижск* вокзал*", "Рижск* проспект*", "Рижск* направлен*",
    ],
  },
};

export const usa: Topic = {
  slug: "usa",
  names: { ru: "США", en: "USA" },
  aliases: ["Соединенные Штаты", "Америка", "United States", "US", "U.S.", "America", "American"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("США", "Соединенн* Штат*", "=US", "USA", "United States"),
      medium("американск*", "американц*", "American*"),
      term(2, ["Америк*", "America"]),
      strong("Вашингтон*", "Washington", "White House"),
      // Bishkek's and Moscow's government buildings are also «Белый дом».
      medium("Белый дом", "Белого дома", "Белом доме"),
      strong("Трамп", "Трампа", "Trump", "Байден*", "Biden", "Вэнс*", "Vance", "=Рубио", "Rubio", "Хегсет*",
        "Hegseth", "Обам*", "Obama"),
      medium("Харрис", "=Harris"),
      strong("Госдеп*", "State Department", "Пентагон*", "Pentagon", "ФРС", "Федеральн* резервн* систем*",
        "Federal Reserve", "Конгресс* США", "Сенат* США", "Congress", "Минфин США", "Treasury", "OFAC",
        "ЦРУ", "CIA", "ФБР", "FBI", "NASA", "НАСА", "Пауэлл*", "Powell"),
      medium("=маск", "Илон* Маск*", "Musk", "Fed", "Supreme Court", "Republican*"),
      weak("Уолл-стрит", "Wall Street", "SpaceX", "Tesla", "Apple", "Google", "Microsoft", "Nvidia", "OpenAI"),
      weak("Senate"),
      strong(
        "Нью-Йорк*", "New York", "Калифорния", "калифорнийск*", "California*", "Техас*", "Texas", "Флорид*",
        "Florida",
        "Лос-Анджелес*", "Los Angeles", "Чикаго", "Chicago", "Сан-Франциско", "San Francisco", "Майами",
        "Miami", "Бостон*", "Boston", "Сиэтл*", "Seattle", "Лас-Вегас*", "Las Vegas", "Аляск*", "Alaska",
        "=Гаваи", "Hawaii", "Оклахом*", "Oklahoma", "Аризон*", "Arizona", "Невад*", "Nevada", "Огайо", "Ohio",
        "Мичиган*", "Michigan", "Пенсильвания", "Pennsylvania", "Висконсин*", "Wisconsin", "Вирджиния",
        "Virginia", "Северн* Каролин*", "North Carolina", "Луизиан*", "Louisiana", "Нью-Мексико", "New Mexico",
        "Нью-Джерси", "New Jersey", "Колорадо", "Colorado", "Миннесот*", "Minnesota", "Атланта", "Атланте", "Atlanta",
        "Иллинойс*", "Illinois", "Теннесси", "Tennessee", "Алабам*", "Alabama", "Айдахо", "Idaho", "Юта",
        "Utah", "Орегон*", "Oregon", "Массачусетс*", "Massachusetts", "Мэриленд*", "Maryland",
        "Детройт*", "Detroit", "Балтимор*", "Baltimore", "Филадельфи*", "Philadelphia", "Финикс*", "Phoenix",
        "Денвер*", "Denver", "Новом Орлеане", "New Orleans", "Портленд*", "Portland", "Миннеаполис*", "Minneapolis",
        "Питтсбург*", "Pittsburgh", "Нэшвилл*", "Nashville", "Сан-Диего", "San Diego", "Сакраменто", "Sacramento",
        "Кентукки", "Kentucky", "Айов*", "Iowa", "Миссури", "Missouri", "Индиан*", "Indiana", "Арканзас*",
        "Arkansas", "Канзас*", "Kansas", "Небраск*", "Nebraska", "Монтан*", "Montana", "Вайоминг*", "Wyoming",
        "Коннектикут*", "Connecticut", "Вермонт*", "Vermont", "Делавэр*", "Delaware", "Миссисипи", "Mississippi",
        "Южн* Каролин*", "South Carolina", "Дакот*", "Dakota", "Род-Айленд*", "Rhode Island", "Мэн", "=Maine",
        "Хьюстон*", "Houston", "Даллас*", "Dallas",
      ),
      strong("=джорджия", "=джорджии", "=джорджию", "республиканц*", "Thanksgiving"),
      term(2, ["Georgia"], { unlessAny: GEORGIA_COUNTRY_CUES }),
    ],
    block: [
      "Латинск* Америк*", "Южн* Америк*", "Центральн* Америк*", "Кубок* Америк*", "Latin America*",
      "South America*", "Central America*", "Copa America", "America's Cup", "Washington Post",
      // The currency, named in every exchange-rate report.
      "доллар* США", "долл США", "US dollar*", "U.S. dollar*", "Нью-Йоркск* товарн* бирж*",
      "Нью-Йоркск* бирж*", "NYMEX", "New York Mercantile Exchange",
    ],
  },
};

export const middleEast: Topic = {
  slug: "middle-east",
  names: { ru: "Ближний Восток", en: "Middle East" },
  aliases: ["Ближний и Средний Восток", "Mideast", "Middle Eastern", "Ближневосточный регион", "MENA"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("Ближн* Восток*", "ближневосточн*", "Middle East*", "Mideast", "Персидск* залив*", "Persian Gulf",
        "стран* Залив*", "Gulf states", "Gulf Arab*", "Ормузск*", "Hormuz"),
      strong("израил*", "Israel*", "Тель-Авив*", "Tel Aviv", "Иерусалим*", "Jerusalem", "Нетаньяху", "Netanyahu",
        "ЦАХАЛ", "IDF", "Кнессет*", "Knesset"),
      strong("ХАМАС", "Hamas", "Хезболл*", "Hezbollah", "хусит*", "Houthi*", "Сектор* Газ*", "Gaza", "Западн* берег*",
        "West Bank", "палестин*", "Palestin*"),
      strong("=иран", "=ирана", "=ирану", "=ираном", "=иране", "иранск*", "иранц*", "Iran*", "Тегеран*", "Tehran",
        "Хамене*", "Khamenei", "Пезешкиан*", "Pezeshkian", "КСИР", "IRGC", "аятолл*", "ayatollah*"),
      strong("=Ирак", "=Ирака", "=Ираку", "=Ираком", "=Ираке", "иракск*", "Iraq*", "Багдад*", "Baghdad", "Эрбил*", "Erbil", "Курдистан*", "Kurdistan"),
      strong("=Сирия", "=Сирии", "=Сирию", "=Сирией", "сирийск*", "Syria*", "Дамаск*", "Damascus", "Алеппо", "Aleppo",
        "Идлиб*", "Idlib"),
      strong("Ливан", "Ливана", "ливанск*", "Lebanon", "Lebanese", "Бейрут*", "Beirut"),
      strong("Иордания", "иорданск*", "Jordanian", "Амман*", "Amman"),
      term(3, ["Jordan"], { unlessAny: ["Michael Jordan", "Jordan Peterson", "Bulls", "Nike"] }),
      strong("Саудовск*", "Saudi*", "Эр-Рияд*", "Riyadh", "ОАЭ", "UAE", "эмират*", "Emirat*", "Дубай",
        "Дубае", "Dubai", "Абу-Даби", "Abu Dhabi", "Катар", "Катара", "Катаре", "катарск*", "Qatar*", "Доха",
        "Дохе", "Doha", "Кувейт*",
        "Kuwait*", "Бахрейн*", "Bahrain*", "Оман", "Омана", "Oman*", "Йемен*", "Yemen*", "Aramco", "Арамко"),
      strong("Египет", "Египта", "Египте", "египетск*", "египтян*", "Egypt*", "Каир*", "Cairo", "Суэц*", "Suez"),
      strong("Турция", "турецк*", "Türkiye", "Turkish", "Анкар*", "Ankara", "Стамбул*", "Istanbul",
        "Эрдоган*", "Erdogan", "Erdoğan", "Анталь*", "Antalya", "Джейхан*", "Ceyhan", "лира", "лиры", "lira"),
      term(3, ["Turkey"], { unlessAny: ["Thanksgiving", "roast*", "holiday bird", "poultry"] }),
      weak("Красн* мор*", "Red Sea"),
    ],
    block: ["Турецк* гамбит*", "Turkish delight"],
  },
};
