// Economy, energy and sanctions: sector vocabulary rather than places, so most words are medium
// evidence and a topic needs either a strong word (ВВП, ОПЕК, санкции), a medium word in the title,
// or two different medium words.
//
// Traps: «газета» and «газон» are not gas (stems «газет», «газон»; no «газо*» prefix), «Газа» is the
// Gaza Strip, «Газпромбанк» is a bank; «уголь» stems like «угол» (a corner), so only coal's own word
// forms count; «санкционировать» means "to authorise" (a court sanctions an arrest) and sport bodies
// impose "disciplinary sanctions"; "oil painting", "tear gas" and "power struggle" are not energy;
// «долг*» also begins «долго», «доход*» «доходит», «прибыл*» «прибыл» (arrived), «ветрян*» chickenpox
// («ветрянка») and «ОПЕК*» «опека» (guardianship): those count by their own forms or phrases.
import type { Topic } from "../types.js";
import { medium, strong, supporting, term, weak } from "./helpers.js";

export const energy: Topic = {
  slug: "energy",
  names: { ru: "Энергетика", en: "Energy" },
  aliases: ["Нефть и газ", "ТЭК", "Энергетика и ТЭК", "Oil and gas", "Power", "Электроэнергетика"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("энергетик*", "энергетическ*", "энергосистем*", "энергоблок*", "энергоснабж*", "энергообъект*",
        "энергомост*", "энергокомпан*", "электроэнерг*", "электроэнергетик*", "электростанц*", "электроснабж*",
        "электросет*", "электропередач*", "ЛЭП", "ТЭЦ", "ГРЭС", "ГЭС", "АЭС", "ТЭК", "power plant*",
        "power station*", "power grid", "power supply",
        "power output", "power export*", "hydropower", "hydroelectric*", "blackout*", "power cut*",
        // A district left without power: «блэкаут в ЖК», «энергоавария». Homes «без электричества»
        // after a hurricane are the storm's news (medium, below).
        "блэкаут*", "энергоавари*"),
      strong("атомн* станц*", "атомн* электростанц*", "атомн* энерг*", "ядерн* энерг*", "ядерн* реактор*",
        "реактор*", "nuclear plant*", "nuclear power", "reactor*", "Росатом*", "Rosatom", "Казатомпром*",
        "Kazatomprom", "уран*", "uranium"),
      medium("энергия", "energy", "энергоносител*", "энергоресурс*", "электричеств*", "electricity", "обесточ*"),
      term(2, ["нефт*", "oil"]),
      strong("нефтепровод*", "нефтегаз*", "нефтедобыч*", "нефтеперераб*", "нефтехим*", "нефтепродукт*",
        "нефтебаз*", "нефтяник*", "НПЗ", "баррел*", "Brent", "WTI", "=Urals", "=ОПЕК", "OPEC*", "crude",
        "refiner*", "oilfield*", "barrel*", "petroleum", "Aramco", "Арамко"),
      // «газе» is left out: "in Gaza" is far more common than "about gas".
      term(2, ["=газ", "=газа", "=газу", "=газом", "=газы", "=газов", "gas"], {
        unlessAny: ["ХАМАС", "Hamas", "палестин*", "Palestin*", "сектор* Газ*", "Нетаньяху", "израил*", "tear gas"],
      }),
      strong("газов*", "газопровод*", "газоснабж*", "газифик*", "газохим*", "газотранспорт*", "газовоз*",
        "газодобыч*", "газоперераб*", "СПГ", "LNG", "natural gas", "gas pipeline*", "gas field*",
        "gas supply", "gas supplies", "gas export*", "gas flow*", "cubic metre*", "cubic meter*", "gas pipeline*"),
      strong("Газпром", "Газпрома", "Газпрому", "Газпромом", "Gazprom", "Роснефт*", "Rosneft", "Лукойл*",
        "Lukoil", "Новатэк*", "Novatek", "Транснефт*", "Нафтогаз*", "Naftogaz", "SOCAR", "Chevron", "ExxonMobil",
        "Shell", "TotalEnergies", "Казмунайгаз*", "KazMunayGas", "КазТрансОйл*", "KazTransOil",
        "Тенгизшевройл*", "Tengizchevroil", "Узбекнефтегаз*", "Туркменгаз*", "Укрэнерго", "Ukrenergo",
        "Каспийск* трубопроводн* консорциум*", "КТК", "Caspian Pipeline Consortium", "Сил* Сибир*",
        "Power of Siberia", "Северн* поток*", "Nord Stream", "Южн* газов* коридор*", "Southern Gas Corridor",
        "Турецк* поток*", "TurkStream", "Баку — Тбилиси — Джейхан", "Дружб* нефтепровод*", "Тенгиз*",
        "Кашаган*", "Карачаганак*", "Tengiz", "Kashagan", "Karachaganak"),
      strong("=уголь", "=угля", "=углем", "=углю", "угольн*", "угледобыч*", "углеводород*", "coal",
        "hydrocarbon*"),
      strong("бензин*", "дизельн* топлив*", "АЗС", "автозаправ*", "gasoline", "petrol", "diesel", "fuel price*"),
      medium("топлив*", "fuel", "fuels", "дизел*", "мазут*", "керосин*"),
      strong("ВИЭ", "возобновляем*", "солнечн* электростанц*", "солнечн* панел*", "солнечн* энерг*",
        "ветроэлектростанц*",
        "ветропарк*", "ветрян* электростанц*", "ветрян* парк*", "ветрян* турбин*", "ветряк*", "ветроэнерг*", "гидроэнерг*", "гидроэлектростанц*", "renewable*", "solar power",
        "solar panel*", "solar farm*", "solar plant*", "solar installation*", "wind farm*", "wind power",
        "wind turbine*"),
      // «Мощность» is as often a factory's, a port's or a warhead's: energy's beside energy words.
      supporting(2, "мощност*"),
      medium("МВт", "ГВт", "кВт*", "megawatt*", "gigawatt*", "MW", "GW", "месторожден*",
        "скважин*", "отопительн* сезон*", "веерн* отключен*", "отключен* свет*", "отключен* электр*",
        "отключен* газ*", "водохранилищ*", "grid", "pipeline*"),
      weak("кубометр*", "тариф* на электр*", "Токтогул*", "Рогун*", "Камбарат*", "plant", "=power", "МАГАТЭ", "IAEA"),
      supporting(1, "solar", "wind", "dam"),
    ],
    block: [
      "газпромбанк*", "Gazprombank", "oil painting*", "oil paint*", "olive oil", "palm oil", "essential oil*",
      "tear gas", "слезоточив* газ*", "non-oil", "power struggle", "superpower", "soft power", "power of attorney",
      "energy drink*", "greenhouse gas*", "парников* газ*", "сектор* Газ*", "Gaza", "бытов* газ*",
      "взрыв* газ*", "gas explosion*", "gas leak*",
    ],
  },
};

