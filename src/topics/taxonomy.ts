// The built-in topics, in the order tags are reported. Lexicon data lives in ./lexicon/ by topic group.
import { caucasus } from "./lexicon/caucasus.js";
import { centralAsia } from "./lexicon/central-asia.js";
import { economy, energy, sanctions } from "./lexicon/economy.js";
import { russia, ukraine } from "./lexicon/russia-ukraine.js";
import { security } from "./lexicon/security.js";
import { culture, ecology, incidents, sport, technology } from "./lexicon/society.js";
import { china, europe, middleEast, usa } from "./lexicon/world.js";
import type { Topic } from "./types.js";

export type { LexiconTerm, Topic, TopicLexicon, TopicNames } from "./types.js";
export { DEFAULT_THRESHOLD } from "./types.js";

/** The built-in topics that are places: a source can have one of them as its home region. */
const REGIONS = new Set([centralAsia, caucasus, russia, ukraine, china, europe, usa, middleEast].map((t) => t.slug));

export const BUILTIN_TOPICS: readonly Topic[] = Object.freeze([
  centralAsia,
  caucasus,
  russia,
  ukraine,
  china,
  europe,
  usa,
  middleEast,
  energy,
  economy,
  sanctions,
  security,
  technology,
  sport,
  culture,
  incidents,
  ecology,
].map((topic): Topic => (REGIONS.has(topic.slug) ? { ...topic, region: true } : topic)));

/** Slugs of the built-in topics, in order. */
export const BUILTIN_SLUGS: readonly string[] = BUILTIN_TOPICS.map((t) => t.slug);
