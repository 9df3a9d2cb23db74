// Story assignment: a new report joins the best-matching story of the window, or starts one.
// The same code serves `vestnik stories` (an in-memory index over the input) and ingest (an index
// loaded from the database for each batch), so both give the same stories.
import { extractFeatures, lookupKeys, type Features, type StoryInput } from "./features.js";
import { anchorWeight, compare, containment, headTold, NO_DISCOUNT, type Comparison, type Discount } from "./similarity.js";
import { createKeyStats, windowDiscount, type KeyStats } from "./window-stats.js";

export interface StorySettings {
  /** Reports join stories whose seed (first assigned report) is at most this far away in time. */
  windowMs: number;
}

export const DEFAULT_STORY_WINDOW_MS = 36 * 3600_000;

/**
 * A story as the engine sees it: its core (the first few reports, against which every newcomer is
 * checked, so a story cannot drift one report at a time into another event) and its time.
 */
export interface StoryCore<Id = number> {
  id: Id;
  /** The first reports to join, the seed first. */
  members: Features[];
  /** The seed's publication time: the window is measured from it, so a story cannot creep forward. */
  seedAt: number;
  /** Lookup keys of the core's reports. */
  keys: Set<string>;
}

/** How many reports make a story's core. */
export const CORE_SIZE = 5;
/** Candidate stories scored per report (the ones sharing most lookup keys). */
const MAX_CANDIDATES = 10;

const NEAR_COPY = 0.6;
const BASE_THRESHOLD = 0.45;
/** The bar rises with the time between two reports: a day apart, an overlap is likelier a follow-up. */
const THRESHOLD_PER_DAY = 0.1;
/** The seed must pass this share of the bar too: the coherence check against the story's core. */
const SEED_SHARE = 0.75;
/**
 * Weight of names and numbers two reports must share, unless one copies the other, after the window
 * discount: one name of their own, or a few of the day's common ones.
 */
const MIN_SHARED_NAMES = 1;
/**
 * Share of each headline's ordinary words (the action) the other report must tell, when the names
 * both carry are their own (scaled down by the square of the names' window discount).
 */
const MIN_ACTION_COVER = 0.34;
/**
 * Reports that share no name (a crime in «a Krasnoyarsk village», a bill «in the Duma») may still
 * tell one event: when each tells the other's headline well above the bar, action words included.
 */
const NAMELESS_COVER_MARGIN = 0.05;
const NAMELESS_ACTION_COVER = 0.4;
/**
 * …and only when their headlines share at least this many words (two words of a three-word
 * headline, «новость ленты», are a cover of 0.67 and say nothing), and not when both headlines
 * carry numbers and share none of them («выпуск 1», «выпуск 2»: two issues of one column). Both
 * carrying names of their own was tried as a block too: it lost five true pairs of the dev set.
 */
const NAMELESS_MIN_SHARED_WORDS = 3;

/** The numbers of a report's headline. */
const headNumbers = (f: Features): string[] => [...f.head.keys()].filter((stem) => /^\d/.test(stem));

/** Whether a's headline has numbers and none of them is in b's («выпуск 1» against «выпуск 2»). */
function ownNumbers(a: Features, b: Features): boolean {
  const numbers = headNumbers(a);
  return numbers.length > 0 && numbers.every((n) => !b.head.has(n));
}

/**
 * Reports this far apart whose headlines both carry numbers that disagree tell two instances of a
 * recurring event — the night's drones shot down, the rouble past another mark — not one.
 */
const LATE_MS = 12 * 3600_000;

function numbersDisagree(a: Features, b: Features): boolean {
  const [ofA, ofB] = [headNumbers(a), headNumbers(b)];
  return ofA.length > 0 && ofB.length > 0 && (ofA.some((n) => !b.head.has(n)) || ofB.some((n) => !a.head.has(n)));
}

function sharedHeadWords(a: Features, b: Features): number {
  let shared = 0;
  for (const stem of a.head.keys()) if (b.head.has(stem)) shared++;
  return shared;
}

