import type { Repositories } from "../db/repositories/index.js";
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
}

/** Topic tagging, applied to every new article on its way in. */
export interface ArticleTagger {
  tag(input: { title: string; text: string; lang?: string }): string[];
}

/** Told about every new article once it is stored and tagged (instant alerts match here). */
export interface StoredArticlesListener {
  articlesStored(articles: { id: number; title: string; text: string; topics: readonly string[] }[]): Promise<unknown>;
}

export interface Ingestor {
  ingestDocument(doc: ParsedDocument, origin: DocumentOrigin, fetchedAt?: Date): Promise<IngestCounts>;
}

/** The single path every article takes into the store: files, one-off URLs and polled feeds alike. */
export function createIngestor(deps: {
  repos: Pick<Repositories, "articles" | "sources" | "articleTopics">;
  tagger: ArticleTagger;
  /** Alerts: runs after insert, tagging (and story assignment). */
  onStored?: StoredArticlesListener;
  now?: () => Date;
}): Ingestor {
  const now = deps.now ?? (() => new Date());
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
      const tagged = inserted.flatMap(({ id, url }) => {
        const draft = drafts.get(url);
        if (!draft) return [];
        const topics = deps.tagger.tag({ title: draft.title, text: draft.body, lang: draft.lang ?? undefined });
        return [{ articleId: id, publishedAt: draft.publishedAt, topics, draft }];
      });
      await deps.repos.articleTopics.assign(tagged.filter((t) => t.topics.length > 0));
      const addedIds = inserted.map((r) => r.id);
      await deps.onStored?.articlesStored(tagged.map((t) => ({ id: t.articleId, title: t.draft.title, text: t.draft.body, topics: t.topics })));
      return {
        added: addedIds.length,
        // Duplicates inside the document and rows another process inserted meanwhile count as known.
        known: doc.items.length - skipped - addedIds.length,
        skipped,
        addedIds,
      };
    },
  };
}
