// Technology, sport, culture, incidents (accidents, disasters, crime) and ecology (environment,
// climate, water). Mostly medium sector words; a topic needs a strong word or two medium ones.
//
// Traps: «гол» (a goal) and «голая» (naked) share a stem, so a goal counts by its own forms;
// «опера» vs «операция» (stem «опер» vs «операц»); «смог» (smog) is also "could" (only the
// noun's own forms count); «сель» (a mudflow) stems like «село»; «премьера» (a première) vs
// «премьер» (a prime minister); a "match" or "title" in English is not always sport; a prefix
// reaches further than its word: «поэт*» took «поэтому», «борщ*» hogweed («борщевик»), «сборн*» an
// anthology («сборник»), so those count by their own word forms.
import type { Topic } from "../types.js";
import { medium, strong, supporting, term, weak } from "./helpers.js";

export const technology: Topic = {
  slug: "technology",
  names: { ru: "Технологии", en: "Technology" },
  aliases: ["IT", "ИТ", "Айти", "Tech", "Наука и технологии", "Digital", "Цифровизация", "Космос", "Space"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("искусствен* интеллект*", "artificial intelligence", "ИИ", "AI", "нейросет*", "neural network*",
        "машинн* обучен*", "machine learning", "чат-бот*", "chatbot*", "языков* модел*", "language model*",
        "reasoning model", "OpenAI", "ChatGPT", "DeepSeek", "Nvidia", "Anthropic"),
      strong("смартфон*", "smartphone*", "iPhone", "Android", "операционн* систем*", "operating system*",
        "программн* обеспечен*", "software", "мобильн* приложен*", "messaging app*", "мессенджер*",
        "messenger*", "VPN", "5G", "чип*", "chip", "chips", "chipmaker*", "микросхем*", "микрочип*",
        "полупроводник*", "semiconductor*", "процессор*", "processor*", "суперкомпьютер*", "supercomputer*",
        "дата-центр*", "data cent*", "IT-парк*", "технопарк*", "tech park*"),
      strong("кибер*", "cyber*", "хакер*", "hacker*", "hack", "hacked", "утечк* данн*", "data breach*",
        "уязвимост*", "эксплойт*", "DDoS*", "вредоносн*", "malware", "ransomware",
        "блокчейн*", "blockchain", "криптовалют*", "cryptocurrenc*", "биткоин*", "Bitcoin", "майнинг*",
        "стартап*", "startup*", "start-up*", "IT-компан*", "IT-сектор*", "айти*", "ИТ"),
      // A space rock's fall is science news; «сравнил силу с метеоритом» (a missile's) is not.
      strong("падени* астероид*", "падени* метеорит*", "упал* астероид*", "упал* метеорит*", "астероид* упал*",
        "падающ* астероид*", "падающ* метеорит*",
        "метеорит* упал*", "астероид* упадет", "сгорел* астероид*", "сгоревш* астероид*", "астероид* сгорел*",
        "asteroid impact*", "meteor shower*", "звездопад*", "метеорн* поток*"),
      // A service down for many at once («массовый сбой в работе Telegram»); a failure of anything
      // else («сбой в работе светофоров») needs another technology word, also in a headline.
      medium("массов* сбо*", "глобальн* сбо*", "outage*"),
      // Personal data: its leaks, its sale, the law on it.
      medium("персональн* данн*", "personal data"),
      term(1.5, ["сбо* в работ*"]),
      term(1.5, ["астероид*", "asteroid*", "метеорит*", "meteorite*"]),
      strong("спутник* связ*", "ракет* носител*", "ракета-носитель", "космодром*", "cosmodrome",
        "космическ*", "space agency", "spacecraft", "space launch*", "луноход*", "Роскосмос*", "Roscosmos",
        "SpaceX", "Starlink", "NASA", "НАСА", "роботакси", "беспилотн* такс*", "беспилотн* автомобил*",
        "self-driving", "robotaxi*", "робот*", "robot*"),
      // Science: the taxonomy files research under technology («Наука и технологии»). «Учёные» is
      // listed by word form: «учения» (military exercises) shares its stem.
      term(1.5, ["=ученые", "=ученых", "=ученым", "=учеными", "scientist*", "researchers", "исследовател*"]),
      strong("физик*", "physicist*", "астроном*", "astronom*", "астрофиз*", "astrophysic*", "археолог*",
        "archaeolog*", "нейробиолог*", "neuroscien*", "=биолог", "=биологи", "=биологов", "=биологами",
        "biologist*", "палеонтолог*", "paleontolog*", "palaeontolog*", "генетик*", "geneticist*", "геном*",
        "genome*", "научн* журнал*", "peer-reviewed", "Nature Astronomy", "телескоп*", "telescope*",
        "3D-принтер*", "3D-печат*", "3D printing", "3D-printed", "3D printed", "сверхпроводим*",
        "superconduct*", "квантов*", "quantum"),
      medium("исследован*", "research*", "study", "studies", "эксперимент*", "experiment*", "лаборатор*",
        "laborator*", "научн*", "science*", "scientific*", "молекул*", "molecul*", "вселенн*", "=universe",
        "галактик*", "galax*", "планет*", "planet*", "клиническ* испытан*", "clinical trial*", "изобрет*",
        "invent", "invented", "=inventor", "=inventors", "invention*", "инженер*", "engineer*", "материал* нов*", "new material*"),
      // Cars and their makers: the industry's own words, not every mention of a car.
      medium("автопроизводител*", "automaker*", "carmaker*", "автоконцерн*"),
      strong("электрокар*", "concept car*", "кроссовер*", "crossover*", "седан*", "sedan*", "хэтчбек*", "hatchback*", "all-wheel", "полноприводн*",
        "гибридн* двигател*", "hybrid powertrain*", "топливн* элемент*", "fuel cell*"),
      weak("автомобил*"),
      medium("двигател*", "engine*", "Tesla", "АвтоВАЗ*", "AvtoVAZ", "трансмисс*", "transmission*", "horsepower",
        "лошадин* сил*"),
      // A make names the car in a crash or a crime report («сбил… на своём Kia Rio», «на Nissan
      // Navara»): news of the industry has its own words too.
      supporting(2, "Toyota", "Hyundai", "Kia", "BMW", "Nissan", "Subaru", "Volkswagen", "Mercedes-Benz",
        "Great Wall", "Geely", "Лада"),
      // Video games, as the press files them beside gadgets and software.
      medium("видеоигр*", "video game*", "videogame*", "компьютерн* игр*", "Steam", "PlayStation", "Xbox", "Nintendo",
        // English by its forms: the stemmer gives "gaming" the stem of "games" (a tournament's).
        "геймер*", "=gamer", "=gamers", "гейминг*", "=gaming", "игров* консол*", "DLC", "GTA", "Fortnite", "рунет*", "Runet",
        "шутер*", "геймплей*", "gameplay", "=патч", "=патча", "=патчем", "моддер*", "Minecraft", "Майнкрафт*",
        "Epic Games", "Riot Games", "CD Projekt", "CDPR", "Genshin", "Геншин*", "игров* ПК",
        // …and the hardware: graphics cards and processors, a neural net in slang («нейронка»).
        "видеокарт*", "graphics card*", "GPU", "AMD", "нейронк*"),
      // Software and its flaws.
      medium("=баг", "=бага", "=баги", "=багов", "баг-баунти", "bug bount*", "Windows", "Linux", "macOS", "Firefox",
        "браузер*", "browser*", "исходн* код*", "source code", "open source", "опенсорс*"),
      weak("Telegram"),
      medium("=крипта", "=крипты", "=крипту", "=крипте", "=криптой"),
      // Channels link their videos and podcasts «в YouTube»: the name alone is no technology news.
      supporting(1, "YouTube"),
      // A blocked site is technology news; a blocked entrance, road or account is not.
      supporting(2, "блокировк*", "заблокирова*"),
      // What is done online — a cinema, a school, a vote on a banknote — is seldom news about technology;
      // next to other technology words it adds a little, as it did inside the medium term it left.
      supporting(0.5, "онлайн*"),
      // Programming and its languages.
      strong("программист*", "programmer*", "программирован*", "Python", "JavaScript", "TypeScript", "Kotlin", "Golang"),
      medium("спутник*", "satellite*", "микросхем*", "электромобил*", "electric vehicle*", "орбит*", "orbit*",
        "зонд*", "rover", "app", "apps", "WhatsApp", "технолог*", "technolog*", "tech",
        "интернет*", "internet",
        "приложен*", "платформ*", "platform*", "гаджет*", "gadget*", "компьютер*", "computer*", "Huawei",
        "Apple", "Google", "Microsoft", "Uber", "Samsung", "Xiaomi", "Яндекс*", "Yandex", "Meta", "TikTok", "видеохостинг*",
        "Роскомнадзор*", "Roskomnadzor", "биометр*", "biometric*", "электронн* паспорт*", "госуслуг*",
        "e-government", "социальн* сет*", "social media", "соцсет*", "социальн* медиа", "соцмедиа",
        "зашифр*", "шифрован*", "encrypt*", "=спам", "=спама", "=спаму", "=спамом", "спамер*", "spam",
        "blocks access", "КазСат*", "KazSat*", "Байконур*", "Baikonur", "сборщик* мусор*", "garbage collect*",
        "утечк* памят*", "memory leak*"),
      // Data by its own forms: «по данным SHOT» is attribution and «в данный момент» is "now";
      // communications by theirs and their phrases: «связ*» was mostly «связано с», «в связи с».
      weak("=связь", "=связью", "сотов* связ*", "мобильн* связ*", "оператор* связ*", "лини* связ*", "средств* связ*",
        "станци* связ*", "провайдер*", "абонент*",
        "оператор*", "operator*", "data", "=данные", "=данных", "=данными", "устройств*", "device*", "сервис*", "service*",
        "цифров*", "digital*", "online"),
    ],
    // A former head of Roscosmos (Rogozin in Donbas) is a person's past, not space news. «экс глав*»
    // is spelt apart: a hyphenated word is its compound token, then its parts, and a phrase of
    // several words goes on from the last part («экс-футболист*» alone matches the compound).
    block: ["нарколаборатор*", "мефедронов* лаборатор*", "подпольн* лаборатор*", "drug lab*", "ракетк*", "воздушн* космическ*", "Чип и Дейл", "blue-chip", "blue chip*",
      "potato chip*", "чипсы", "экс глав* Роскосмос*", "бывш* глав* Роскосмос*", "экс глав* корпорац* Роскосмос*",
      "бывш* глав* корпорац* Роскосмос*", "former head of Roscosmos"],
  },
};