function namelessJoin(f: Features, member: Features, c: { cover: number; action: number }, bar: number): boolean {
  if (c.cover < bar + NAMELESS_COVER_MARGIN || c.action < NAMELESS_ACTION_COVER) return false;
  if (ownNumbers(f, member) && ownNumbers(member, f)) return false;
  return sharedHeadWords(f, member) >= NAMELESS_MIN_SHARED_WORDS;
}
/**
 * A name few other reports of the window carry, in both headlines («проспект Багратиона»,
 * «Климовск»), anchors two reports to one place and occasion: within ANCHOR_MS they join on a lower
 * cover, as long as some of the action is shared too. Two incidents in one city share only the
 * city, which the window shows to be common.
 */
const MIN_ANCHOR = 1.5;
const ANCHOR_MIN_COVER = 0.2;
const ANCHOR_MIN_ACTION = 0.15;
const ANCHOR_MS = 6 * 3600_000;
/** An anchored fit ranks below every fit that clears the bar. */
const ANCHORED_MARGIN = 0.01;

function threshold(a: Features, b: Features): number {
  const days = Math.abs(a.at - b.at) / 86_400_000;
  return BASE_THRESHOLD + THRESHOLD_PER_DAY * Math.min(days, 2);
}

/** How a report measures against one core member. */
interface Fit {
  /**
   * How far the report is above the bar (negative: below), or undefined if the names or the action
   * they share are too few for one event.
   */
  margin: number | undefined;
  /** The head cover (1 + containment for a near-copy). */
  cover: number;
}

/** A longer report this many times the shorter one's word triples is a text of its own, not a copy. */
const COPY_LENGTH_RATIO = 2;
/** …and copies the shorter one only if the shorter tells this much of its headline. */
const COPY_HEAD = 0.5;

/**
 * Containment of the shorter report's word triples in the other, or 0 when the longer report is
 * much longer and its headline is about something else: a post listing several statements of one
 * press conference contains each short post of one of them, yet leads with another.
 */
function copyShare(f: Features, member: Features): number {
  const copy = containment(f.shingles, member.shingles);
  if (copy < NEAR_COPY) return copy;
  const [short, long] = f.shingles.length <= member.shingles.length ? [f, member] : [member, f];
  if (long.shingles.length <= COPY_LENGTH_RATIO * short.shingles.length) return copy;
  return headTold(long, short) >= COPY_HEAD ? copy : 0;
}

/** A report's fit to one core member. The cheap signals go first: this runs for every candidate. */
function fitTo(f: Features, member: Features, discount: Discount): Fit {
  const copy = copyShare(f, member);
  if (copy >= NEAR_COPY) return { margin: 1 + copy, cover: 1 + copy };
  const c = compare(f, member, discount);
  return { margin: margin(f, member, c, discount), cover: c.cover };
}

function opposed(a: Features, b: Features): boolean {
  return (a.stance === "undoes" && b.stance === "imposes") || (a.stance === "imposes" && b.stance === "undoes");
}

function margin(f: Features, member: Features, c: Comparison, discount: Discount): number | undefined {
  // One headline undoes what the other imposes: a follow-up, however many words they share. A
  // headline that undoes against one that imposes nothing may be the same event told otherwise
  // («Новый год отменяется» against «Деда Мороза лишили резиденции»).
  if (opposed(f, member)) return undefined;
  if (Math.abs(f.at - member.at) > LATE_MS && numbersDisagree(f, member)) return undefined;
  const bar = threshold(f, member);
  if (
    c.cover < bar &&
    c.cover >= ANCHOR_MIN_COVER &&
    c.action >= ANCHOR_MIN_ACTION &&
    Math.abs(f.at - member.at) <= ANCHOR_MS &&
    anchorWeight(f, member, discount) >= MIN_ANCHOR
  ) {
    return ANCHORED_MARGIN;
  }
  if (c.cover < SEED_SHARE * bar) return c.cover - bar;
  if (c.names < MIN_SHARED_NAMES && !namelessJoin(f, member, c, bar)) return undefined;
  // The action must match while the shared names are specific to these reports; once the window
  // shows them to be the day's common names, the discount already lets the action words decide.
  const specific = c.rawNames > 0 ? c.names / c.rawNames : 1;
  if (c.action < MIN_ACTION_COVER * specific * specific) return undefined;
  return c.cover - bar;
}

