import type { Db } from "../../src/db/client.js";
import type { Subscriber } from "../../src/db/repositories/index.js";
import { articles, articleTopics, sources, subscribers } from "../../src/db/schema.js";
import type { Topic } from "../../src/topics/types.js";

/** Test data for digests, written straight into the tables (the ingest path has its own tests). */

export const TEST_TOPICS: Topic[] = [
  { slug: "central-asia", names: { ru: "Центральная Азия", en: "Central Asia" }, aliases: [], lexicon: { terms: [] } },
  { slug: "energy", names: { ru: "Энергетика", en: "Energy" }, aliases: [], lexicon: { terms: [] } },
  { slug: "economy", names: { ru: "Экономика", en: "Economy" }, aliases: [], lexicon: { terms: [] } },
];

export interface ArticleSpec {
  title: string;
  /** Minutes before `now`. */
  age: number;
  topics?: string[];
  summary?: string;
}

let unique = 0;

export async function seedArticles(db: Db, now: Date, specs: ArticleSpec[], sourceTitle = "Test Source"): Promise<number[]> {
  unique += 1;
  const [source] = await db
    .insert(sources)
    .values({ url: `https://source-${unique}-${Date.now()}.example/feed`, title: sourceTitle })
    .returning({ id: sources.id });
  const ids: number[] = [];
  for (let i = 0; i < specs.length; i += 500) {
    const chunk = specs.slice(i, i + 500);
    const rows = await db
      .insert(articles)
      .values(
        chunk.map((spec, j) => ({
          sourceId: source!.id,
          url: `https://news.example/${unique}/${i + j}`,
          title: spec.title,
          summary: spec.summary ?? `Summary of ${spec.title}.`,
          publishedAt: new Date(now.getTime() - spec.age * 60_000),
          contentHash: `h-${unique}-${i + j}`,
        })),
      )
      .returning({ id: articles.id, publishedAt: articles.publishedAt });
    const tags = rows.flatMap((row, j) => (chunk[j]!.topics ?? []).map((topic) => ({ articleId: row.id, topic, publishedAt: row.publishedAt })));
    if (tags.length > 0) await db.insert(articleTopics).values(tags);
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export interface SubscriberSpec {
  chatId: number;
  timeZone?: string;
  digestMinute?: number;
  topics?: string[];
  language?: "ru" | "en" | null;
  subscribed?: boolean;
  lastDigestAt?: Date | null;
  /** A forum topic's own subscription. */
  threadId?: number | null;
}

export async function seedSubscribers(db: Db, specs: SubscriberSpec[]): Promise<Subscriber[]> {
  const out: Subscriber[] = [];
  for (let i = 0; i < specs.length; i += 1000) {
    out.push(
      ...(await db
        .insert(subscribers)
        .values(
          specs.slice(i, i + 1000).map((s) => ({
            chatId: s.chatId,
            messageThreadId: s.threadId ?? null,
            timeZone: s.timeZone ?? "Europe/Moscow",
            digestMinute: s.digestMinute ?? 0,
            topics: s.topics ?? [],
            language: s.language === undefined ? "en" : s.language,
            subscribed: s.subscribed ?? true,
            lastDigestAt: s.lastDigestAt ?? null,
          })),
        )
        .returning()),
    );
  }
  return out;
}

export const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => from + i);
