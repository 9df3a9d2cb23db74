import type { AlertRepository, NewAlert } from "../db/repositories/alerts.js";
import type { Logger } from "../logger.js";
import { articleTerms, parseAlertQuery, type CompiledQuery } from "./query.js";
import { quietUntil } from "./timing.js";
import { createWatchIndex, type IndexedWatch, type WatchIndex } from "./watch-index.js";

/** A just-stored article as the ingest step hands it over (topics: the tagger's result). */
export interface StoredArticle {
  id: number;
  title: string;
  text: string;
  topics: readonly string[];
}

export interface AlertMatcher {
  /**
   * Matches new articles against every watch and files the alerts; returns how many were new.
   * With `ledger` (repositories bound to the ingest transaction) the alerts are filed in that
   * transaction, with the index {@link prepare} loaded: no other connection is touched.
   */
  articlesStored(articles: readonly StoredArticle[], ledger?: Pick<AlertRepository, "targets" | "file">): Promise<number>;
  /** Loads the index, or reloads it when a watch changed, before a transaction that will match. */
  prepare(): Promise<void>;
  /** Reloads the index now (after this process changed a watch, or in tests). */
  refresh(): Promise<void>;
  /** The current index (loaded on first use). */
  index(): Promise<WatchIndex>;
  /** Stops the background revision check, before the database it reads is closed. */
  stop(): void;
}

export interface AlertMatcherDeps {
  repo: Pick<AlertRepository, "activeWatches" | "revision" | "targets" | "file">;
  /** How often to ask the database whether another process changed a watch; 0 never asks in the background. Default 1,000 ms. */
  revisionCheckMs?: number;
  /** Default: the real clock. */
  now?: () => Date;
  /** Told after new alerts were filed (wakes the local dispatcher). Default: nobody. */
  onFiled?: () => void;
  /** Where failed index reloads are reported. Default: nowhere. */
  logger?: Logger;
}

export function compileWatch(watch: { query: string; topic: string | null }): CompiledQuery | undefined {
  if (watch.topic) return { kind: "topic", slug: watch.topic };
  const parsed = parseAlertQuery(watch.query);
  return parsed.kind === "ok" ? parsed.query : undefined;
}

/**
 * The matching step of ingest. The index lives in this process and is rebuilt from the database
 * when the watch revision moved; filing goes through the ledger, whose SQL re-checks that the
 * watch and chat are still live, so an index a second out of date never alerts a removed watch.
 */
export function createAlertMatcher(opts: AlertMatcherDeps): AlertMatcher {
  const now = opts.now ?? (() => new Date());
  const checkMs = opts.revisionCheckMs ?? 1000;
  let current: WatchIndex | undefined;
  let loadedRevision = -1;
  let checkedAt = -Infinity;
  let loading: Promise<WatchIndex> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  // Many chats watch the same words: compile each distinct query once, across reloads too.
  let compiledCache = new Map<string, CompiledQuery | null>();

  async function load(): Promise<WatchIndex> {
    const revision = await opts.repo.revision();
    const rows = await opts.repo.activeWatches();
    const watches: IndexedWatch[] = [];
    const cache = new Map<string, CompiledQuery | null>();
    for (const row of rows) {
      const key = `${row.topic ?? ""}\u0000${row.query}`;
      let compiled = cache.get(key) ?? compiledCache.get(key);
      if (compiled === undefined) compiled = compileWatch(row) ?? null;
      cache.set(key, compiled);
      if (compiled) watches.push({ id: row.id, subscriberId: row.subscriberId, query: row.query, compiled });
    }
    compiledCache = cache;
    current = createWatchIndex(watches);
    loadedRevision = revision;
    checkedAt = Date.now();
    opts.logger?.debug({ watches: watches.length, revision }, "alerts: watch index loaded");
    return current;
  }

  /**
   * The index to match with. Once one is loaded, a reload runs in the background and matching goes
   * on with the current index meanwhile (100k watches take seconds to reload on a busy machine);
   * the ledger insert re-checks that each watch is still live.
   */
  async function fresh(): Promise<WatchIndex> {
    if (loading) return current ?? loading;
    if (current && Date.now() - checkedAt < checkMs) return current;
    loading = (async () => {
      try {
        if (current && (await opts.repo.revision()) === loadedRevision) {
          checkedAt = Date.now();
          return current;
        }
        return await load();
      } finally {
        loading = undefined;
      }
    })();
    if (!current) {
      // From now on the revision is also checked between articles (a feed answering 304 brings
      // none), so a watch added a moment ago is in the index by the time its story arrives.
      if (checkMs > 0 && !timer && !stopped) {
        timer = setInterval(() => void fresh().catch(() => undefined), checkMs);
        timer.unref();
      }
      return loading;
    }
    loading.catch((error: unknown) => {
      // A check racing the database's close at shutdown is not worth an operator's attention.
      if (!stopped) opts.logger?.error({ err: error }, "alerts: watch index reload failed");
    });
    return current;
  }

  return {
    async prepare() {
      await fresh();
    },
    async articlesStored(articles, ledger) {
      if (articles.length === 0) return 0;
      // Inside a transaction only the index already loaded is used (PGlite has one connection).
      const index = ledger ? current : await fresh();
      if (!index) throw new Error("alert matcher: prepare() must load the index before matching in a transaction");
      if (index.size === 0) return 0;
      const repo = ledger ?? opts.repo;
      const pairs: { watch: IndexedWatch; articleId: number }[] = [];
      for (const article of articles) {
        const terms = articleTerms(`${article.title}\n${article.text}`, article.topics);
        for (const watch of index.match(terms)) pairs.push({ watch, articleId: article.id });
      }
      if (pairs.length === 0) return 0;
      const targets = new Map((await repo.targets([...new Set(pairs.map((p) => p.watch.id))])).map((t) => [t.watchId, t]));
      const at = now();
      const alerts: NewAlert[] = [];
      for (const { watch, articleId } of pairs) {
        const target = targets.get(watch.id);
        if (!target) continue;
        const heldUntil = quietUntil(at, target.timeZone, target.settings.quiet);
        alerts.push({
          subscriberId: target.subscriberId,
          watchId: watch.id,
          watchQuery: target.watchQuery,
          articleId,
          mode: heldUntil ? "held" : "instant",
          dueAt: heldUntil ?? at,
        });
      }
      const filed = await repo.file(alerts);
      // A transaction's alerts are not visible before its commit: its owner wakes the dispatcher.
      if (filed > 0 && !ledger) opts.onFiled?.();
      return filed;
    },
    async refresh() {
      await load();
    },
    index: () => fresh(),
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
