// Story assignment on ingest: the stories a batch of new articles may join are loaded from the
// database (an index range per lookup key, bounded by the window), then the same clustering as
// `vestnik stories` runs over the batch in time order, and the outcome is written back.
import { mapInTurns } from "../shared/async.js";
import type { StoryKeyRow, StoryRepository } from "../db/repositories/stories.js";
import {
  assignReport,
  CORE_SIZE,
  createStoryIndex,
  DEFAULT_STORY_WINDOW_MS,
  prepareReport,
  type PreparedReport,
  type StoryCore,
  type StoryIndex,
  type StorySettings,
} from "./cluster.js";
import { loadFeatures, lookupKeys, storeFeatures, type Features, type StoredFeatures } from "./features.js";
import { bucketOf, createKeyStats, STATS_BUCKET_MS, type KeyStats } from "./window-stats.js";

export interface NewReport {
  articleId: number;
  sourceId: number;
  title: string;
  text: string;
  publishedAt: Date;
}

export interface StoryOutcome {
  storyId: number;
  /** The article started the story. */
  isNew: boolean;
}

export interface StoryAssigner {
  /** For stored articles: assigns their stories and writes each article's story_id. */
  assignStories(reports: NewReport[]): Promise<Map<number, StoryOutcome>>;
  /**
   * For articles about to be inserted (their ids reserved): assigns and writes the stories, so the
   * insert carries story_id; `refresh` then recomputes the stories' rows from their reports, once
   * the articles are in.
   */
  planStories(reports: NewReport[]): Promise<{ outcomes: Map<number, StoryOutcome>; refresh(): Promise<void> }>;
}

/** Candidate stories loaded per new article (the best by shared keys; as many as the in-memory index scores), at most MAX_LOADED per slice. */
const CANDIDATES_PER_REPORT = 10;
const MAX_LOADED = 1000;

interface StoredCore {
  v: 1;
  members: StoredFeatures[];
}

/** A story of this batch: `dbId` is known for stored stories, and set for new ones once created. */
interface StoryRef {
  dbId?: number;
}

function storedCore(members: readonly Features[]): StoredCore {
  return { v: 1, members: members.map(storeFeatures) };
}

function readCore(value: unknown): Features[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const core = value as Partial<StoredCore>;
  if (core.v !== 1 || !Array.isArray(core.members) || core.members.length === 0) return undefined;
  try {
    return core.members.map(loadFeatures);
  } catch {
    return undefined;
  }
}

type Repo = Pick<
  StoryRepository,
  "candidates" | "cores" | "reserveIds" | "insert" | "addKeys" | "setCores" | "setArticleStories" | "refresh" | "keyHours" | "addKeyHours"
>;

