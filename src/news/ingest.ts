import type { Repositories, TransactionRepositories } from "../db/repositories/index.js";
import { mapInTurns } from "../shared/async.js";
import { createStoryAssigner, type StoryOutcome } from "../stories/assign.js";
import { DEFAULT_STORY_WINDOW_MS } from "../stories/cluster.js";
import { createStoryWindow, type WindowSession } from "../stories/window.js";
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
  /** The article's topics, strongest first: the first is its main topic (stored as rank 0). */
  rank(input: { title: string; text: string; lang?: string; sourceRegion?: string }): string[];
}

/** Articles one document added, as an ingest step sees them (inside the document's transaction). */
export interface IngestedArticle {
  id: number;
  draft: ArticleDraft;
  /** Strongest first. */
  topics: string[];
  /** The story the article joined or started (assigned before any step runs). */
  story?: StoryOutcome;
}

/**
 * A step that runs after tagging, inside the same per-document transaction (story assignment,
 * alert matching): it must write only through `tx`, so a failure or a kill undoes the whole document.
 */
export type IngestStep = (tx: TransactionRepositories, added: IngestedArticle[]) => Promise<void>;

/**
 * Instant alerts: every new article is matched against the readers' watches in its document's
 * transaction, so an article is never stored without its alerts (a kill between the two would
 * otherwise lose them for good: the article is "known" on the next poll).
 */
export interface ArticleAlerts {
  /** Before the transaction: load what matching needs (it may not use another connection inside). */
  prepare(): Promise<void>;
  /** Inside the transaction, after tagging and story assignment; returns how many alerts were filed. */
  file(tx: TransactionRepositories, articles: { id: number; title: string; text: string; topics: readonly string[] }[]): Promise<number>;
  /** After the commit, when alerts were filed: their delivery may start. */
  filed?(count: number): void;
}

export interface IngestOptions {
  /**
   * Store the articles without their stories (and alerts, which are keyed by story): they wait in
   * the story backlog until `settleStories`. For a run of many documents, so stories are formed in
   * time order across all of them rather than document by document.
   */
  deferStories?: boolean;
}

export interface Ingestor {
  ingestDocument(doc: ParsedDocument, origin: DocumentOrigin, fetchedAt?: Date, options?: IngestOptions): Promise<IngestCounts>;
  /**
   * Assigns stories to every article in the backlog, oldest first, and files their alerts: one
   * transaction per batch. Returns how many articles it settled.
   */
  settleStories(onProgress?: (settled: number) => void): Promise<number>;
}

/** A URL of the document was stored by another process during the document's transaction. */
class ConcurrentInsert extends Error {
  constructor() {
    super("an article of this document was stored by another process meanwhile");
  }
}

const MAX_ATTEMPTS = 3;

/**
 * Backlog articles per settling transaction: large enough that the story lookups of a busy hour
 * are shared, small enough that a kill loses little work (the rest stays in the backlog).
 */
const SETTLE_BATCH = 2000;

