// Central Asia: Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan. Not Afghanistan,
// Mongolia or Xinjiang, and «Азия» on its own is not evidence (only «Центральная/Средняя Азия»).
//
// Stems carry most of the inflection. Surnames are listed in two forms because the Snowball stemmer
// cuts a nominative -ов/-ев (Токаев → «тока») but not the oblique forms (Токаева → «токаев»).
// Prefix patterns stop where the country's own derivations diverge from other words: «казах*» covers
// Казахстан/казахский/казахстанцы but never reaches Казань («казан») or казаки («казак»); «самар*»
// would catch Самара, so Самарканд is spelled out. Currency names that double as other words (сом —
// a catfish; сум — also the stem of Sumy in Ukraine; манат — also Azerbaijan's) count only alongside
// other Central Asian evidence.
import type { Topic } from "../types.js";
import { local, medium, strong, supporting, term } from "./helpers.js";

export const centralAsia: Topic = {
  slug: "central-asia",
  names: { ru: "Центральная Азия", en: "Central Asia" },
  aliases: [
    "Средняя Азия", "ЦА", "Центральноазиатский регион", "Central Asian", "Central Asia news",
    "Казахстан", "Кыргызстан", "Киргизия", "Таджикистан", "Туркменистан", "Туркмения", "Узбекистан",
    "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
  ],
  lexicon: {
    threshold: 3,
    terms: [
      // The region as a whole.
      strong("Центральн* Азия", "центральноазиатск*", "Средн* Азия", "среднеазиатск*", "Central Asia*"),
      strong("Ферганск* долин*", "Fergana Valley", "Ferghana Valley", "Приаралье", "Аральск* мор*", "Aral Sea"),
      medium("=арал", "арал*", "Aral", "Амудар*", "Сырдар*", "Amu Darya", "Syr Darya", "Тянь-Шан*", "Tien Shan"),

      // Kazakhstan.
      strong("казах*", "Kazakh*", "Qazaq*"),
      strong("Астана", "Астане", "астанинск*", "Нур-Султан*", "Astana", "Nur-Sultan"),
      strong("Алматы", "алматинск*", "Алма-Ат*", "Almaty", "Alma-Ata"),
      strong(
        "Шымкент*", "Караганд*", "Актау", "Атырау", "атырауск*", "Актобе", "актюбинск*", "костан*",
        "Павлодар*", "Кызылорд*", "Тараз*", "Усть-Каменогорск*", "Семипалатинск*", "Экибастуз*",
        "Талдыкорган*", "Кокшетау", "Темиртау", "Жезказган*", "Жанаозен*", "Балхаш*", "мангиста*",
        "Shymkent", "Karaganda", "Aktau", "Atyrau", "Aktobe", "Kostanay", "Pavlodar", "Kyzylorda", "Taraz",
        "Oskemen", "Ust-Kamenogorsk", "Ekibastuz", "Zhanaozen", "Balkhash", "Mangystau", "Mangistau",
      ),
      medium("Туркестан*", "Turkistan", "Байконур*", "Baikonur"),
      supporting(2, "Уральск", "Петропавловск"),
      strong("=токаев", "Токаева", "Касым-Жомарт*", "Tokayev", "Tokaev"),
      strong("=назарбаев", "Назарбаева", "Nazarbayev", "Nazarbaev"),
      medium("=бектенов", "Бектенова", "Bektenov", "=смаилов", "Смаилова", "Smailov"),
      strong("мажилис*", "Mazhilis", "Majilis", "Акорда", "Акорды", "Akorda"),
      strong(
        "Казмунайгаз*", "KazMunayGas", "KMG", "Самрук-Казын*", "Samruk-Kazyna", "Казатомпром*",
        "Kazatomprom", "КазТрансОйл*", "KazTransOil", "Тенгизшевройл*", "Tengizchevroil", "Тенгиз*",
        "Tengiz", "Кашаган*", "Kashagan", "Карачаганак*", "Karachaganak",
      ),
      strong("тенге", "tenge", "маслихат*", "maslikhat*"),
      strong("=аким", "акимы", "акима", "акимат*", "akimat", "akim"),

      // Kyrgyzstan.
      strong("кыргыз*", "киргиз*", "Kyrgyz*", "Kirghiz*", "Kirgiz*"),
      strong("Бишкек*", "Bishkek"),
      strong(
        "=ош", "Оше", "Оша", "Osh", "Джалал-Абад*", "Жалал-Абад*", "Jalal-Abad", "Каракол*", "Karakol",
        "Токмок*", "Tokmok", "Баткен*", "Batken", "Таласск*", "Иссык-Кул*", "Issyk-Kul", "Issyk Kul",
        "Чолпон-Ат*", "Cholpon-Ata", "Кара-Балт*", "Чуйск*", "Chui region", "Кумтор*", "Kumtor",
        "Тоо-Ашуу", "Кемин*", "ошск*", "Алайск*", "Чаткал*", "Сузак*", "Аксы*", "Ноокат*", "Кадамжай*",
        "Балыкчы", "Балыкчи", "Таш-Кумыр*", "Кызыл-Ки*", "Сулюкт*", "Майлуу-Суу",
        "Кочкор*", "Ат-Баш*", "Узген*", "Кара-Суу", "Кара-Кол*",
      ),
      medium("Нарын*", "Naryn", "Талас", "Ала-Тоо", "Манас", "Манаса", "манасч*"),
      strong("=жапаров", "Жапарова", "Japarov", "Zhaparov", "Dzhaparov", "Садыр*", "Sadyr"),
      strong("=ташиев", "Ташиева", "Tashiev"),
      medium("=касымалиев", "Касымалиева", "Kasymaliev", "=атамбаев", "Атамбаева", "Atambayev",
        "=жээнбеков", "Жээнбекова", "Jeenbekov", "=бакиев", "Бакиева", "Bakiyev"),
      strong("Жогорку Кенеш*", "Jogorku Kenesh", "кенеш*", "айыл окмоту", "Нацстатком*"),
      strong("ГКНБ", "ГКНБ КР", "GKNB"),
      medium("КР", "Кабмин КР", "тыйын*", "айыл*", "Токтогул*", "Камбарат*", "Ала-Арч*", "Аламедин*"),
      strong("МВД КР", "МИД КР", "МЧС КР", "ГНС КР", "Минздрав* КР", "Минфин* КР", "Минэкономики КР",
        "Генпрокуратур* КР", "Правительств* КР", "Президент* КР", "граждан* КР", "Нацбанк* КР", "ЦИК КР",
        "Северэлектро", "Ошэлектро", "Востокэлектро", "Жалалабатэлектро", "Бишкектеплосет*", "Кыргызгаз*",
        "Кыргызтелеком*", "НЭСК", "Нацэнергохолдинг*", "=СДПК", "Ата Мекен*", "Ата-Журт*", "Онугуу*", "Бир Бол"),
      supporting(2, "сом", "сомов", "som"),

      // Tajikistan.
      strong("таджик*", "Tajik*"),
      strong("Душанбе", "Dushanbe"),
      strong(
        "Худжанд*", "Khujand", "Куляб*", "Kulob", "Бохтар*", "Bokhtar", "Хорог*", "Khorog", "Истаравшан*",
        "Пенджикент*", "Panjakent", "Горно-Бадахшан*", "ГБАО", "GBAO", "Gorno-Badakhshan", "Памир*",
        "Pamir*", "Согд*", "Sughd", "Хатлон*", "Khatlon", "Рогун*", "Rogun", "Нурек*", "Nurek",
      ),
      medium("Вахш*", "Vakhsh"),
      strong("Рахмон", "Рахмона", "Эмомали", "Rahmon", "Rakhmon", "Emomali"),
      strong("сомони", "somoni", "Маджлиси Оли"),

      // Turkmenistan.
      strong("туркмен*", "Turkmen*"),
      strong("Ашхабад*", "Ashgabat", "Ashkhabad"),
      strong(
        "Туркменабат*", "Turkmenabat", "Дашогуз*", "Dashoguz", "Балканабат*", "Balkanabat",
        "Туркменбаши", "Turkmenbashi", "Аркадаг*", "Arkadag", "Галкыныш*", "Galkynysh", "марыйск*",
        "ахалтекин*", "Akhal-Teke",
      ),
      strong("=бердымухамедов", "Бердымухамедова", "Berdimuhamedov", "Berdymukhamedov", "Berdymuhamedov",
        "Гурбангулы", "Gurbanguly", "Сердар Бердымухамедов*"),
      strong("Халк Маслахаты", "Halk Maslahaty"),
      supporting(2, "меджлис*", "Mejlis"),
      supporting(1, "манат*", "manat*"),

      // Uzbekistan.
      strong("узбек*", "узбеч*", "Uzbek*"),
      strong("Ташкент*", "Tashkent"),
      strong(
        "Самарканд*", "Samarkand", "Samarqand", "Бухара", "Бухары", "Бухаре", "бухарск*", "Bukhara",
        "Андижан*", "Andijan", "Наманган*", "Namangan", "ферга*", "Fergana", "Ferghana", "Коканд*", "Kokand",
        "Нукус*", "Nukus", "Каракалпак*", "Karakalpak*", "Хива", "Хиве", "Хиву", "Khiva", "Термез*",
        "Termez", "Карши", "Karshi", "Qarshi", "Джизак*", "Jizzakh", "Ургенч*", "Urgench", "Маргилан*",
        "Чирчик*", "Алмалык*", "Шахрисабз*", "Навои", "Navoi",
      ),
      strong("=мирзиеев", "Мирзиёева", "=мирзияев", "Mirziyoyev", "Mirziyoev", "Шавкат*", "Shavkat"),
      medium("=арипов", "Арипова", "Aripov", "Ислам* Каримов*", "Islam Karimov"),
      strong("Олий Мажлис*", "Oliy Majlis", "=хоким", "хоким*", "hokim*", "Узбекнефтегаз*", "Uzbekneftegaz"),
      medium("махалл*", "mahalla*", "дехкан*"),
      supporting(1, "=сум", "=сумов", "sum", "sums"),

        // Local-looking words: only for a source whose home region is Central Asia (see tag.ts), where
      // «столица» is Bishkek or Astana, «госъязык» is Kyrgyz or Kazakh and the district is one of Bishkek's.
      local(1, "столичн*", "госъязык*", "государственн* язык*", "Госагентств*", "жилмассив*",
        "Октябрьск* район*", "Первомайск* район*", "Свердловск* район*", "Ленинск* район*", "вице-спикер*",
        "торага*", "мэри* столиц*", "горкенеш*"),
      strong("джамоат*", "хукумат*"),

      // The Caspian pipeline carries mostly Kazakh oil: Central Asian evidence even without a name.
      term(3, ["Каспийск* трубопроводн* консорциум*", "КТК", "Caspian Pipeline Consortium"]),
    ],
    block: [
      // Russian places whose adjectives coincide with Kazakh or Kyrgyz ones.
      "Чуйск* тракт*",
      "Уральск* федеральн* округ*",
      "Уральск* горн*",
      "Петропавловск-Камчатск*",
      // Other "Asian" names that are not Central Asia, listed so operators extending the lexicon
      // with looser words («азиатск*») do not pull them in.
      "Азиатск* банк* развит*",
      "Asian Development Bank",
      "Астраханск* област*",
      // Crimean Tatar and Iranian assemblies are also «меджлис».
      "меджлис* крымскотатарск*",
      // Syria talks named after the city where they began, wherever they meet now.
      "астанинск* формат*",
      "астанинск* процесс*",
      "Astana format",
      "Astana process",
      // A given name (the singer Sogdiana), not Tajikistan's Sughd region.
      "Согдиан*",
    ],
  },
};