export const sport: Topic = {
  slug: "sport",
  names: { ru: "Спорт", en: "Sport" },
  aliases: ["Спортивные новости", "Sports", "Футбол", "Football", "Хоккей", "Олимпиада"],
  lexicon: {
    threshold: 3,
    terms: [
      strong("спорт", "спорта", "спорте", "спорту", "спортом", "спортсмен*", "sport", "sports", "sporting", "футбол*", "football*", "soccer", "хокк*", "hockey", "теннис*", "tennis",
        "боксер*", "боксёр*", "=boxing", "boxer*", "вольн* борьб*", "wrestler*", "дзюдо", "judo", "баскетбол*",
        "basketball", "волейбол*", "volleyball", "шахмат*", "chess", "легк* атлетик*", "athletics", "биатлон*",
        "biathlon", "лыжн* гонк*", "skiing", "фигурн* катан*", "figure skating", "MMA", "UFC"),
      strong("чемпионат*", "championship*", "олимпиад*", "олимпийск*", "Olympic*", "Olympiad", "Паралимпи*",
        "Paralympic*", "мундиал*", "World Cup", "Кубок мира", "Grand Slam", "Большого шлема", "Уимблдон*",
        "Wimbledon", "Australian Open", "Открыт* чемпионат* Австрали*", "US Open", "Roland Garros",
        "Ролан Гаррос", "Tour de France", "Лиг* чемпион*", "Champions League", "Лиг* Европ*", "Europa League",
        "Premier League", "Премьер-лиг*", "КХЛ", "KHL", "НХЛ", "NHL", "НБА", "NBA", "NFL", "ФИФА", "FIFA",
        "УЕФА", "UEFA", "Кубок Гагарина", "Кубок Америк*", "Copa America", "Формул* 1",
        "Formula One", "Formula 1"),
      // The IOC, not a programmer's mock («моки» in a post on testing with Jest).
      term(3, ["МОК"], { unlessAny: ["=моки", "=моков", "мок-объект*", "mock*", "Jest"] }),
      strong("матч*", "турнир*", "tournament*", "полуфинал", "semi-final*", "semifinal*", "четвертьфинал*",
        "quarter-final*", "плей-офф", "play-off*", "playoff*", "национальн* сборн*", "сборная", "сборной",
        "сборную", "сборные", "медал*", "medal*", "бронзов* призер*", "серебрян* призер*",
        "rookie", "спортивн*", "striker*", "midfielder*", "goalkeeper*", "Real Madrid", "овертайм*", "пенальти",
        "обыграл*", "отборочн*", "ракетк* мир*", "penalty kick*", "penalty shoot*", "penalty spot",
        "теннисист*", "футболист*", "хоккеист*", "боксер*", "спортсмен*", "athlete*", "Реал", "Спартак*",
        "=зенит", "Зенита", "ЦСКА", "СКА", "Кайрат*", "Manchester City", "Manchester United",
        "Guardiola", "Гвардиол*"),
      // Kinds of sport, leagues and roles that are rarely anything else.
      strong("cricket*", "крикет*", "rugby", "регби", "golfer*", "гольф*", "ATP", "WTA", "Ligue 1", "Bundesliga",
        "Бундеслиг*", "La Liga", "FA Cup", "Кубок Англии", "Grand Prix", "Гран-при", "гонщик*",
        "racing driver*", "Формул* 1", "all-rounder*", "wicket*", "innings", "batsm*", "head coach*",
        "главн* тренер*", "referee*", "футбольн*", "хоккейн*", "теннисн*", "Chelsea", "Arsenal", "Tottenham",
        "Juventus", "Bayern", "PSG", "Barça", "Premiership", "hat-trick*", "хет-трик*", "quarterback*", "golfing", "LPGA",
        "PGA",
        "touchdown*", "Super Bowl", "linebacker*", "home run*", "pitcher*"),
      medium("=squad", "=squads", "нападающ*", "защитник* команд*", "полузащитник*", "вратар*", "голкипер*",
        "derby", "дерби", "капитан* команд*", "сборная", "сборной", "сборную", "сборные", "сборных", "сборными", "чемпион*",
        "=champion", "=champions", "Ferrari", "McLaren", "Red Bull Racing"),
      medium("финал", "полуфинал", "=гол", "=гола", "=голу", "=голом", "=голы", "=голами", "забил*", "scored", "тренер*", "stadium", "стадион*",
        "ничь*", "кубок*", "призер*", "борцовск*", "straight sets", "wrestling"),
      // Words that are sport only next to other sport words: a ballot box, a death penalty, bulls on a
      // stock market, the IOC that is Indian Oil, overtime pay, «экспертный клуб».
      // «Бокс» is also a box: «транспортный бокс» at the zoo, an isolation box at a hospital.
      supporting(2, "бокс*", "golf", "игрок*", "квалификац*", "defender*", "captain*", "клуб", "клуба", "клубом", "лиг*", "league", "coach*", "qualif*", "overtime", "penalt*", "Bulls", "Lakers", "IOC"),
      weak("=final", "=finals", "победил*", "beat", "won", "wins", "уступил*", "draw", "рекорд*", "record", "=title", "=titles",
        "титул*", "cup", "team*", "сезон*", "season*", "игр*", "game*"),
    ],
    // «Победители и призёры» are mostly of school contests and olympiads.
    // The Brazilian real is a currency; «Спартаковская площадь» a Moscow square; a «сборный пункт»
    // gathers conscripts; «физкультуры и спорта», «культурные и спортивные мероприятия» are a sector's
    // name and a list of what a city cancels. A «бывший футболист» running for president is a
    // person's past, not a match: what else the report says about sport decides.
    block: ["бразильск* реал*", "Спартаковск*", "сборн* пункт*", "физкультур* спорт*", "культурн* спортивн*", "футболк*", "бизнес-тренер*", "олимпиад* по математик*", "олимпиад* школьник*", "school olympiad*", "спорт* чиновник*", "финал истори*", "личн* тренер*", "personal trainer*",
      "победител* призер*", "призер* конкурс*", "призер* олимпиад*",
      "бывш* футболист*", "экс-футболист*", "бывш* хоккеист*", "экс-хоккеист*", "бывш* боксер*", "экс-боксер*", "бывш* спортсмен*",
      "former footballer*", "ex-footballer*", "former boxer*", "former hockey player*"],
  },
};