/**
 * The report's fit to a story, or undefined when it must not join it: a near-copy of any core
 * report joins; otherwise the report's head cover against the seed must come close to the bar (the
 * coherence check), and the best margin over the core decides. The coherence check asks only the
 * cover: whether the names and the action agree is asked of the member the report fits best (a
 * follow-up of the seed's own wording may tell the story as a later core report tells it). The seed
 * goes first: most candidates fail there, and then only the cheap near-copy test runs against the
 * rest of the core.
 */
export function storyFit<Id>(f: Features, story: StoryCore<Id>, discount: Discount = NO_DISCOUNT): number | undefined {
  const [seed, ...rest] = story.members;
  if (!seed) return undefined;
  // A roundup of the day's events joins nothing and takes nothing in, bar a repost of itself.
  if (f.roundup || seed.roundup) {
    const copy = containment(f.shingles, seed.shingles);
    return f.roundup && seed.roundup && copy >= NEAR_COPY ? 1 + copy : undefined;
  }
  const { margin: seedMargin, cover: seedCover } = fitTo(f, seed, discount);
  if (seedMargin !== undefined && seedMargin > 1) return seedMargin;
  const seedBar = threshold(f, seed);
  const coherent = seedMargin === ANCHORED_MARGIN || seedCover >= SEED_SHARE * seedBar;
  if (!coherent) {
    let copy: number | undefined;
    for (const member of rest) {
      const c = copyShare(f, member);
      if (c >= NEAR_COPY && (copy === undefined || 1 + c > copy)) copy = 1 + c;
    }
    return copy;
  }
  let best = seedMargin ?? Number.NEGATIVE_INFINITY;
  for (const member of rest) {
    const m = fitTo(f, member, discount).margin;
    if (m !== undefined && m > best) best = m;
  }
  return best < 0 ? undefined : best;
}

/** The reports' lookup index over the stories of the window. */
export interface StoryIndex<Id> {
  /**
   * The stories sharing most key weight with the report: `weight` weighs each of its keys (by
   * default 1 each), so one rare key can outrank two of the day's common ones.
   */
  candidates(f: Features, keys: readonly string[], windowMs: number, weight?: (key: string) => number): StoryCore<Id>[];
  add(story: StoryCore<Id>): void;
  addKeys(story: StoryCore<Id>, keys: readonly string[]): void;
  /** Forgets stories seeded before `before` (input in time order). */
  prune(before: number): void;
  size(): number;
}

/** Stories a key's lookup visits at most, nearest the report's time first. */
const MAX_WALK = 400;