/** The single path every article takes into the store: files, one-off URLs and polled feeds alike. */
export function createIngestor(deps: {
  repos: Pick<Repositories, "articles" | "sources" | "articleTopics" | "storyBacklog" | "transaction">;
  tagger: ArticleTagger;
  /** Alerts: matched after tagging and story assignment, in the document's transaction. */
  alerts?: ArticleAlerts;
  now?: () => Date;
  /** Run in order after tagging, in the document's transaction. */
  steps?: IngestStep[];
  /** The source's home region for the tagger's source prior (topics/source-region.ts). */
  sourceRegion?: (sourceId: number) => Promise<string | undefined>;
}): Ingestor {
  const now = deps.now ?? (() => new Date());
  const steps = deps.steps ?? [];
  // The stories of the recent window, kept for the process: the next document's stories are mostly
  // the same ones.
  const window = createStoryWindow({ windowMs: DEFAULT_STORY_WINDOW_MS, now: () => now().getTime() });
  const tagWith = (draft: ArticleDraft, sourceRegion: string | undefined) =>
    deps.tagger.rank({ title: draft.title, text: draft.body, lang: draft.lang ?? undefined, sourceRegion });
  async function ingestOnce(doc: ParsedDocument, origin: DocumentOrigin, fetchedAt: Date, defer: boolean): Promise<IngestCounts> {
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
    // Measured from the source's history before these articles, and outside the transaction
    // (PGlite has one connection: the outer repositories cannot be used inside it).
    const sourceRegion = fresh.length > 0 || known.size > 0 ? await deps.sourceRegion?.(sourceId) : undefined;
    const tag = (draft: ArticleDraft) => tagWith(draft, sourceRegion);
    if (fresh.length > 0 && !defer) await deps.alerts?.prepare();
    // One transaction per document: articles, their topics and every later step land together
    // or not at all, so a kill or a database error cannot leave articles without topics.
    const store = (session?: WindowSession) => deps.repos.transaction(async (tx) => {
      // Ids first, so stories are assigned before the insert and the insert carries story_id.
      const ids = await tx.articles.reserveIds(fresh.length);
      const planned = session
        ? await createStoryAssigner({ repo: tx.stories, session }).planStories(
            fresh.map((draft, i) => ({ articleId: ids[i]!, sourceId, title: draft.title, text: draft.body, publishedAt: draft.publishedAt })),
          )
        : undefined;
      const storyOf = ids.map((id) => planned?.outcomes.get(id));
      const inserting = tx.articles.insertPlanned(
        fresh.map((draft, i) => ({ ...draft, id: ids[i]!, sourceId, fetchedAt, storyId: storyOf[i]?.storyId ?? null })),
      );
      // The story rows are refreshed from their reports as soon as the rows are in, while tagging
      // still runs (the refresh needs no topics).
      const refreshed = planned ? inserting.then(() => planned.refresh()) : undefined;
      // Awaited below; handled here so that a tagger failure meanwhile cannot leave them unobserved.
      inserting.catch(() => undefined);
      refreshed?.catch(() => undefined);
      // Tagging needs no database: it runs while the server inserts the rows (the search vector
      // and its index make the insert the longest statement of a document).
      const topics = await mapInTurns(fresh, tag);
      const added: IngestedArticle[] = fresh.map((draft, i) => ({ id: ids[i]!, draft, topics: topics[i]!, story: storyOf[i] }));
      const rows = await inserting;
      // Another process stored one of these URLs after knownUrls: the stories planned for it are
      // wrong now. Undo the document and run it again (the URL is known then).
      if (rows.length < added.length) throw new ConcurrentInsert();
      await tx.articleTopics.insertNew(
        added.filter((a) => a.topics.length > 0).map((a) => ({ articleId: a.id, publishedAt: a.draft.publishedAt, topics: a.topics })),
      );
      if (refreshed) await refreshed;
      else await tx.storyBacklog.add(added.map((a) => ({ articleId: a.id, publishedAt: a.draft.publishedAt })));
      // Known articles without topics (left by an older, non-atomic ingest) are tagged again.
      const untagged = await tx.articles.untaggedAmong([...known]);
      const retagged = untagged.flatMap(({ id, url, publishedAt }) => {
        const draft = drafts.get(url);
        return draft ? [{ articleId: id, publishedAt, topics: tag(draft) }] : [];
      });
      await tx.articleTopics.assign(retagged.filter((a) => a.topics.length > 0));
      // The ledger keys each alert by the article's story, assigned just above in this transaction.
      const alerts = deps.alerts && !defer
        ? await deps.alerts.file(tx, added.map((a) => ({ id: a.id, title: a.draft.title, text: a.draft.body, topics: a.topics })))
        : 0;
      for (const step of steps) await step(tx, added);
      return { rows, stories: planned?.outcomes ?? new Map<number, StoryOutcome>(), added, alerts };
    });
    // Stories are assigned one transaction at a time (the window's turn); a deferred run has none.
    const { rows: inserted, stories, alerts: alertsFiled } = defer || fresh.length === 0 ? await store() : await window.run(store);
    const addedIds = inserted.map((r) => r.id);
    if (alertsFiled > 0) deps.alerts?.filed?.(alertsFiled);
    return {
      added: addedIds.length,
      // Duplicates inside the document and rows another process inserted meanwhile count as known.
      known: doc.items.length - skipped - addedIds.length,
      skipped,
      addedIds,
      stories,
    };
  }
  async function settleBatch(): Promise<number> {
    // Nothing waiting (the usual start of `vestnik run`): no transaction, and the alert index is
    // not loaded ahead of the first poll that needs it.
    if ((await deps.repos.storyBacklog.size()) === 0) return 0;
    await deps.alerts?.prepare();
    const settled = await window.run((session) => deps.repos.transaction(async (tx) => {
      const waiting = await tx.storyBacklog.oldest(SETTLE_BATCH);
      if (waiting.length === 0) return { count: 0, alerts: 0 };
      await createStoryAssigner({ repo: tx.stories, session }).assignStories(
        waiting.map((a) => ({ articleId: a.id, sourceId: a.sourceId, title: a.title, text: a.body, publishedAt: a.publishedAt })),
      );
      const topics = await tx.articleTopics.topicsOf(waiting.map((a) => a.id));
      const alerts = deps.alerts
        ? await deps.alerts.file(tx, waiting.map((a) => ({ id: a.id, title: a.title, text: a.body, topics: topics.get(a.id) ?? [] })))
        : 0;
      await tx.storyBacklog.remove(waiting.map((a) => a.id));
      return { count: waiting.length, alerts };
    }));
    if (settled.alerts > 0) deps.alerts?.filed?.(settled.alerts);
    return settled.count;
  }
  return {
    async settleStories(onProgress) {
      let total = 0;
      for (let n = await settleBatch(); n > 0; n = await settleBatch()) {
        total += n;
        onProgress?.(total);
      }
      return total;
    },
    async ingestDocument(doc, origin, fetchedAt = now(), options = {}) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await ingestOnce(doc, origin, fetchedAt, options.deferStories === true);
        } catch (error) {
          // Two processes racing for the same new URLs: one of them wins each round.
          if (!(error instanceof ConcurrentInsert) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    },
  };
}
