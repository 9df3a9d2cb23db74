import { eq } from "drizzle-orm";
import { pino } from "pino";
import type { Db } from "../../src/db/client.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { articles, sources } from "../../src/db/schema.js";
import { createIngestor } from "../../src/news/ingest.js";
import { createPoller, type PollerDeps, type PollSettings } from "../../src/news/poll.js";

export const SETTINGS: PollSettings = {
  defaultIntervalMs: 60_000,
  timeoutMs: 1_500,
  maxBytes: 256 * 1024,
  defaultTimeZone: "Europe/Moscow",
  concurrency: 4,
  // The feed servers of these tests listen on 127.0.0.1, an address refused unless opted in.
  allowPrivateFeeds: true,
};

/** Tagging is the topics feature's business; these tests only need articles to land. */
export const NO_TOPICS = { rank: () => [] };

export interface LogLine {
  level: number;
  msg?: string;
}

export function pollerFor(db: Db, overrides: Partial<Omit<PollerDeps, "settings">> & { settings?: Partial<PollSettings> } = {}) {
  const repos = createRepositories(db);
  const logs: LogLine[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const ingestor = createIngestor({ repos, tagger: NO_TOPICS });
  const poller = createPoller({
    repos,
    ingestor,
    logger,
    random: () => 0.5,
    ...overrides,
    settings: { ...SETTINGS, ...overrides.settings },
  });
  return { repos, poller, logs, ingestor };
}

export async function addFeed(repos: Repositories, url: string, pollIntervalMs?: number) {
  const { source } = await repos.sources.addFeed({ url, title: "untitled", pollIntervalMs: pollIntervalMs ?? null, nextPollAt: null });
  return source;
}

export async function sourceRow(db: Db, id: number) {
  const [row] = await db.select().from(sources).where(eq(sources.id, id));
  if (!row) throw new Error(`no source ${id}`);
  return row;
}

/** Makes the source due now, as if its interval had passed. */
export async function makeDue(db: Db, id: number): Promise<void> {
  await db.update(sources).set({ nextPollAt: new Date(Date.now() - 1000) }).where(eq(sources.id, id));
}

export async function titlesOf(db: Db, sourceId: number): Promise<string[]> {
  const rows = await db.select({ title: articles.title }).from(articles).where(eq(articles.sourceId, sourceId)).orderBy(articles.id);
  return rows.map((r) => r.title);
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
