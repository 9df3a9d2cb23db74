import type { ArticleCursor, Repositories } from "../db/repositories/index.js";
import type { ArticlePage } from "../news/queries.js";
import { createTopicResolver } from "./resolve.js";
import { createTagger } from "./tag.js";
import type { Topic } from "./types.js";

export interface TopicSummary {
  topic: Topic;
  articles: number;
}

const RETAG_BATCH = 500;

/** Everything the delivery layer needs about topics: the taxonomy, tagging, lookups and queries. */
export function createTopicService(deps: { topics: readonly Topic[]; repos: Pick<Repositories, "articleTopics" | "storyLists"> }) {
  const { topics, repos } = deps;
  const tagger = createTagger(topics);
  const resolver = createTopicResolver([...topics]);
  const bySlug = new Map(topics.map((t) => [t.slug, t]));

  return {
    topics,
    tagger,
    resolve: (phrase: string) => resolver.resolve(phrase),
    resolveList: (input: string) => resolver.resolveList(input),
    bySlug: (slug: string) => bySlug.get(slug),

    /** The topic's newest stories, each once. */
    latest: (slug: string, limit: number, before?: ArticleCursor): Promise<ArticlePage> => repos.storyLists.topic(slug, limit, before),

    async summaries(): Promise<TopicSummary[]> {
      const counts = await repos.articleTopics.counts();
      return topics.map((topic) => ({ topic, articles: counts.get(topic.slug) ?? 0 }));
    },

    /**
     * Re-tags every stored article with the current taxonomy; returns how many were read. With
     * `regionOf`, each article gets its source's home region (the source prior).
     */
    async retag(
      onProgress?: (done: number) => void,
      regionOf?: (sourceId: number) => Promise<string | undefined>,
    ): Promise<{ articles: number; tagged: number }> {
      let after = 0;
      let articles = 0;
      let tagged = 0;
      for (;;) {
        const batch = await repos.articleTopics.textsAfter(after, RETAG_BATCH);
        if (batch.length === 0) break;
        const regions = new Map<number, string | undefined>();
        if (regionOf) for (const a of batch) if (!regions.has(a.sourceId)) regions.set(a.sourceId, await regionOf(a.sourceId));
        const assignments = batch.map((a) => ({
          articleId: a.id,
          publishedAt: a.publishedAt,
          topics: tagger.rank({ title: a.title, text: a.body, lang: a.lang ?? undefined, sourceRegion: regions.get(a.sourceId) }),
        }));
        await repos.articleTopics.assign(assignments);
        articles += batch.length;
        tagged += assignments.filter((a) => a.topics.length > 0).length;
        after = batch.at(-1)?.id ?? after;
        onProgress?.(articles);
      }
      return { articles, tagged };
    },
  };
}

export type TopicService = ReturnType<typeof createTopicService>;