export const culture: Topic = {
  slug: "culture",
  names: { ru: "Культура", en: "Culture" },
  aliases: ["Культура и искусство", "Искусство", "Arts", "Art", "Кино", "Театр", "Музыка", "Culture & arts"],
  lexicon: {
    threshold: 3,
    terms: [
      // One term per art (and music's performers apart from music itself): a long text must show two
      // distinct pieces of evidence, and a theatre's premiere with its orchestra, or a philharmonic
      // buying instruments for its musicians, do; one term for all of culture left them untagged.
      strong("культур*", "cultur*", "ЮНЕСКО", "UNESCO", "нематериальн* наслед*", "intangible heritage", "эпос*",
        "рукопис*", "manuscript*", "Матенадаран*", "реставрац*", "народн* артист*", "манасчи", "акын*", "комуз*",
        "komuz", "traditional music", "плов", "=борщ", "=борща", "=борщом", "=борщу"),
      // A film, not every clip someone filmed («witnesses filmed the chaos»).
      strong("фильм*", "=film", "=films", "filmmak*", "film-mak*", "film festival*", "movie*", "кино",
        "кинотеатр*", "кинофестивал*", "cinema*", "кинематограф*", "режиссер*", "актер*", "актрис*",
        "actress*", "Оскар*", "Oscar*", "Каннск*", "Cannes", "Берлинале", "Berlinale", "премьер* фильм*",
        // …and the screen at home; a series by its forms («сериализация» is a programmer's word).
        "=сериал", "=сериала", "=сериалу", "=сериалом", "=сериале", "=сериалы", "=сериалов", "=сериалам",
        "=сериалами", "=сериалах", "мини-сериал*", "телесериал*", "телешоу", "ток-шоу", "реалити-шоу", "телепередач*"),
      strong("театр*", "theat*", "спектакл*", "балет*", "ballet*", "опер", "оперн*", "opera", "operas", "operatic",
        "Большой театр", "Bolshoi", "премьер* спектакл*", "премьер* балет*", "премьер* состо*"),
      strong("музык*", "music*", "композитор*", "composer*", "album*", "альбом*", "Грэмми", "Grammy"),
      strong("певиц*", "певец", "певца", "singer*", "rapper*", "рэпер*", "pop star*", "поп-звезд*", "концерт*",
        "concert", "concerts", "филармон*", "philharmonic", "оркестр*", "orchestra", "orchestras"),
      strong("муз", "музе*", "музейн*", "museum*", "выставк*", "exhibition*", "экспозиц*", "галере*", "galler*",
        "биеннале", "biennale", "Эрмитаж*", "Hermitage", "Лувр*", "Louvre", "художник*", "artist*", "живопис*",
        "painting*", "скульптур*", "sculpt*"),
      strong("писател*", "writer*", "novel", "novelist*", "=поэт", "=поэта", "=поэту", "=поэтом", "=поэте", "=поэты",
        "=поэтов", "=поэтам", "=поэтами", "поэтесс*", "поэтическ*", "поэзи*", "poet*", "поэм*", "poem*",
        "литератур*", "literat*"),
      strong("фестивал*", "festival*"),
      medium("песн*", "song", "songs", "книг*", "book", "books", "картин*", "премия", "премии", "award*", "prize*", "приз",
        "архитектур*", "architect*", "наследи*", "heritage", "ремесл*", "cuisine", "translat*", "actor*",
        "epic",
        // A cuisine, not every kitchen («на кухне», «кухня со стеклянным потолком»).
        "национальн* кухн*", "традиционн* кухн*", "народн* кухн*", "высок* кухн*", "русск* кухн*", "азиатск* кухн*",
        "японск* кухн*", "китайск* кухн*", "итальянск* кухн*", "французск* кухн*", "грузинск* кухн*",
        "армянск* кухн*", "узбекск* кухн*", "кыргызск* кухн*", "казахск* кухн*", "кавказск* кухн*"),
      weak("праздник*", "festiv*", "традиц*", "tradition*", "истори*", "history", "historic*", "древн*",
        "ancient", "туризм*", "tourism", "турист*", "tourist*", "памятник*", "monument*", "atlas", "атлас*"),
    ],
    block: ["Кавказск* пленниц*", "министр* культур*", "культур* безопасност*", "агрокультур*", "book value",
      "order book*", "бюро кредитн* истори*", "кредитн* истори*", "credit history",
      // Figures of speech and near words: a culture shock, a theatre of war, pictures in a message
      // («картинки»), a risk premium, music too loud for the neighbours.
      "культурн* шок*", "culture shock", "театр* военн* действ*", "theatre of war", "theater of war", "картинк*",
      "преми* за риск*", "risk premium*", "громк* музык*", "loud music",
      // A political «theatre», the theatre of the absurd as a figure of speech, the Guinness book of
      // records, a Moscow park named after museums («Музеон»).
      "культурн* спортивн*", "политическ* театр*", "political theat*", "театр* абсурд*", "книг* рекорд*", "Гиннесс*", "Guinness", "Музеон*"],
  },
};

