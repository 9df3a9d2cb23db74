// Story assignment on ingest: the batch's reports are assigned in time order against the window of
// stories the process keeps (stories/window.ts), with the same clustering as `vestnik stories`, and
// the outcome is written back.
import { mapInTurns } from "../shared/async.js";
import type { StoryRepository } from "../db/repositories/stories.js";
import { assignReport, prepareReport, type PreparedReport, type StoryCore, type StorySettings } from "./cluster.js";
import { storedCore, type WindowRepo, type WindowSession, type WindowState } from "./window.js";
import { bucketOf, STATS_BUCKET_MS, type KeyStats } from "./window-stats.js";

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

type Repo = WindowRepo & Pick<StoryRepository, "write" | "setArticleStories" | "refresh">;

/**
 * An assigner for one transaction of `StoryWindow.run`: `session` is that run's (its window's
 * settings are the clustering's), `repo` the transaction's story repository.
 */
export function createStoryAssigner(deps: { repo: Repo; session: WindowSession }): StoryAssigner {
  const { repo, session } = deps;
  const settings: StorySettings = { windowMs: session.windowMs };
  /** `then` sends what follows the writes, on the same connection, before they are awaited. */
  async function plan(reports: NewReport[], then?: (outcomes: Map<number, StoryOutcome>) => Promise<void>): Promise<Map<number, StoryOutcome>> {
    const outcomes = new Map<number, StoryOutcome>();
    if (reports.length === 0) return outcomes;
    const ordered = [...reports].sort(
      (a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.articleId - b.articleId,
    );
    // One id per report, reserved with the window's update: a round trip fewer than asking once the
    // new stories are known. The ids reports that join a story leave unused are gaps, nothing more.
    const ids = await session.sync(repo, ordered.length);
    let nextId = 0;
    const newId = () => ids[nextId++]!;
    // A feed of a week holds many windows: each slice asks the window for its own time.
    const slices: NewReport[][] = [];
    for (let i = 0; i < ordered.length; i += SLICE) slices.push(ordered.slice(i, i + SLICE));
    // A slice's writes are not awaited: the next slice's features are extracted while the server
    // runs them. The statements share the transaction's connection and run in the order sent.
    const writes: Promise<void>[] = [];
    try {
      let prepared = slices[0]?.map((report) => prepareReport(report));
      for (const [i, slice] of slices.entries()) {
        const first = prepared![0]!.features.at;
        const last = prepared!.at(-1)!.features.at;
        const state = await session.cover(repo, first, last);
        writes.push(assignSlice(repo, session, settings, state, slice, prepared!, outcomes, newId));
        const next = slices[i + 1];
        prepared = next ? await mapInTurns(next, (report) => prepareReport(report)) : undefined;
      }
      if (then) writes.push(then(outcomes));
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
    assignStories(reports) {
      // The refresh reads the articles' story_id: it waits for their update, which need not wait.
      return plan(reports, (outcomes) =>
        repo
          .setArticleStories([...outcomes].map(([articleId, o]) => ({ articleId, storyId: o.storyId })))
          .then(() => repo.refresh(storiesOf(outcomes))),
      );
    },
    async planStories(reports) {
      const outcomes = await plan(reports);
      return { outcomes, refresh: () => repo.refresh(storiesOf(outcomes)) };
    },
  };
}

/** Reports assigned per window cover and per set of writes. */
const SLICE = 200;

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
 * Assigns one slice in the window (which it grows in place) and sends its writes; returns them in
 * flight (the caller awaits them later).
 */
function assignSlice(
  repo: Repo,
  session: WindowSession,
  settings: StorySettings,
  state: WindowState,
  slice: NewReport[],
  prepared: PreparedReport[],
  outcomes: Map<number, StoryOutcome>,
  newId: () => number,
): Promise<void> {
  const { stats, added } = recording(state.stats);
  const created = new Set<StoryCore<number>>();
  const grown = new Set<StoryCore<number>>();
  prepared.forEach((report, i) => {
    const result = assignReport(report, state.index, stats, settings, newId);
    if (result.kind === "new") {
      created.add(result.story);
      state.stories.set(result.story.id, result.story);
    } else if (result.joinedCore && !created.has(result.story)) {
      grown.add(result.story);
    }
    outcomes.set(slice[i]!.articleId, { storyId: result.story.id, isNew: result.kind === "new" });
  });
  // Whatever the caller sends later on this connection runs after it. The cores are serialised now,
  // as they stand after this slice.
  const writes = repo
    .write({
      created: [...created].map((story) => ({ id: story.id, seedPublishedAt: new Date(story.seedAt), core: storedCore(story.members) })),
      keyHours: [...added.values()],
      grown: [...grown].map((story) => ({ storyId: story.id, core: storedCore(story.members) })),
    })
    .then((revision) => session.wrote(revision));
  // Handled here so a failure is not reported as unhandled before the caller awaits it.
  writes.catch(() => undefined);
  return writes;
}