export const economy: Topic = {
  slug: "economy",
  names: { ru: "Экономика", en: "Economy" },
  aliases: ["Экономика и финансы", "Финансы", "Бизнес", "Business", "Finance", "Markets"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("экономик*", "экономическ*", "экономист*", "economy", "economic*", "economist*", "ВВП", "GDP",
        "инфляц*", "=inflation", "дефляц*", "рецесс*", "recession", "безработиц*", "unemployment", "МВФ", "IMF",
        "Всемирн* банк*", "World Bank", "товарооборот*", "дефолт*", "ФРС", "ОФЗ",
        "гособлигац*", "Treasury yield*"),
      // The ministries of finance and the economy («глава Минфина Силуанов»); medium, as a finance
      // ministry also lists whom sanctions freeze.
      medium("Минфин*", "министерств* финансов", "министр* финансов", "finance minist*", "Минэкономразвит*",
        "Минэкономики", "министерств* экономическ* развит*"),
      strong("ключев* ставк*", "базов* ставк*", "учетн* ставк*", "процентн* ставк*", "ставк* рефинансир*",
        "interest rate*", "key rate", "benchmark rate", "deposit rate", "rate cut*", "rate hike*",
        "Нацбанк*", "Национальн* банк*", "Центробанк*", "Центральн* банк*", "ЦБ", "ЕЦБ", "НБУ",
        "central bank*", "Federal Reserve", "ECB", "Bank of Russia", "Банк* России", "Народн* банк* Китая"),
      strong("курс* тенге", "курс* рубл*", "курс* доллар*", "курс* валют*", "курс* сом*", "курс* сум*",
        "курс* манат*", "курс* юан*", "обменн* курс*", "exchange rate*", "валютн*", "currency", "currencies",
        "девальвац*", "devaluation", "цифров* рубл*", "цифров* валют*", "digital currenc*", "курс* евро",
        "данн* торгов"),
      // A currency's move is market news: «Доллар поднялся выше 108 рублей», «рубль укрепился».
      strong(...["доллар*", "евро", "юан*", "рубл*"].flatMap((currency) =>
        ["подорожа*", "подешевел*", "поднял*", "подскочил*", "вырос*", "упал*", "опустил*", "рухнул*", "укрепил*",
          "ослаб*", "обвалил*", "продолжа*", "раст*", "торгует*", "превысил*", "превыша*", "пробил*", "дешевеет", "дорожает", "пада*",
          // …or stands at a mark: «Евро выше 111 рублей».
          "выше", "ниже"].map((move) => `${currency} ${move}`))),
      // …and told as a noun before it: «падение рубля», «обвал рубля», «укрепление юаня».
      strong(...["доллар*", "евро", "юан*", "рубл*", "тенге"].flatMap((currency) =>
        ["падени*", "обвал*", "ослаблени*", "укреплени*", "девальвац*"].map((move) => `${move} ${currency}`))),
      strong("бирж*", "Мосбирж*", "фондов* рынк*", "фондов* рынок", "stock market*", "stock exchange*",
        "stocks", "IPO", "initial public offering*", "первичн* размещен*", "приватизац*", "приватизир*",
        // English by its forms: the stem of "privatization" is also that of "privately".
        "=privatisation", "=privatization", "=privatised", "=privatized", "=privatise", "=privatize",
        "облигац*", "еврооблигац*", "bond", "bonds", "Eurobond*", "дивиденд*",
        "dividend*", "котировк*", "Nikkei", "Kospi", "Hang Seng", "Dow Jones", "Nasdaq", "биткоин*",
        "Bitcoin", "криптовалют*", "cryptocurrenc*"),
      // «Крипта»: the slang word, in a headline about the market or in passing about a payment.
      medium("=крипта", "=крипты", "=крипту", "=крипте", "=криптой"),
      medium("бюджет*", "budget*", "налог*", "tax", "taxes", "taxation", "пошлин*", "tariff*", "тариф*",
        "таможен*", "дефицит*", "deficit*", "госдолг*", "=долг", "=долга", "=долгу", "=долгом", "=долге", "=долги", "=долгов", "=долгам",
        "=долгами", "=долгах", "долгов* нагрузк*", "debt*", "субсид*", "subsid*", "default",
        "aid package", "financial aid", "financial support", "макрофинансов*"),
      // «Банк» by its own forms: the stem is also «банка» (a jar), and «банкой», «банок» are only jars.
      medium("=банк", "=банка", "=банки", "=банков", "=банку", "=банком", "=банке", "=банках", "=банкам", "=банками",
        "банковск*", "bank",
        "banks", "banking", "lender*", "кред", "кредитн*", "кредитован*", "ипотек*", "mortgage*", "депозит*",
        "deposit*", "вклад*", "loan*", "credit", "валют*", "Fed", "shares"),
      medium("инвест*", "invest", "invests", "invested", "investing", "investment*", "=прибыль", "=прибылью", "=прибылей", "прибыльн*",
        // «Прибыли» is also "arrived" («подкрепления прибыли в Хаму»): as profit, in its phrases.
        "чист* прибыл*", "операционн* прибыл*", "рекордн* прибыл*", "получен* прибыл*", "максимальн* прибыл*",
        "падени* прибыл*", "рост* прибыл*", "снижени* прибыл*", "прибыли компани*", "прибыли банк*", "profit*",
        "выручк*", "revenue*", "earnings", "убыт*",
        "капитализац*", "продаж*", "sales", "Газпромбанк*"),
      medium("торговл*", "trade", "trading", "реэкспорт*", "re-export*", "free trade", "контейнерн*",
        "транзит*", "=transit", "логистик*", "logistic*", "грузоперевоз*", "freight",
        "shipping rate*", "нарастил* выпуск*", "выпуск* продукц*"),
      // Trade in energy or arms is energy or security news, not economy (the taxonomy's rule). "import"
      // by its own forms: the English stemmer gives "important" the same stem.
      term(2, ["экспорт*", "импорт*", "export*", "=import", "=imports", "=imported", "importer*", "ввоз*", "вывоз*"], {
        unlessAny: ["нефт*", "oil", "crude", "газ", "gas", "газов*", "газопровод*", "СПГ", "LNG", "электроэнерг*",
          "electricity", "power", "=угля", "=уголь", "coal", "уран*", "uranium", "оруж*", "weapon*", "arms",
          "беспилотник*", "drone*"],
      }),
      medium("цен", "price*", "подорожа*", "подешевел*", "удорожан*", "зарплат*", "=wage", "=wages", "salar*", "=доход", "=дохода", "=доходу", "=доходом", "=доходе", "=доходы", "=доходов",
        "=доходам", "=доходами", "=доходах", "доходност*", "доходн*",
        "income*", "пенс", "пенсионн*", "pension*"),
      // Competition and consumer regulators rule on markets and prices.
      medium("антимонопольн*", "=ФАС", "antitrust", "anti-trust", "competition regulator*", "competition authorit*",
        "Competition and Consumer Commission", "Federal Trade Commission", "FTC", "защит* прав* потребител*",
        "consumer protection"),
      medium("бизнес", "бизнеса", "business", "businesses", "предпринимател*", "entrepreneur*", "ритейл*",
        "retail*", "кластер*", "свободн* экономическ* зон*", "СЭЗ", "недвижимост*", "real estate",
        "новостройк*", "рынк* жиль*", "рынок жиль*", "housing market*"),
      medium("продовольственн* безопасност*", "food security", "зерн*", "пшениц*", "wheat", "grain*",
        "урожа*", "harvest*"),
      weak("рынок", "рынк*", "market*", "промышлен*", "industr*", "производств*", "доллар*", "dollar*",
        "евро", "euro", "млрд", "billion", "трлн", "trillion", "growth", "инвестор*", "фермер*", "стоимост*",
        "торгов*", "железн* дорог*", "railway*", "завод*", "factory", "factories", "квадратн* метр*", "output",
        "=production", "gold", "золот*", "=housing", "rates", "container*"),
    ],
    block: ["банк* данн*", "банк* кров*", "data bank*", "blood bank*", "food bank*", "потолок цен*",
      "потолк* цен*", "price cap*",
      // Selling as a matter of law or order, not of the market: bans on sales to minors, of cigarettes,
      // vapes, alcohol, drugs or arms, and a ticket rush.
      "продаж* детям", "продаж* несовершеннолетн*", "продаж* сигарет*", "продаж* табак*", "продаж* вейп*",
      "продаж* алкогол*", "продаж* наркотик*", "продаж* оружи*", "продаж* билет*"],
  },
};