export const incidents: Topic = {
  slug: "incidents",
  names: { ru: "Происшествия", en: "Incidents" },
  aliases: ["Происшествия и ЧС", "ЧП", "Криминал", "Crime", "Accidents", "Disasters", "ЧС", "Emergencies"],
  lexicon: {
    threshold: 3,
    // Attacks, shelling and terrorism carry casualty and police words too; they are security news.
    excludedBy: ["security"],
    terms: [
      medium("=авария", "=аварии", "=аварию", "=аварией"),
      // An app, a browser or a market crashes too.
      term(3, ["crash*"], { unlessAny: ["app", "apps", "software", "iOS", "macOS", "Android", "beta", "bug", "bugs",
        "browser*", "update", "stock market*", "markets", "crypto*", "Bitcoin"] }),
      // One term per kind of event (transport, fire, natural disaster, the rescue) and of crime (fraud,
      // violence, theft and drugs, the courts), so that a long article can show two distinct pieces
      // of evidence (see culture).
      strong("ДТП", "аварийн* посадк*", "экстренн* посадк*", "emergency landing*", "accident*", "авиакатастроф*", "крушен*"),
      // A plane turned back or grounded by a fault: an aviation incident, if a small one.
      medium("вернул* в аэропорт* вылет*", "техническ* неисправност*", "техническ* неполадк*"),
      // A ship that sank, in a headline; «в год, когда затонул „Титаник“» in passing is no incident.
      medium("затонул*", "затонувш*", "shipwreck*"),
      strong("пожар*", "возгоран*", "blaze*", "wildfire*", "лесн* пожар*"),
      strong("землетрясен*", "подземн* толчк*", "earthquake*", "tremor*", "наводнен*", "=flood", "=floods", "=flooding",
        "flash flood*", "floodwater*", "паводк*", "паводок", "лавин*", "avalanche*", "оползен*", "оползн*",
        "landslide*", "mudslide*", "селев*", "ураган*", "hurricane*", "tornado*", "смерч*", "цунами", "tsunami",
        "mudflow*", "сел* сошел*"),
      strong("МЧС", "ЧС", "ЧП", "спасател*", "эвакуир*", "эвакуац*", "evacuat*", "пострадавш*", "погибш*"),
      medium("полиц*", "police", "ОМОН*", "правоохранител*", "облав*", "силовик*", "осужден*", "fraud*", "assault*", "стрельб*", "пистолет*", "огнестрельн*", "shooting",
        "shootings"),
      strong("мошенни*", "scam*", "взятк*", "bribe*", "превышен* полномоч*"),
      strong("убийств*", "murder*", "изнасил*", "=rape", "=raped", "rapist*", "поножовщин*", "ножев* ранен*",
        "stabbing*"),
      strong("краж*", "theft", "угон*", "угонщик*", "поджог*", "arson", "наркот*", "drug traffick*", "heroin",
        "героин*", "контрабанд*", "smuggl*"),
      strong("уголовн* дел*", "criminal case", "арест*", "arrest*", "следствен*", "прокуратур*", "приговор*",
        "=sentenced", "=sentencing", "prison sentence*", "jail sentence*", "life sentence*", "death sentence*",
        "suspended sentence*", "convict*", "преступ*", "crime*", "criminal*", "подписк* о невыезд*",
        "колони* строг* режим*", "колони* общ* режим*", "колони* поселен*"),
      // Drownings and suicides.
      strong("утонул*", "утонувш*", "провалил* под лед*", "drowned", "drowning", "самоубийств*", "суицид*"),
      // Death, by its own forms (the prefix «умер*» is also «умеренный», moderate), below a medium
      // word even in a headline: an obituary («Умер старейший мужчина в мире») or a figure of speech
      // («ВИЧ умер сегодня») is no incident, a death with a cause («…умерли, причина — отравление») is.
      term(1.5, ["=умер", "=умерла", "=умерли", "=умерло", "скончал*", "предсмертн*"],
        { unlessAny: ["продолжительн* болезн*", "=возрасте", "соболезнован*", "прощани*"] }),
      medium("отравил*", "отравлен*", "унес* жизн*", "унесш* жизн*"),
      // A fire as it is happening; the verb by its forms («загорелый» is tanned).
      medium("полыха*", "=горит", "=горят", "=загорелся", "=загорелась", "=загорелось", "=загорелись"),
      medium("rescu*", "задержа*", "detain*", "подозрева*", "suspect*", "коррупц*", "corruption", "=банда", "=банды", "=банду", "=бандой", "=банд", "=бандам", "=бандами", "бандит*", "бандгрупп*",
        "бандформирован*", "домогательств*", "gang*",
        "жертв*", "victim*", "шторм*", "=storm", "=storms", "пург*", "=метель", "=метели", "=метелью", "blizzard*", "ливн*", "ливен*", "fire", "fires", "столкнул*", "collid*",
        "collision", "перевернул*", "затоп*", "обрушен*", "обрушил*", "collaps*", "сгорел*",
        "burn*", "взрыв*", "explosion*", "погиб*", "killed", "=dead", "=died", "пострада*", "injured",
        "госпитализир*", "hospitali*", "ранен*", "wounded", "разлив*", "spill*", "снегопад*", "гололед*",
        "стихийн*", "natural disaster*", "утечк*", "катастроф*"),
      weak("hurt", "leak*", "overturn*"),
    ],
    block: ["стрельб* из лук*", "стрельб* из арбалет*", "fire tear gas", "open fire", "opened fire", "ceasefire", "cease-fire", "came under fire", "come under fire", "comes under fire",
      "coming under fire",
      "открыл* огон*", "утечк* данн*", "data leak*", "утечк* памят*", "memory leak*", "storm of criticism", "brainstorm*", "шторм* критик*",
      "уголовн* кодекс*", "criminal code", "аварийн* жил*", "dust storm*", "пыльн* бур*",
      "мошенническ* звонк*", "election fraud", "fraud claims", "electoral fraud", "фальсификац* выбор*",
      "срок* горят", "дедлайн* горят", "глаз* горят", "горят глаз*"],
  },
};