/** How many stories of a list (ascending by seed time) were seeded at or before `at`. */
function seededBy<Id>(list: readonly StoryCore<Id>[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seedAt <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createStoryIndex<Id>(): StoryIndex<Id> {
  // Per key, its stories by seed time (ascending): a lookup walks back from the newest and stops at
  // the window's edge instead of visiting every story of a common key.
  const byKey = new Map<string, StoryCore<Id>[]>();
  const all = new Set<StoryCore<Id>>();
  function insert(key: string, story: StoryCore<Id>): void {
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    let i = list.length;
    while (i > 0 && list[i - 1]!.seedAt > story.seedAt) i--;
    list.splice(i, 0, story);
  }
  return {
    candidates(f, keys, windowMs, weight) {
      const hits = new Map<StoryCore<Id>, number>();
      for (const key of keys) {
        const list = byKey.get(key);
        if (!list) continue;
        const w = weight ? weight(key) : 1;
        // From the last story seeded within the window after the report, back to its start, and no
        // further than MAX_WALK stories: a key that common weighs next to nothing, and walking all
        // of its stories made a busy window's assignment cost grow with the window.
        const end = seededBy(list, f.at + windowMs);
        for (let i = end - 1; i >= 0 && i >= end - MAX_WALK; i--) {
          const story = list[i]!;
          if (story.seedAt < f.at - windowMs) break;
          hits.set(story, (hits.get(story) ?? 0) + w);
        }
      }
      // Most shared key weight first; among equals the oldest story, so ingest (which loads its
      // candidates in another order) picks the same ones. A busy window gives a report hundreds of
      // hits: only the best MAX_CANDIDATES are kept in order (what a stable sort would give).
      const best: [StoryCore<Id>, number][] = [];
      const before = (a: [StoryCore<Id>, number], b: [StoryCore<Id>, number]) => a[1] > b[1] || (a[1] === b[1] && a[0].seedAt < b[0].seedAt);
      for (const hit of hits) {
        if (best.length === MAX_CANDIDATES) {
          if (!before(hit, best[MAX_CANDIDATES - 1]!)) continue;
          best.pop();
        }
        // Insertion into the sorted few: shift the worse ones down one place.
        let i = best.length;
        best.push(hit);
        while (i > 0 && before(hit, best[i - 1]!)) {
          best[i] = best[i - 1]!;
          i--;
        }
        best[i] = hit;
      }
      return best.map(([story]) => story);
    },
    add(story) {
      all.add(story);
      for (const key of story.keys) insert(key, story);
    },
    addKeys(story, keys) {
      for (const key of keys) {
        if (story.keys.has(key)) continue;
        story.keys.add(key);
        insert(key, story);
      }
    },
    prune(before) {
      for (const story of all) if (story.seedAt < before) all.delete(story);
      for (const [key, list] of byKey) {
        let drop = 0;
        while (drop < list.length && list[drop]!.seedAt < before) drop++;
        if (drop === list.length) byKey.delete(key);
        else if (drop > 0) list.splice(0, drop);
      }
    },
    size: () => all.size,
  };
}

export type Assignment<Id> =
  | { kind: "joined"; story: StoryCore<Id>; features: Features; keys: string[]; joinedCore: boolean }
  | { kind: "new"; story: StoryCore<Id>; features: Features; keys: string[] };

/** A report ready for assignment: its features and lookup keys. */
export interface PreparedReport {
  features: Features;
  keys: string[];
}

export function prepareReport(input: StoryInput): PreparedReport {
  const features = extractFeatures(input);
  return { features, keys: lookupKeys(features) };
}

/**
 * Assigns one report against the index and updates the index: the report joins the best story
 * (entering its core while the core is small) or becomes the seed of a new story.
 */
export function assignReport<Id>(
  report: PreparedReport,
  index: StoryIndex<Id>,
  stats: KeyStats,
  settings: StorySettings,
  newId: () => Id,
): Assignment<Id> {
  const { features, keys } = report;
  const discountFor = windowDiscount(stats, features.at, settings.windowMs);
  const own = new Set(keys);
  let best: StoryCore<Id> | undefined;
  let bestFit = 0;
  // Candidates are ranked by their shared keys' window discount: a story sharing one rare name
  // («Nissan») comes before stories sharing two of the day's common ones.
  const keyWeight = discountFor((stem) => own.has(stem));
  for (const story of index.candidates(features, keys, settings.windowMs, keyWeight)) {
    const fit = storyFit(features, story, discountFor((stem) => own.has(stem) || story.keys.has(stem)));
    if (fit !== undefined && (best === undefined || fit > bestFit)) {
      best = story;
      bestFit = fit;
    }
  }
  if (best) {
    const joinedCore = best.members.length < CORE_SIZE;
    const story = best;
    if (joinedCore) {
      story.members.push(features);
      index.addKeys(story, keys);
    }
    for (const key of keys) stats.add(key, features.at);
    return { kind: "joined", story, features, keys, joinedCore };
  }
  const story: StoryCore<Id> = { id: newId(), members: [features], seedAt: features.at, keys: new Set(keys) };
  index.add(story);
  for (const key of keys) stats.add(key, features.at);
  return { kind: "new", story, features, keys };
}

/** Stories for a time-ordered stream of reports, without a database (`vestnik stories`). */
export function createStoryClusterer(settings: StorySettings = { windowMs: DEFAULT_STORY_WINDOW_MS }) {
  const index = createStoryIndex<number>();
  const stats = createKeyStats();
  let next = 1;
  let latest = Number.NEGATIVE_INFINITY;
  let sincePrune = 0;
  return {
    assign(input: StoryInput): { storyId: number; isNew: boolean } {
      const result = assignReport(prepareReport(input), index, stats, settings, () => next++);
      latest = Math.max(latest, input.publishedAt.getTime());
      if (++sincePrune >= 1000) {
        sincePrune = 0;
        // Reports may arrive a little out of order: keep twice the window.
        index.prune(latest - 2 * settings.windowMs);
        stats.prune(latest - 2 * settings.windowMs);
      }
      return { storyId: result.story.id, isNew: result.kind === "new" };
    },
  };
}