export function createStoryAssigner(deps: { repo: Repo; settings?: StorySettings; cores?: CoreCache }): StoryAssigner {
  // Without a cache of the caller's, the cores are cached for this assigner only.
  const cache = deps.cores ?? createCoreCache();
  const settings = deps.settings ?? { windowMs: DEFAULT_STORY_WINDOW_MS };
  async function plan(reports: NewReport[]): Promise<Map<number, StoryOutcome>> {
    const outcomes = new Map<number, StoryOutcome>();
    // Stories this batch created or whose core it grew, with their cores as written: their rows are
    // refreshed only after the batch (its articles are inserted last), so their stored counts cannot
    // validate a cached core, and reading back what this batch just wrote would be a waste (in the
    // corpus' ingest, 10,257 of 11,422 cores read were the batch's own).
    const writtenCores = new Map<number, WrittenCore>();
    const ordered = [...reports].sort(
      (a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.articleId - b.articleId,
    );
    // A feed of a week holds many windows: each slice loads only the stories its own time can join.
    const slices: NewReport[][] = [];
    for (let i = 0; i < ordered.length; i += SLICE) slices.push(ordered.slice(i, i + SLICE));
    // A slice's writes are not awaited: the next slice's features are extracted while the server
    // runs them. The statements share the transaction's connection and run in the order sent, so
    // the next slice's candidate lookup, sent after them, sees them.
    const writes: Promise<void>[] = [];
    try {
      let prepared = slices[0]?.map((report) => prepareReport(report));
      for (const [i, slice] of slices.entries()) {
        const { writes: sent } = await assignSlice(deps.repo, settings, { cache, written: writtenCores }, slice, prepared!, outcomes);
        writes.push(sent);
        const next = slices[i + 1];
        prepared = next ? await mapInTurns(next, (report) => prepareReport(report)) : undefined;
      }
    } finally {
      // Nothing may still be running on the connection when the caller commits or rolls back.
      const results = await Promise.allSettled(writes);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
    }
    return outcomes;
  }
  const storiesOf = (outcomes: Map<number, StoryOutcome>) => [...new Set([...outcomes.values()].map((o) => o.storyId))];
  return {
    async assignStories(reports) {
      const outcomes = await plan(reports);
      await deps.repo.setArticleStories([...outcomes].map(([articleId, o]) => ({ articleId, storyId: o.storyId })));
      await deps.repo.refresh(storiesOf(outcomes));
      return outcomes;
    },
    async planStories(reports) {
      const outcomes = await plan(reports);
      return { outcomes, refresh: () => deps.repo.refresh(storiesOf(outcomes)) };
    },
  };
}

/** Reports assigned per candidate lookup. */
const SLICE = 200;

/**
 * The process's core cache, and the stories the current batch wrote with their current cores (never
 * read from the cache or the database: only the batch knows them until it ends).
 */
interface Cores {
  cache: CoreCache;
  written: ReadonlyMap<number, WrittenCore>;
}

/** A core this batch wrote: its report count is unknown until the batch refreshes the story. */
type WrittenCore = Pick<CachedCore, "members" | "keys">;

async function loadIndex(
  repo: Repo,
  settings: StorySettings,
  { cache, written }: Cores,
  prepared: PreparedReport[],
): Promise<{ index: StoryIndex<StoryRef>; stats: KeyStats }> {
  const index = createStoryIndex<StoryRef>();
  const allKeys = new Set<string>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const { keys, features } of prepared) {
    for (const key of keys) allKeys.add(key);
    first = Math.min(first, features.at);
    last = Math.max(last, features.at);
  }
  const stored = await repo.candidates(
    [...allKeys],
    new Date(first - settings.windowMs),
    new Date(last + settings.windowMs),
    Math.min(MAX_LOADED, CANDIDATES_PER_REPORT * prepared.length),
  );
  const cached = (id: number, articleCount: number): WrittenCore | undefined => written.get(id) ?? cache.get(id, articleCount);
  const missing = stored.filter((c) => cached(c.id, c.articleCount) === undefined).map((c) => c.id);
  const fetched = missing.length > 0 ? await repo.cores(missing) : new Map<number, unknown>();
  for (const candidate of stored) {
    let core = cached(candidate.id, candidate.articleCount);
    if (!core) {
      const members = readCore(fetched.get(candidate.id));
      if (!members) continue;
      const read = { articleCount: candidate.articleCount, members, keys: [...new Set(members.flatMap((m) => lookupKeys(m)))] };
      cache.set(candidate.id, read);
      core = read;
    }
    for (const key of core.keys) allKeys.add(key);
    // Copies: assignment grows the story's core, and the cached one must stay as stored.
    index.add({ id: { dbId: candidate.id }, members: [...core.members], seedAt: candidate.seedPublishedAt.getTime(), keys: new Set(core.keys) });
  }
  // The window statistics of every key a comparison of this slice can discount: the reports' own
  // keys and their candidates' (the same keys `vestnik stories` counts in memory).
  const stats = createKeyStats();
  const rows = await repo.keyHours(
    [...allKeys],
    new Date(bucketOf(first - settings.windowMs) * STATS_BUCKET_MS),
    new Date(bucketOf(last) * STATS_BUCKET_MS),
  );
  for (const row of rows) stats.add(row.key, row.hour.getTime(), row.reports);
  return { index, stats };
}

/**
 * Cores read from the database, kept for the process: every slice of a busy hour loads the same
 * stories, and parsing their stored cores was most of the candidate load. A core changes only while
 * its story has fewer than CORE_SIZE reports, so an entry is valid while the story's report count is
 * unchanged, and for good once its core is full.
 */
interface CachedCore {
  articleCount: number;
  members: readonly Features[];
  keys: readonly string[];
}

const CORE_CACHE_LIMIT = 20_000;

/** Cores read from one database (story ids are per database): one per ingestor. */
export interface CoreCache {
  get(id: number, articleCount: number): CachedCore | undefined;
  set(id: number, core: CachedCore): void;
}

