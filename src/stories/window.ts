// The stories of the recent window, kept in the process between ingests. Loading the candidates of
// every batch from the database (an index range per lookup key, then the cores) was most of what
// assigning one article cost at a million stored articles; the window instead is loaded once and
// then brought up to date with the rows changed since (every core and key-count write takes the next
// story_revision). Assignment holds a database lock for its transaction, so while it runs nobody
// else writes stories and "changed since" is exact; a transaction that fails leaves the window
// ahead of the database, so the window is dropped and loaded again.
import type { StoredCore, StoryKeyHourRow, StoryRepository } from "../db/repositories/stories.js";
import { createStoryIndex, type StoryCore, type StoryIndex } from "./cluster.js";
import { loadFeatures, lookupKeys, storeFeatures, type Features, type StoredFeatures } from "./features.js";
import { createKeyStats, STATS_BUCKET_MS, type KeyStats } from "./window-stats.js";

export type WindowRepo = Pick<StoryRepository, "lockAssignment" | "sync" | "coresSeeded" | "keyHoursBetween">;

interface StoredCoreJson {
  v: 1;
  members: StoredFeatures[];
}

export function storedCore(members: readonly Features[]): StoredCoreJson {
  return { v: 1, members: members.map(storeFeatures) };
}

function readCore(value: unknown): Features[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const core = value as Partial<StoredCoreJson>;
  if (core.v !== 1 || !Array.isArray(core.members) || core.members.length === 0) return undefined;
  try {
    return core.members.map(loadFeatures);
  } catch {
    return undefined;
  }
}

/** Stories (by database id) seeded in [from, to), and the key counts of the hours in [from, to). */
export interface WindowState {
  from: number;
  /** Infinity: every later story too (the live window). */
  to: number;
  index: StoryIndex<number>;
  stats: KeyStats;
  stories: Map<number, StoryCore<number>>;
}

function emptyState(from: number, to: number): WindowState {
  return { from, to, index: createStoryIndex<number>(), stats: createKeyStats(), stories: new Map() };
}

const hourFloor = (at: number) => Math.floor(at / STATS_BUCKET_MS) * STATS_BUCKET_MS;
const inside = (state: WindowState, at: number) => at >= state.from && at < state.to;
const dateOr = (at: number) => (Number.isFinite(at) ? new Date(at) : undefined);

/** Adds or refreshes one stored core (cores only grow: members are replaced, keys added). */
function putCore(state: WindowState, row: StoredCore): void {
  const seedAt = row.seedPublishedAt.getTime();
  if (!inside(state, seedAt)) return;
  const members = readCore(row.core);
  if (!members) return;
  const keys = members.flatMap((m) => lookupKeys(m));
  const known = state.stories.get(row.id);
  if (known) {
    known.members = members;
    state.index.addKeys(known, keys);
    return;
  }
  const story: StoryCore<number> = { id: row.id, members, seedAt, keys: new Set(keys) };
  state.stories.set(row.id, story);
  state.index.add(story);
}

/** Sets one hour's stored count (a changed row carries the count, not the change). */
function putKeyHour(state: WindowState, row: StoryKeyHourRow): void {
  const at = row.hour.getTime();
  if (!inside(state, at)) return;
  const delta = row.reports - state.stats.count(row.key, at, 0);
  if (delta !== 0) state.stats.add(row.key, at, delta);
}

async function load(repo: WindowRepo, state: WindowState, from: number, to: number): Promise<void> {
  const [cores, hours] = await Promise.all([
    repo.coresSeeded(new Date(from), dateOr(to)),
    repo.keyHoursBetween(new Date(from), dateOr(to)),
  ]);
  for (const row of cores) if (!state.stories.has(row.id)) putCore(state, row);
  for (const row of hours) putKeyHour(state, row);
}

function prune(state: WindowState, before: number): void {
  state.index.prune(before);
  state.stats.prune(before);
  for (const [id, story] of state.stories) if (story.seedAt < before) state.stories.delete(id);
  state.from = before;
}

export interface WindowSettings {
  windowMs: number;
  now?: () => number;
}

/** One assignment transaction's use of the window (see `StoryWindow.run`). */
export interface WindowSession {
  /** The story window the clustering uses (reports join stories seeded at most this far away). */
  readonly windowMs: number;
  /**
   * Takes the lock and applies what others changed; first thing in the transaction. Resolves with
   * `ids` new story ids.
   */
  sync(repo: WindowRepo, ids: number): Promise<number[]>;
  /**
   * The stories and key counts a slice with reports in [first, last] needs: the kept window, grown
   * to cover them, or, for reports older than the kept window, a window of their own for this
   * transaction only (an old article in a live feed must not make the process load a year).
   */
  cover(repo: WindowRepo, first: number, last: number): Promise<WindowState>;
  /** A revision this transaction's own writes took (under the lock: all later ones are its own too). */
  wrote(revision: number): void;
}

export interface StoryWindow {
  /**
   * Runs one transaction that assigns stories: sessions of this process run one at a time, the
   * window keeps what a committed one wrote, and a failed one makes the window load again.
   */
  run<T>(work: (session: WindowSession) => Promise<T>): Promise<T>;
  /** Stories held (for tests and benchmarks). */
  size(): number;
}

export function createStoryWindow(settings: WindowSettings): StoryWindow {
  const now = settings.now ?? Date.now;
  const W = settings.windowMs;
  let state: WindowState | undefined;
  /** The revision `state` reflects. */
  let revision = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function session(): WindowSession & { pending?: number } {
    const s: WindowSession & { pending?: number } = {
      windowMs: W,
      async sync(repo, ids) {
        // Sent together: the second statement runs once the first holds the lock.
        const [, changes] = await Promise.all([
          repo.lockAssignment(),
          repo.sync(state ? revision : undefined, new Date(state?.from ?? 0), ids),
        ]);
        if (state) {
          for (const row of changes.cores) putCore(state, row);
          for (const row of changes.hours) putKeyHour(state, row);
        }
        revision = changes.revision;
        return changes.ids;
      },
      async cover(repo, first, last) {
        const from = hourFloor(first - W);
        const needTo = hourFloor(last + W) + STATS_BUCKET_MS;
        // Live reports keep the window open to later stories; an import of the past moves it on
        // two windows at a time.
        const to = needTo + 2 * W >= now() ? Number.POSITIVE_INFINITY : needTo + 2 * W;
        if (state && needTo <= state.from) {
          const own = emptyState(from, needTo);
          await load(repo, own, from, needTo);
          return own;
        }
        if (!state || from >= state.to) {
          state = emptyState(from, to);
          await load(repo, state, from, to);
          return state;
        }
        if (from < state.from) {
          await load(repo, state, from, state.from);
          state.from = from;
        }
        if (needTo > state.to) {
          await load(repo, state, state.to, to);
          state.to = to;
        }
        // Stories seeded long before what the reports can join are let go.
        if (from - state.from > 2 * W) prune(state, from);
        return state;
      },
      wrote(value) {
        s.pending = Math.max(s.pending ?? 0, value);
      },
    };
    return s;
  }

  return {
    run(work) {
      const turn = queue.then(async () => {
        const s = session();
        try {
          const result = await work(s);
          if (s.pending !== undefined) revision = Math.max(revision, s.pending);
          return result;
        } catch (error) {
          state = undefined;
          throw error;
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    size: () => state?.stories.size ?? 0,
  };
}
