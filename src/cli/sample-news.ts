import { readFile } from "node:fs/promises";
import { z } from "zod";
import { canonicalUrl } from "../news/canonical-url.js";
import { createIngestor } from "../news/ingest.js";
import type { ParsedDocument } from "../news/types.js";
import { createTagger } from "../topics/tag.js";
import type { Topic } from "../topics/types.js";
import type { Store } from "../app/store.js";

/** The bundled demo news: invented, dated by offsets so that they look fresh whenever they are loaded. */
export const SAMPLE_NEWS_FILE = new URL("../../samples/news/sample-news.json", import.meta.url);

/** Older than this, loaded samples are reloaded with fresh dates: /latest and digests should look alive. */
export const SAMPLE_MAX_AGE_MS = 12 * 60 * 60 * 1000;

const sampleFile = z.object({
  sources: z
    .array(
      z.object({
        title: z.string().min(1),
        site: z.url({ protocol: /^https?$/ }),
        lang: z.enum(["ru", "en"]),
        items: z
          .array(
            z.object({
              minutesAgo: z.number().int().nonnegative(),
              slug: z.string().regex(/^[a-z0-9-]+$/),
              title: z.string().min(1),
              summary: z.string(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export type SampleNews = z.infer<typeof sampleFile>;

export async function readSampleNews(file: URL | string = SAMPLE_NEWS_FILE): Promise<SampleNews> {
  return sampleFile.parse(JSON.parse(await readFile(file, "utf8")));
}

/** The store's key of a sample source: the ingestor files documents that name their site under it. */
export function sampleSourceKey(source: SampleNews["sources"][number]): string {
  return canonicalUrl(source.site) ?? source.site;
}

/** One parsed document per sample source, with absolute dates counted back from `now`. */
export function sampleDocuments(news: SampleNews, now: Date): ParsedDocument[] {
  return news.sources.map((source) => ({
    kind: "json",
    title: source.title,
    siteUrl: source.site,
    lang: source.lang,
    items: source.items.map((item) => ({
      title: item.title,
      url: new URL(`/news/${item.slug}`, source.site).toString(),
      summary: item.summary,
      body: item.summary,
      lang: source.lang,
      publishedAt: new Date(now.getTime() - item.minutesAgo * 60_000),
      categories: [],
    })),
  }));
}

export type SampleOutcome = "loaded" | "refreshed" | "kept" | "skipped";

/**
 * Puts the sample news into the store when it has no articles (or `force`), through the same
 * ingest path as real feeds, so they are tagged with topics. Samples loaded long ago are replaced
 * with freshly dated copies; a store with real news and no samples is left alone.
 */
export async function ensureSampleNews(
  store: Store,
  topics: Topic[],
  opts: { force?: boolean; now?: Date; file?: URL | string } = {},
): Promise<{ outcome: SampleOutcome; articles: number }> {
  const now = opts.now ?? new Date();
  const news = await readSampleNews(opts.file);
  const { sources, articles } = store.repos;
  const present = [];
  for (const source of news.sources) {
    const row = await sources.findByUrl(sampleSourceKey(source));
    if (row) present.push(row);
  }
  const stale = present.some((row) => now.getTime() - row.createdAt.getTime() > SAMPLE_MAX_AGE_MS);
  if (present.length > 0 && !stale) return { outcome: "kept", articles: 0 };
  if (present.length === 0 && !opts.force && (await articles.count()) > 0) return { outcome: "skipped", articles: 0 };

  // Removing the source takes its articles and their topics with it, so the reload starts clean.
  for (const row of present) await sources.remove(row.id);
  const ingestor = createIngestor({ repos: store.repos, tagger: createTagger(topics), now: () => now });
  let added = 0;
  for (const doc of sampleDocuments(news, now)) {
    const counts = await ingestor.ingestDocument(doc, { key: doc.siteUrl ?? "", fallbackTitle: doc.title ?? "", kind: "file" }, now);
    added += counts.added;
  }
  return { outcome: present.length > 0 ? "refreshed" : "loaded", articles: added };
}
