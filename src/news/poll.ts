import type { Repositories } from "../db/repositories/index.js";
import type { Source } from "../db/repositories/sources.js";
import type { Logger } from "../logger.js";
import { fetchDocument, HttpStatusError, type FetchedDocument } from "./fetch-document.js";
import type { AddressRules } from "./address-guard.js";
import type { Ingestor } from "./ingest.js";
import { parseDocument } from "./parse-document.js";
import { DocumentError, type ParsedDocument } from "./types.js";

export interface PollSettings {
  /** POLL_INTERVAL: for sources without an interval of their own. */
  defaultIntervalMs: number;
  timeoutMs: number;
  maxBytes: number;
  defaultTimeZone: string;
  /** Sources fetched at the same time by one process. */
  concurrency: number;
  userAgent?: string;
  /** ALLOW_PRIVATE_FEEDS: fetch feeds from loopback and private networks too (refused otherwise). */
  allowPrivateFeeds: boolean;
  addressRules?: AddressRules;
}

export interface PollerDeps {
  repos: Pick<Repositories, "sources">;
  ingestor: Ingestor;
  logger: Logger;
  settings: PollSettings;
  /** Default: the real clock. */
  now?: () => Date;
  /** Jitter source, [0, 1). Default Math.random. */
  random?: () => number;
  /** Longest sleep between looks for due sources: how soon a source added elsewhere is noticed. Default 5 s. */
  idleMs?: number;
}

export type PollOutcome =
  | { sourceId: number; url: string; result: "updated"; added: number; status: number }
  | { sourceId: number; url: string; result: "not-modified"; status: 304 }
  | { sourceId: number; url: string; result: "failed"; error: string; status: number | null; failures: number }
  /** Nothing was recorded: shutdown cancelled the fetch, the source was removed meanwhile, or the store failed. */
  | { sourceId: number; url: string; result: "dropped" };

export interface Poller {
  /** Starts the background loop (idempotent). */
  start(): void;
  /** Stops claiming, waits up to `graceMs` for polls in flight, then cancels them and returns. */
  stop(graceMs?: number): Promise<void>;
  /** Claims the sources due now (up to the free slots) and polls them; for tests and one-shot use. */
  pollDue(): Promise<PollOutcome[]>;
}

/** Failing sources are retried at least this often, however many times they failed. */
export const MAX_BACKOFF_MS = 6 * 3_600_000;
/** A feed's ttl or max-age beyond this is treated as this: a typo must not silence a source for weeks. */
export const MAX_HINTED_INTERVAL_MS = 24 * 3_600_000;
/** Beyond the fetch deadline, time allowed for parsing and storing before the lease runs out. */
const LEASE_MARGIN_MS = 30_000;
const MIN_SLEEP_MS = 50;

