import type { Repositories } from "../db/repositories/index.js";
import type { Source, SourceWithCount } from "../db/repositories/sources.js";
import type { StoreCounts } from "../db/repositories/stats.js";
import { AddressRefusedError } from "./address-guard.js";
import { decodeBytes } from "./decode.js";
import { discoverFeedLinks, looksLikeHtml } from "./feed-discovery.js";
import { fetchDocument, type FetchedDocument } from "./fetch-document.js";
import type { Ingestor } from "./ingest.js";
import { parseOpml, renderOpml, type OpmlFeed } from "./opml.js";
import { cacheMaxAgeMs, feedTtlMs, nextPollDelay, parseFeedDocument, type PollSettings } from "./poll.js";
import { DocumentError, type ParsedDocument } from "./types.js";
import { zonedParts } from "../shared/time-zone.js";
import { zonedTimeToUtc } from "./zoned-time.js";

export type { Source, SourceWithCount, StoreCounts };

/** Why a source could not be added; `detail` is a short technical reason (HTTP status, parser's words). */
export class SourceError extends Error {
  constructor(
    readonly code: "invalid-url" | "exists" | "unreachable" | "not-feed",
    readonly detail: string,
    /** The source already stored under that URL, for `exists`. */
    readonly existing?: Source,
    /** For `unreachable`: the address was refused (private, loopback…), not tried. */
    readonly refused = false,
  ) {
    super(detail);
    this.name = "SourceError";
  }
}

export interface AddedSource {
  source: Source;
  /** Articles stored from the first fetch. */
  added: number;
  /** The page the feed was found on, when the URL given was an HTML page announcing it. */
  discoveredOn?: string;
}

export interface ImportResult {
  added: Source[];
  /** URLs already stored as feeds. */
  existing: string[];
  rejected: { url: string; reason: string }[];
}

export interface SourceServiceDeps {
  repos: Pick<Repositories, "sources" | "stats">;
  ingestor: Ingestor;
  settings: Omit<PollSettings, "concurrency">;
  now?: () => Date;
}