export const ecology: Topic = {
  slug: "ecology",
  names: { ru: "Экология и климат", en: "Ecology & climate" },
  aliases: ["Экология", "Климат", "Окружающая среда", "Ecology", "Climate", "Environment", "Природа"],
  lexicon: {
    threshold: 3,
    terms: [
      // One term per subject (climate, pollution, drought, wildlife, waste, ice, spills), so that a long
      // article can show the two distinct pieces of evidence long texts need (see culture).
      strong("эколог*", "ecolog*", "окружающ* сред*", "environmental*"),
      strong("климат*", "climat*", "глобальн* потеплен*", "global warming", "потеплен*", "парников*", "greenhouse",
        "углеродн*", "carbon", "CO2", "декарбонизац*", "жарк* год*", "hottest", "heatwave*", "heat wave*",
        "ООН по климат*", "COP29", "COP30"),
      strong("загрязнен*", "pollut*", "=смога", "=смогом", "smog", "неблагоприятн* метеоуслов*", "качеств* воздух*",
        "air quality", "черн* неб*", "выброс* в атмосфер*"),
      strong("засух*", "drought*", "маловод*", "обмелен*", "обмелел*", "обмелеть", "пыльн* бур*", "dust storm*",
        "опустынив*", "desertif*", "Аральск* мор*", "Aral Sea", "=арал", "=арала", "=аралу", "=аралом", "=арале"),
      strong("заповедник*", "nature reserve*", "национальн* парк*", "national park*", "краснокниж*",
        "Красн* книг*", "endangered", "браконьер*", "poach*", "сайгак*", "saiga*", "снежн* барс*",
        "snow leopard*", "биоразнообраз*", "biodiversit*", "вырубк*", "deforest*"),
      // Rubbish as a matter of waste («мусорная реформа», «вывоз мусора»); a rubbish bin in a game or
      // a street fight is no environmental news, so «мусор» alone is a medium word.
      strong("сточн* вод*", "очистн* сооружен*", "wastewater", "sewage", "мусорн* реформ*", "вывоз* мусор*",
        "мусоросжига*", "мусороперераб*", "раздельн* сбор*", "сортировк* мусор*", "свалк*", "landfill*",
        "переработк* отход*", "recycl*"),
      strong("ледник*", "glacier*", "таян* ледник*", "таян* льд*", "морск* льд*", "арктическ* льд*", "sea ice",
        "melting ice", "ice melt*"),
      strong("разлив* нефт*", "утечк* топлив*", "утечк* дизельн*", "oil spill*", "fuel spill*"),
      medium("вод* ресурс*", "водн* ресурс*", "water resource*", "water shar*", "водн* хозяйств*",
        "водохозяйствен*", "управлен* вод*", "распределен* вод*", "лесн* пожар*", "wildfire*",
        "нефтепродукт* попал*", "уровен* мор*",
        "sea level", "environment", "мусор*",
        // Emissions by the noun's forms: «выбросил» (threw out) is the verb.
        "=выброс", "=выброса", "=выбросу", "=выбросом", "=выбросе", "=выбросы", "=выбросов", "=выбросам", "=выбросами", "=выбросах",
        "emission*", "отход*", "=waste", "пластик*", "plastic*", "=жара", "=жары", "=жаре", "=жару", "=жарой",
        "temperature*", "wildlife", "species", "охот", "охотник*", "hunting"),
      // The weather's temperature, not a patient's, a weapon's or a material's.
      term(2, ["температур*"], { unlessAny: ["симптом*", "пациент*", "отравлен*", "оруж*", "ракет*", "сплав*", "материал*"] }),
      weak("уровень вод*", "водоснабжен*", "water supply", "градус*", "природ*", "nature", "животн*", "animal*",
        "лес", "леса",
        "forest*", "озер*", "lake*", "рек", "река", "реки", "river*", "мор", "sea", "water", "restoration",
        // «Вода» by its own forms: «водить» (to drive) has the same stem.
        "=вода", "=воды", "=воде", "=воду", "=водой", "=вод", "=водам", "=водами", "=водах"),
    ],
    block: ["мусоровоз*", "мусорн* бак*", "цифров* мусор*", "природн* газ*", "natural gas", "сборщик* мусор*", "сборк* мусор*", "garbage collect*", "экологическ* чист* продукт*", "political climate", "инвестиционн* климат*", "business climate",
      "investment climate", "делов* климат*"],
  },
};