export function createCoreCache(limit = CORE_CACHE_LIMIT): CoreCache {
  const cores = new Map<number, CachedCore>();
  return {
    get(id, articleCount) {
      const hit = cores.get(id);
      if (!hit) return undefined;
      // Both full: the stored core cannot have changed since (a rolled-back transaction cannot
      // leave a full core behind a count below CORE_SIZE either).
      if (hit.articleCount === articleCount || (hit.members.length >= CORE_SIZE && articleCount >= CORE_SIZE)) return hit;
      cores.delete(id);
      return undefined;
    },
    set(id, core) {
      if (cores.size >= limit) {
        // The oldest tenth goes: insertion order is roughly story age.
        let drop = Math.max(1, Math.floor(limit / 10));
        for (const key of cores.keys()) {
          cores.delete(key);
          if (--drop === 0) break;
        }
      }
      cores.set(id, core);
    },
  };
}

/** Key statistics that also note what this slice adds, to be written back. */
function recording(stats: KeyStats): { stats: KeyStats; added: Map<string, StoryKeyHour> } {
  const added = new Map<string, StoryKeyHour>();
  return {
    added,
    stats: {
      ...stats,
      add(key, at, reports = 1) {
        stats.add(key, at, reports);
        const hour = bucketOf(at);
        const id = `${hour} ${key}`;
        const row = added.get(id);
        if (row) row.reports += reports;
        else added.set(id, { key, hour: new Date(hour * STATS_BUCKET_MS), reports });
      },
    },
  };
}

interface StoryKeyHour {
  key: string;
  hour: Date;
  reports: number;
}

/**
 * Assigns one slice and sends its writes; resolves once the assignment is done, with the writes
 * still in flight (the caller awaits them later).
 */
async function assignSlice(
  repo: Repo,
  settings: StorySettings,
  cores: { cache: CoreCache; written: Map<number, WrittenCore> },
  slice: NewReport[],
  prepared: PreparedReport[],
  outcomes: Map<number, StoryOutcome>,
): Promise<{ writes: Promise<void> }> {
  const loaded = await loadIndex(repo, settings, cores, prepared);
  const { index } = loaded;
  const { stats, added } = recording(loaded.stats);

  const created: StoryCore<StoryRef>[] = [];
  const grown = new Map<StoryCore<StoryRef>, Set<string>>();
  const stories: StoryCore<StoryRef>[] = [];
  for (const report of prepared) {
    const result = assignReport<StoryRef>(report, index, stats, settings, () => ({}));
    stories.push(result.story);
    if (result.kind === "new") created.push(result.story);
    else if (result.joinedCore && result.story.id.dbId !== undefined) {
      const added = grown.get(result.story) ?? new Set<string>();
      for (const key of result.newKeys) added.add(key);
      grown.set(result.story, added);
    }
  }

  const ids = await repo.reserveIds(created.length);
  const keyRows: StoryKeyRow[] = [];
  created.forEach((story, i) => {
    story.id.dbId = ids[i]!;
    for (const key of story.keys) keyRows.push({ key, storyId: ids[i]!, seedPublishedAt: new Date(story.seedAt) });
  });
  for (const [story, keys] of grown) {
    for (const key of keys) keyRows.push({ key, storyId: story.id.dbId!, seedPublishedAt: new Date(story.seedAt) });
  }
  // Sent together and awaited by the caller: no foreign key orders them, and whatever the caller
  // sends later on this connection runs after them.
  const writes = Promise.all([
    repo.insert(created.map((story) => ({ id: story.id.dbId!, seedPublishedAt: new Date(story.seedAt), core: storedCore(story.members) }))),
    repo.addKeys(keyRows),
    repo.addKeyHours([...added.values()]),
    repo.setCores([...grown.keys()].map((story) => ({ storyId: story.id.dbId!, core: storedCore(story.members) }))),
  ]).then(() => undefined);
  // Handled here so a failure is not reported as unhandled before the caller awaits it.
  writes.catch(() => undefined);
  // As stored: the next slice copies them into its own index before growing them.
  for (const story of [...created, ...grown.keys()]) {
    cores.written.set(story.id.dbId!, { members: [...story.members], keys: [...story.keys] });
  }

  const fresh = new Set(created);
  slice.forEach((report, i) => outcomes.set(report.articleId, { storyId: stories[i]!.id.dbId!, isNew: fresh.has(stories[i]!) }));
  return { writes };
}
