/**
 * Instant alerts benchmark, on Postgres.
 *   (a) matching: 100,000 watches (words, phrases and topics, Zipf-distributed over a news
 *       vocabulary) across 50,000 chats; a stream of synthetic articles goes through the in-memory
 *       index (stemming, candidate lookup, verification): cost per article, p50/p95/p99. The full
 *       matching step with its database work (targets, ledger insert) is timed separately.
 *   (b) end to end: articles are stored one by one (each matching watches of three chats) while the
 *       alert dispatcher runs against the fake Bot API over real HTTP with a send budget that is
 *       not the bottleneck; latency from the article's insert to Telegram accepting the alert.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:alerts
 *
 * Options (flags or env): --watches / BENCH_WATCHES (100000), --chats / BENCH_CHATS (50000),
 * --articles / BENCH_ARTICLES (2000), --e2e / BENCH_E2E (100 stored articles). Each run uses a
 * scratch database, dropped at the end.
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { Api } from "grammy";
import { createAlertDispatcher } from "../src/alerts/dispatch.js";
import { createAlertMatcher } from "../src/alerts/matcher.js";
import { articleTerms } from "../src/alerts/query.js";
import { createRepositories } from "../src/db/repositories/index.js";
import { alertSettings, alertWatches } from "../src/db/schema.js";
import { createPacer } from "../src/digest/pacer.js";
import { createDigestSender } from "../src/digest/send.js";
import { createFeatureTranslate } from "../src/digest/texts.js";
import { createTagger } from "../src/topics/tag.js";
import { BUILTIN_TOPICS } from "../src/topics/taxonomy.js";
import { seedSubscribers } from "../tests/digest/seed.js";
import { createScratchDatabase } from "../tests/helpers/scratch-database.js";
import { startFakeBotApi } from "../tests/helpers/fake-bot-api.js";
import { sendDefaults } from "../src/shared/send-defaults.js";

function withDefaults(api: Api): Api {
  api.config.use(sendDefaults());
  return api;
}

const { values } = parseArgs({ options: { watches: { type: "string" }, chats: { type: "string" }, articles: { type: "string" }, e2e: { type: "string" } } });
const WATCHES = Number(values.watches ?? process.env.BENCH_WATCHES ?? 100_000);
const CHATS = Number(values.chats ?? process.env.BENCH_CHATS ?? 50_000);
const ARTICLES = Number(values.articles ?? process.env.BENCH_ARTICLES ?? 2_000);
const E2E = Number(values.e2e ?? process.env.BENCH_E2E ?? 100);

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write("bench:alerts needs Postgres: set DATABASE_URL, e.g.\n  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:alerts\n");
  process.exit(2);
}

// Names, places and subjects of the region's news (what readers watch), most frequent first.
const REGIONAL = (
  "Россия Казахстан Украина Москва Путин США Китай Узбекистан Кыргызстан Токаев Бишкек Астана Ташкент Алматы Таджикистан " +
  "Туркменистан Мирзиёев Жапаров Рахмон нефть газ доллар тенге рубль сом инфляция ставка банк санкции выборы парламент " +
  "министр президент армия граница Душанбе Ашхабад Самарканд Ош Нацбанк Газпром Роснефть Казатомпром уран золото пшеница " +
  "ЕАЭС ОДКБ ШОС Евросоюз НАТО Турция Иран Афганистан Пакистан Индия Монголия Армения Азербайджан Грузия Беларусь Молдова " +
  "Лукашенко Алиев Пашинян Эрдоган Си Цзиньпин Байден Трамп Зеленский Лавров Мишустин Шойгу Сырдарья Арал Каспий Байконур " +
  "землетрясение наводнение пожар авария ДТП мигранты трудовые коррупция суд арест приговор забастовка протест митинг " +
  "Корея Япония Израиль Газа Сирия Ливан Египет Германия Франция Британия Польша Италия биткоин крипта ИИ Telegram Apple"
).split(" ");
const PHRASES = [
  "военное положение", "ключевая ставка", "курс доллара", "цены на газ", "добыча нефти", "трудовые мигранты", "водные ресурсы",
  "атомная станция", "посевная кампания", "железная дорога", "свободная экономическая зона", "Центральная Азия", "Южная Корея",
  "Нацбанк Казахстана", "выборы президента", "государственный долг", "пограничный конфликт", "чрезвычайное положение",
];
// Words every article is padded with (reporting verbs, dates, generic nouns), never watched.
const FILLER = (
  "заявил сообщил отметил года году время также после сегодня вчера будет более может своей является заявление данным " +
  "представитель правительство страны области города компании проекта развития сотрудничества встречи решение вопрос " +
  "рамках работы словам ранее около тысяч миллионов процентов неделе месяца декабря ноября граждан жителей региона"
).split(" ");

/** A deterministic generator, so runs compare. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const random = rng(13);
// The long tail readers watch: companies, towns and people of the kind the list above cannot hold,
// as made-up names (surname-, town- and company-shaped), after the real ones in frequency order.
const SYLLABLES = ["ка", "ри", "мо", "ту", "ба", "са", "ну", "ле", "ди", "ра", "жа", "кы", "те", "шо", "ал", "ер", "ун", "ом"];
const ENDINGS = ["ов", "ев", "бек", "абад", "инск", "тау", "строй", "газ", "банк", "сай"];
const syllable = () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
const made = new Set<string>();
while (made.size < 5000) {
  const word = syllable() + syllable() + syllable() + ENDINGS[Math.floor(random() * ENDINGS.length)]!;
  made.add(word[0]!.toUpperCase() + word.slice(1));
}
const SUBJECTS = [...REGIONAL, ...made];
/** Zipf-like: index i drawn with weight 1/(i+1). */
function zipf<T>(list: readonly T[]): T {
  const h = Math.log(list.length + 1);
  const i = Math.min(list.length - 1, Math.floor(Math.exp(random() * h) - 1));
  return list[i]!;
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
/**
 * What readers watch is flatter than what the news mentions: weight ∝ 1/√(i+1), so «Россия» is
 * watched by about one word watch in seventy, not one in nine as Zipf would have it.
 */
const watched = <T>(list: readonly T[]) => list[Math.floor(list.length * random() ** 2)]!;

function watchQuery(): { query: string; topic: string | null } {
  const r = random();
  if (r < 0.15) {
    const topic = pick(BUILTIN_TOPICS);
    return { query: topic.names.ru, topic: topic.slug };
  }
  if (r < 0.3) return { query: `"${watched(PHRASES)}"${random() < 0.2 ? ` -${watched(SUBJECTS)}` : ""}`, topic: null };
  if (r < 0.75) return { query: watched(SUBJECTS), topic: null };
  // Two or three words, sometimes an exclusion.
  const words = [watched(SUBJECTS), watched(SUBJECTS), ...(random() < 0.3 ? [watched(SUBJECTS)] : [])];
  return { query: `${words.join(" ")}${random() < 0.15 ? ` -${watched(SUBJECTS)}` : ""}`, topic: null };
}

/**
 * An article is about a few things: two to five subjects (Zipf: the head of the list is in the news
 * most), each mentioned a few times, sometimes a set phrase, and reporting filler around them.
 */
function articleText(words: number): string {
  const subjects = Array.from({ length: 2 + Math.floor(random() * 4) }, () => zipf(SUBJECTS));
  if (random() < 0.3) subjects.push(zipf(PHRASES));
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 0.08 ? pick(subjects) : pick(FILLER));
  return out.join(" ");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${label}: n=${sorted.length} p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? NaN)}`;
}

const scratch = await createScratchDatabase(serverUrl, { prefix: "vestnik_bench", maxConnections: 8 });
try {
  const { database } = scratch;
  const repos = createRepositories(database.db);
  process.stdout.write(`bench:alerts on ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);

  let t0 = performance.now();
  const subs = await seedSubscribers(database.db, Array.from({ length: CHATS }, (_, i) => ({ chatId: 1_000_000 + i, subscribed: false })));
  // No quiet hours, so what is measured is matching and sending, whatever the hour of the run.
  for (let i = 0; i < subs.length; i += 5000) {
    await database.db.insert(alertSettings).values(subs.slice(i, i + 5000).map((s) => ({ subscriberId: s.id, quietStart: null, quietEnd: null })));
  }
  const rows = Array.from({ length: WATCHES }, (_, i) => ({ subscriberId: subs[i % subs.length]!.id, ...watchQuery() }));
  for (let i = 0; i < rows.length; i += 5000) await database.db.insert(alertWatches).values(rows.slice(i, i + 5000));
  process.stdout.write(`seeded ${CHATS} chats, ${WATCHES} watches in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const matcher = createAlertMatcher({ repo: repos.alerts });
  t0 = performance.now();
  const index = await matcher.index();
  process.stdout.write(`index loaded from the database and compiled: ${index.size} watches in ${fmt(performance.now() - t0)}\n`);

  // (a) matching cost per article, in memory.
  const tagger = createTagger(BUILTIN_TOPICS);
  const stream = Array.from({ length: ARTICLES }, () => {
    const title = articleText(8 + Math.floor(random() * 6));
    const text = articleText(60 + Math.floor(random() * 140));
    return { title, text, topics: tagger.tag({ title, text }) };
  });
  for (const a of stream.slice(0, 200)) index.match(articleTerms(`${a.title}\n${a.text}`, a.topics)); // warm-up
  const costs: number[] = [];
  const stemCosts: number[] = [];
  let matched = 0;
  for (const a of stream) {
    const start = performance.now();
    const terms = articleTerms(`${a.title}\n${a.text}`, a.topics);
    const stemmed = performance.now();
    matched += index.match(terms).length;
    costs.push(performance.now() - start);
    stemCosts.push(stemmed - start);
  }
  process.stdout.write(`${summary("(a) matching per article (stem + lookup + verify)", costs)}\n`);
  process.stdout.write(`${summary("    of which stemming the article", stemCosts)}\n`);
  process.stdout.write(`    ${(matched / stream.length).toFixed(0)} chats matched per article on average\n`);

  // (b) end to end: store → match → ledger → dispatcher → fake Bot API.
  const fake = await startFakeBotApi();
  const dispatcher = createAlertDispatcher({
    repo: repos.alerts,
    sender: createDigestSender({ api: withDefaults(new Api(fake.token, { apiRoot: fake.url })), pacer: createPacer({ rate: 1000 }) }),
    deactivate: (chat, reason) => repos.subscribers.deactivateAfterSend(chat, reason),
    t: createFeatureTranslate("alerts", "digest"),
    worker: "bench",
    leaseMs: 30_000,
    hourlyCap: 1000,
    pollMs: 1000,
  });
  const live = createAlertMatcher({ repo: repos.alerts, onFiled: () => dispatcher.wake() });
  // Three chats watch each article's own code word, on top of the 100k watches above.
  // Fixed width, digits: not stemmed, and no code is a prefix of another.
  const codes = Array.from({ length: E2E }, (_, i) => `код${String(i).padStart(6, "0")}`);
  const coded = codes.flatMap((code, i) => [0, 1, 2].map((k) => ({ subscriberId: subs[(i * 3 + k) % subs.length]!.id, query: code, topic: null })));
  await database.db.insert(alertWatches).values(coded);
  await live.refresh();
  dispatcher.start();
  const [source] = await Promise.all([repos.sources.upsert({ url: "https://bench.example/feed", title: "Bench wire", kind: "feed" })]);
  const storedAt = new Map<string, number>();
  const matchStep: number[] = [];
  for (let i = 0; i < E2E; i++) {
    const url = `https://bench.example/a/${i}`;
    const title = `${codes[i]} ${pick(FILLER)} ${pick(FILLER)}`;
    const text = `${title} ${pick(FILLER)} ${pick(FILLER)}`;
    const [row] = await repos.articles.insertMany([{ sourceId: source, url, title, summary: text, body: text, publishedAt: new Date(), contentHash: url }]);
    storedAt.set(url, Date.now());
    const start = performance.now();
    await live.articlesStored([{ id: row!.id, title, text, topics: [] }]);
    matchStep.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const deadline = Date.now() + 60_000;
  const accepted = () => fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200);
  while (accepted().length < E2E * 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await dispatcher.stop();
  const latencies: number[] = [];
  for (const call of accepted()) {
    const url = /href="([^"]+)"/.exec(String(call.payload.text))?.[1];
    const at = url ? storedAt.get(url) : undefined;
    if (at !== undefined) latencies.push(call.at - at);
  }
  process.stdout.write(`${summary("    matching step with its database work (targets + ledger insert)", matchStep)}\n`);
  process.stdout.write(`${summary("(b) stored → accepted by the fake Bot API", latencies)}  (${latencies.length}/${E2E * 3} alerts)\n`);
  const dupes = latencies.length - new Set(accepted().map((c) => `${String(c.payload.chat_id)}|${/href="([^"]+)"/.exec(typeof c.payload.text === "string" ? c.payload.text : "")?.[1]}`)).size;
  process.stdout.write(`    duplicates: ${dupes}\n`);
  await fake.close();
} finally {
  await scratch.drop();
}