/** Backoff after `failures` consecutive failures: doubling from the interval, capped, ±10% jitter. */
export function backoffDelay(intervalMs: number, failures: number, random: () => number = Math.random): number {
  const doubled = intervalMs * 2 ** Math.min(Math.max(failures, 1), 30);
  const base = Math.max(intervalMs, Math.min(doubled, MAX_BACKOFF_MS));
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** Seconds of `max-age` (or `s-maxage`) from Cache-Control, in ms; undefined for no-store or none. */
export function cacheMaxAgeMs(cacheControl: string | null | undefined): number | undefined {
  if (!cacheControl || /\bno-store\b/i.test(cacheControl)) return undefined;
  const match = /(?:^|[,\s])(?:s-)?max-age\s*=\s*"?(\d+)/i.exec(cacheControl);
  return match?.[1] ? Number(match[1]) * 1000 : undefined;
}

/** The RSS channel's `<ttl>` (minutes) in ms, read from the bytes before the first item. */
export function feedTtlMs(bytes: Uint8Array): number | undefined {
  // The element and its digits are ASCII in every encoding a feed may use, so latin1 reads them.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024)).toString("latin1");
  const channel = head.split(/<item[\s>]/i)[0] ?? "";
  const match = /<ttl>\s*(\d{1,7})\s*<\/ttl>/i.exec(channel);
  return match?.[1] ? Number(match[1]) * 60_000 : undefined;
}

/** When to come back after a good answer: the interval, or longer if the publisher asks for it. */
export function nextPollDelay(intervalMs: number, hints: { ttlMs?: number; maxAgeMs?: number }): number {
  const hinted = Math.min(Math.max(hints.ttlMs ?? 0, hints.maxAgeMs ?? 0), MAX_HINTED_INTERVAL_MS);
  return Math.max(intervalMs, hinted);
}

function conditionalHeaders(source: Source): Record<string, string> {
  const headers: Record<string, string> = {};
  if (source.etag) headers["if-none-match"] = source.etag;
  if (source.lastModified) headers["if-modified-since"] = source.lastModified;
  return headers;
}

/** A feed's document, refusing what parses but is no feed (a plain-text article page). */
export function parseFeedDocument(fetched: FetchedDocument, defaultTimeZone: string): ParsedDocument {
  const doc = parseDocument(fetched.bytes, { contentType: fetched.contentType, defaultTimeZone });
  if (doc.kind === "text") throw new DocumentError("not a feed: a plain-text page");
  return doc;
}

export function createPoller(deps: PollerDeps): Poller {
  const { repos, ingestor, logger, settings } = deps;
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const idleMs = deps.idleMs ?? 5_000;
  const leaseMs = settings.timeoutMs + LEASE_MARGIN_MS;
  const inFlight = new Set<Promise<PollOutcome>>();
  const cancel = new AbortController();
  let running = false;
  let loopDone: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  /** A slot freed while the loop was busy rather than asleep: its next sleep must not wait. */
  let poked = false;

  async function pollOne(source: Source, lease: Date): Promise<PollOutcome> {
    const { id: sourceId, url } = source;
    const startedAt = now();
    const intervalMs = source.pollIntervalMs ?? settings.defaultIntervalMs;
    try {
      const fetched = await fetchDocument(url, {
        timeoutMs: settings.timeoutMs,
        maxBytes: settings.maxBytes,
        userAgent: settings.userAgent,
        headers: conditionalHeaders(source),
        signal: cancel.signal,
        allowPrivate: settings.allowPrivateFeeds,
        addressRules: settings.addressRules,
      });
      const maxAgeMs = cacheMaxAgeMs(fetched.headers.get("cache-control"));
      const validators = {
        etag: fetched.headers.get("etag") ?? undefined,
        lastModified: fetched.headers.get("last-modified") ?? undefined,
      };
      if (fetched.status === 304) {
        const nextPollAt = new Date(now().getTime() + nextPollDelay(intervalMs, { maxAgeMs }));
        await repos.sources.recordSuccess(sourceId, lease, { at: startedAt, status: 304, nextPollAt, ...validators });
        return { sourceId, url, result: "not-modified", status: 304 };
      }
      const doc = parseFeedDocument(fetched, settings.defaultTimeZone);
      // Ingesting recreates a missing source by URL: a source removed during the fetch must stay gone.
      if (!(await repos.sources.holds(sourceId, lease))) {
        logger.info({ sourceId, url }, "feed source removed or taken over while it was fetched; result dropped");
        return { sourceId, url, result: "dropped" };
      }
      const counts = await ingestor.ingestDocument(
        doc,
        { kind: "feed", key: url, url: fetched.url, fallbackTitle: source.title },
        startedAt,
      );
      const nextPollAt = new Date(now().getTime() + nextPollDelay(intervalMs, { maxAgeMs, ttlMs: feedTtlMs(fetched.bytes) }));
      const stored = await repos.sources.recordSuccess(sourceId, lease, {
        at: startedAt,
        status: fetched.status,
        nextPollAt,
        // A server that stops sending validators must not be asked with stale ones.
        etag: validators.etag ?? null,
        lastModified: validators.lastModified ?? null,
      });
      if (!stored) logger.warn({ sourceId, url }, "feed poll finished after its lease expired");
      if (counts.added > 0) logger.info({ sourceId, url, added: counts.added }, "new articles from a feed");
      return { sourceId, url, result: "updated", added: counts.added, status: fetched.status };
    } catch (error) {
      if (cancel.signal.aborted) {
        await repos.sources.release(sourceId, lease).catch(() => {});
        return { sourceId, url, result: "dropped" };
      }
      const known = error instanceof DocumentError;
      if (!known) logger.error({ err: error, sourceId, url }, "feed poll failed unexpectedly");
      const reason = known ? error.reason : `internal error: ${(error as Error).message ?? String(error)}`;
      const status = error instanceof HttpStatusError ? error.status : null;
      const failures = source.failures + 1;
      const retryAfterMs = error instanceof HttpStatusError ? (error.retryAfterMs ?? 0) : 0;
      const delay = Math.max(backoffDelay(intervalMs, failures, random), Math.min(retryAfterMs, MAX_HINTED_INTERVAL_MS));
      const nextPollAt = new Date(now().getTime() + delay);
      await repos.sources.recordFailure(sourceId, lease, { at: startedAt, status, error: reason, failures, nextPollAt });
      // The first failure is news for the operator; the following ones are in `sources list`.
      logger[failures === 1 ? "info" : "debug"]({ sourceId, url, reason, failures }, "feed poll failed");
      return { sourceId, url, result: "failed", error: reason, status, failures };
    }
  }

  /** Starts polls for newly claimed sources; each settles on its own and frees its slot. */
  async function claimAndLaunch(): Promise<Promise<PollOutcome>[]> {
    const free = settings.concurrency - inFlight.size;
    if (free <= 0) return [];
    const at = now();
    const lease = new Date(at.getTime() + leaseMs);
    const claimed = await repos.sources.claimDue({ now: at, limit: free, leaseUntil: lease });
    return claimed.map((source) => {
      const poll = pollOne(source, lease).catch((error: unknown): PollOutcome => {
        // Only the store failing while recording gets here; the lease expires and it is retried.
        logger.error({ err: error, sourceId: source.id }, "could not record a feed poll");
        return { sourceId: source.id, url: source.url, result: "dropped" };
      });
      inFlight.add(poll);
      void poll.finally(() => {
        inFlight.delete(poll);
        poked = true;
        wake?.();
      });
      return poll;
    });
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, poked ? 0 : ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        poked = false;
        resolve();
      }
      wake = done;
    });
  }

  async function loop(): Promise<void> {
    try {
      // Articles a killed `vestnik ingest` stored without their stories (and alerts) get them now.
      const settled = await ingestor.settleStories();
      if (settled > 0) logger.info({ articles: settled }, "grouped waiting articles into stories");
    } catch (error) {
      logger.warn({ err: error }, "could not group waiting articles into stories; the next start tries again");
    }
    while (running) {
      let delay = idleMs;
      try {
        const launched = await claimAndLaunch();
        if (inFlight.size < settings.concurrency && running) {
          // Nothing else is due: sleep until the next source is, or a slot frees up, or idleMs.
          const next = launched.length > 0 ? undefined : await repos.sources.nextDueAt();
          if (launched.length > 0) delay = MIN_SLEEP_MS;
          else if (next) delay = Math.min(idleMs, Math.max(MIN_SLEEP_MS, next.getTime() - now().getTime()));
        }
      } catch (error) {
        logger.warn({ err: error }, "could not look for due feeds; trying again");
      }
      if (running) await sleep(delay);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loopDone = loop();
    },
    async stop(graceMs = 5_000) {
      running = false;
      wake?.();
      await loopDone;
      if (inFlight.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      if (inFlight.size === 0) return;
      cancel.abort();
      // Aborted fetches settle at once; a store that hangs must not hold the shutdown.
      const settle = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1_000)));
      await Promise.race([Promise.allSettled([...inFlight]), settle]);
      clearTimeout(timer);
    },
    async pollDue() {
      return Promise.all(await claimAndLaunch());
    },
  };
}