/** An http(s) URL from what a person typed; a bare `example.org/rss` means https. */
export function normalizeSourceUrl(input: string): string {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new SourceError("invalid-url", `not a valid URL: ${text.slice(0, 200)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SourceError("invalid-url", `only http(s) URLs can be polled, not ${url.protocol.replace(":", "")}`);
  }
  if (!url.hostname.includes(".") && url.hostname !== "localhost" && !/^\[/.test(url.hostname)) {
    throw new SourceError("invalid-url", `not a valid URL: ${text.slice(0, 200)}`);
  }
  url.hash = "";
  return url.toString();
}

/** The instant the day containing `at` began in `timeZone`. */
export function startOfDay(at: Date, timeZone: string): Date {
  const { year, month, day } = zonedParts(at, timeZone);
  return zonedTimeToUtc({ year, month, day }, timeZone);
}

/** Adding, listing, removing, importing and exporting feed sources: what the CLI and /addsource share. */
export function createSourceService(deps: SourceServiceDeps) {
  const { repos, ingestor, settings } = deps;
  const now = deps.now ?? (() => new Date());

  function fetchOnce(url: string): Promise<FetchedDocument> {
    const limits = {
      timeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
      userAgent: settings.userAgent,
      allowPrivate: settings.allowPrivateFeeds,
      addressRules: settings.addressRules,
    };
    return fetchDocument(url, limits).catch(
      (error: unknown) => {
        if (!(error instanceof DocumentError)) throw error;
        throw new SourceError("unreachable", error.reason, undefined, error instanceof AddressRefusedError);
      },
    );
  }

  /** A source by numeric id («12», «#12») or by URL. */
  async function idOf(ref: string): Promise<number | undefined> {
    const text = ref.trim().replace(/^#/, "");
    if (/^\d{1,15}$/.test(text)) return Number(text);
    let url: string;
    try {
      url = normalizeSourceUrl(text);
    } catch {
      return undefined;
    }
    return (await repos.sources.findByUrl(url))?.id;
  }

  async function refuseKnown(url: string): Promise<void> {
    const known = await repos.sources.findByUrl(url);
    if (known?.kind === "feed") throw new SourceError("exists", `already a source: #${known.id}`, known);
  }

  /** The feed at `url`, or the first working feed an HTML page at `url` announces. */
  async function resolveFeed(url: string): Promise<{ url: string; fetched: FetchedDocument; doc: ParsedDocument; page?: string }> {
    const fetched = await fetchOnce(url);
    try {
      return { url, fetched, doc: parseFeedDocument(fetched, settings.defaultTimeZone) };
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      const text = decodeBytes(fetched.bytes, { contentType: fetched.contentType });
      if (!looksLikeHtml(text, fetched.contentType)) throw new SourceError("not-feed", error.reason);
      const links = discoverFeedLinks(text, fetched.url).slice(0, 3);
      if (links.length === 0) throw new SourceError("not-feed", "an HTML page that announces no feed");
      let last: SourceError | undefined;
      for (const link of links) {
        await refuseKnown(link);
        try {
          const feed = await fetchOnce(link);
          return { url: link, fetched: feed, doc: parseFeedDocument(feed, settings.defaultTimeZone), page: url };
        } catch (inner) {
          if (inner instanceof SourceError) last = inner;
          else if (inner instanceof DocumentError) last = new SourceError("not-feed", `${link}: ${inner.reason}`);
          else throw inner;
        }
      }
      throw last ?? new SourceError("not-feed", "an HTML page that announces no working feed");
    }
  }

  return {
    /**
     * Fetches the URL once to prove it is a feed (following an HTML page's feed link), stores the
     * source with the validators of that answer and ingests its items. Nothing is stored on failure.
     */
    /** `region` is the operator's home region for the tagger's source prior, set before the first articles are tagged. */
    async add(input: string, opts: { intervalMs?: number; region?: string } = {}): Promise<AddedSource> {
      const url = normalizeSourceUrl(input);
      await refuseKnown(url);
      const found = await resolveFeed(url);
      const polledAt = now();
      const intervalMs = opts.intervalMs ?? settings.defaultIntervalMs;
      const hints = { maxAgeMs: cacheMaxAgeMs(found.fetched.headers.get("cache-control")), ttlMs: feedTtlMs(found.fetched.bytes) };
      const title = found.doc.title?.trim() || new URL(found.url).hostname;
      const { source, created } = await repos.sources.addFeed({
        url: found.url,
        title,
        pollIntervalMs: opts.intervalMs ?? null,
        ...(opts.region !== undefined ? { region: opts.region } : {}),
        etag: found.fetched.headers.get("etag"),
        lastModified: found.fetched.headers.get("last-modified"),
        lastStatus: found.fetched.status,
        polledAt,
        nextPollAt: new Date(polledAt.getTime() + nextPollDelay(intervalMs, hints)),
      });
      if (!created) throw new SourceError("exists", `already a source: #${source.id}`, source);
      const counts = await ingestor.ingestDocument(
        found.doc,
        { kind: "feed", key: source.url, url: found.fetched.url, fallbackTitle: title },
        polledAt,
      );
      const stored = (await repos.sources.find(source.id)) ?? source;
      return { source: stored, added: counts.added, ...(found.page ? { discoveredOn: found.page } : {}) };
    },

    list: (): Promise<SourceWithCount[]> => repos.sources.listFeeds(),

    /** By numeric id or by URL; undefined when there is no such source. */
    async remove(ref: string): Promise<{ source: Source; articles: number } | undefined> {
      const id = await idOf(ref);
      return id === undefined ? undefined : repos.sources.remove(id);
    },

    /** Sets the home region (a topic slug, '' for none, null to measure it); undefined when there is no such source. */
    async setRegion(ref: string, region: string | null): Promise<Source | undefined> {
      const id = await idOf(ref);
      return id === undefined ? undefined : repos.sources.setRegion(id, region);
    },

    /** Stores every feed of an OPML list, due at once; the poller's first fetch shows each one's health. */
    async importOpml(text: string): Promise<ImportResult> {
      const opml = parseOpml(text);
      const result: ImportResult = { added: [], existing: [], rejected: [...opml.rejected] };
      for (const feed of opml.feeds) {
        const { source, created } = await repos.sources.addFeed({
          url: feed.url,
          title: feed.title ?? new URL(feed.url).hostname,
          siteUrl: feed.siteUrl ?? null,
          pollIntervalMs: feed.pollIntervalMs ?? null,
          nextPollAt: null,
        });
        if (created) result.added.push(source);
        else result.existing.push(feed.url);
      }
      return result;
    },

    async exportOpml(): Promise<string> {
      const feeds: OpmlFeed[] = (await repos.sources.listFeeds()).map((s) => ({
        url: s.url,
        title: s.title,
        ...(s.siteUrl ? { siteUrl: s.siteUrl } : {}),
        ...(s.pollIntervalMs ? { pollIntervalMs: s.pollIntervalMs } : {}),
      }));
      return renderOpml({ title: "Vestnik feed sources", dateCreated: now(), feeds });
    },

    /** Counts for /stats; "today" starts at midnight in `timeZone`. */
    overview(timeZone: string): Promise<StoreCounts> {
      return repos.stats.counts(startOfDay(now(), timeZone));
    },
  };
}

export type SourceService = ReturnType<typeof createSourceService>;