export const sanctions: Topic = {
  slug: "sanctions",
  names: { ru: "Санкции", en: "Sanctions" },
  aliases: ["Санкционная политика", "Ограничения", "Sanctions policy", "Embargo"],
  lexicon: {
    threshold: 3,
    terms: [
      // One term per instrument (lists and embargoes, price caps, frozen assets, evasion), so that a
      // long article can show the two distinct pieces of evidence long texts need (see culture).
      strong("санкц*", "sanction*", "антисанкц*", "подсанкцион*", "эмбарго", "embargo*", "OFAC", "SDN",
        "ограничительн* мер*", "restrictive measure*", "entity list", "blacklist*", "черн* список*", "черн* списк*"),
      strong("потолок цен*", "потолк* цен*", "price cap*"),
      strong("заморозил* актив*", "заморозк* актив*", "замороз* актив*", "заморажива* актив*", "froze* asset*",
        "freez* asset*", "asset freez*"),
      strong("теневой флот*", "shadow fleet", "обход* ограничен*", "вторичн* ограничен*"),
      supporting(1, "ограничен*", "restriction*", "запрет*", "ban", "=list", "=lists", "=listed", "blacklist*"),
    ],
    block: [
      "санкционирова*", "дисциплинарн* санкц*", "FIFA sanction*", "UEFA sanction*", "IOC sanction*",
      "ФИФА примен* санкц*", "disciplinary sanction*", "sanctioned by FIFA", "sanctioned the arrest",
      // A tax office's penalties are «налоговые санкции» too, and a law's «административные санкции».
      "налогов* санкц*", "штрафн* санкц*", "административн* санкц*",
    ],
  },
};
