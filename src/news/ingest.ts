import type { Repositories } from "../db/repositories/index.js";
import { createStoryAssigner, type StoryOutcome } from "../stories/assign.js";
import { canonicalUrl } from "./canonical-url.js";
import { toArticleDraft, type ArticleDraft } from "./normalize.js";
import type { ParsedDocument } from "./types.js";

export interface DocumentOrigin {
  /** Stable identity of the source when the document does not name its site (feed URL, `file:` path). */
  key: string;
  /** A title to use when the document has none (e.g. a directory name for plain-text articles). */
  fallbackTitle: string;
  /** The URL the document was fetched from: relative links resolve against it. */
  url?: string;
  kind: "feed" | "file";
  /** Operator's choice of source title, overriding the document's. */
  titleOverride?: string;
}

export interface IngestCounts {
  added: number;
  known: number;
  /** Items with nothing to show (no title and no text). */
  skipped: number;
  addedIds: number[];
  /** The story each added article joined or started. */
  stories: Map<number, StoryOutcome>;
}

/** Topic tagging, applied to every new article on its way in. */
export interface ArticleTagger {
  tag(input: { title: string; text: string; lang?: string }): string[];
}

export interface Ingestor {
  ingestDocument(doc: ParsedDocument, origin: DocumentOrigin, fetchedAt?: Date): Promise<IngestCounts>;
}

/** The single path every article takes into the store: files, one-off URLs and polled feeds alike. */
export function createIngestor(deps: {
  repos: Pick<Repositories, "articles" | "sources" | "articleTopics" | "stories">;
  tagger: ArticleTagger;
  now?: () => Date;
}): Ingestor {
  const now = deps.now ?? (() => new Date());
  const storyAssigner = createStoryAssigner({ repo: deps.repos.stories });
  return {
    async ingestDocument(doc, origin, fetchedAt = now()) {
      const siteUrl = canonicalUrl(doc.siteUrl, origin.url);
      const sourceKey = origin.kind === "feed" ? origin.key : (siteUrl ?? origin.key);
      const sourceId = await deps.repos.sources.upsert({
        url: sourceKey,
        title: origin.titleOverride ?? doc.title?.trim() ?? origin.fallbackTitle,
        siteUrl: siteUrl ?? null,
        kind: origin.kind,
      });

      const drafts = new Map<string, ArticleDraft>();
      let skipped = 0;
      for (const item of doc.items) {
        const draft = toArticleDraft(item, { sourceKey, baseUrl: origin.url ?? siteUrl, document: doc, fetchedAt });
        if (!draft) skipped++;
        else if (!drafts.has(draft.url)) drafts.set(draft.url, draft);
      }
      const known = await deps.repos.articles.knownUrls([...drafts.keys()]);
      const fresh = [...drafts.values()].filter((d) => !known.has(d.url));
      const inserted = await deps.repos.articles.insertMany(fresh.map((d) => ({ ...d, sourceId, fetchedAt })));
      await deps.repos.articleTopics.assign(
        inserted.flatMap(({ id, url }) => {
          const draft = drafts.get(url);
          if (!draft) return [];
          const topics = deps.tagger.tag({ title: draft.title, text: draft.body, lang: draft.lang ?? undefined });
          return topics.length > 0 ? [{ articleId: id, publishedAt: draft.publishedAt, topics }] : [];
        }),
      );
      const addedIds = inserted.map((r) => r.id);
      // Stories: after insert and tagging, so the new rows exist to point at their stories.
      const stories = await storyAssigner.assignStories(
        inserted.flatMap(({ id, url }) => {
          const draft = drafts.get(url);
          return draft ? [{ articleId: id, sourceId, title: draft.title, text: draft.body, publishedAt: draft.publishedAt }] : [];
        }),
      );
      return {
        added: addedIds.length,
        // Duplicates inside the document and rows another process inserted meanwhile count as known.
        known: doc.items.length - skipped - addedIds.length,
        skipped,
        addedIds,
        stories,
      };
    },
  };
}
