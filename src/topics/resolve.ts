// Maps what a reader types («центральная азия», "Central Asia", `central-asia`, «ЦА», «Центральной
// Азии») to a topic. Two keys per name: the normalised text (case, ё, hyphens and underscores
// ignored) and its stem sequence, so inflected forms resolve too. When two topics claim a key, the
// one listed first keeps it.
import { tokenize } from "./stem.js";
import type { Topic } from "./types.js";

export interface TopicResolver {
  /** The topic a single phrase names, if any. */
  resolve(phrase: string): Topic | undefined;
  /**
   * Several topics from free input: comma- or semicolon-separated phrases, each of which may also be
   * a space-separated run of names (`central-asia energy`, `Central Asia energy`). Multi-word names
   * win over splitting them. Unrecognised words are returned as they were typed, consecutive ones
   * joined; topics come in order of first mention, without duplicates.
   */
  resolveList(input: string): { topics: Topic[]; unknown: string[] };
}

/** Longest name, in words, worth trying when splitting a run of words. */
const MAX_NAME_WORDS = 5;

export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("ё", "е")
    .replace(/[^\p{L}\p{N}&]+/gu, " ")
    .trim();
}

function stemKey(text: string): string {
  return tokenize(text).join(" ");
}

export function createTopicResolver(topics: readonly Topic[]): TopicResolver {
  const byName = new Map<string, Topic>();
  const byStems = new Map<string, Topic>();
  for (const topic of topics) {
    for (const name of [topic.slug, topic.names.ru, topic.names.en, ...topic.aliases]) {
      const key = normalizeName(name);
      if (key !== "" && !byName.has(key)) byName.set(key, topic);
      const stems = stemKey(name);
      if (stems !== "" && !byStems.has(stems)) byStems.set(stems, topic);
    }
  }

  function resolve(phrase: string): Topic | undefined {
    const key = normalizeName(phrase);
    if (key === "") return undefined;
    return byName.get(key) ?? byStems.get(stemKey(key));
  }

  function resolveList(input: string): { topics: Topic[]; unknown: string[] } {
    const found: Topic[] = [];
    const unknown: string[] = [];
    const add = (topic: Topic): void => {
      if (!found.includes(topic)) found.push(topic);
    };
    for (const chunk of input.split(/[,;\n]+/)) {
      const phrase = chunk.trim();
      if (phrase === "") continue;
      const whole = resolve(phrase);
      if (whole) {
        add(whole);
        continue;
      }
      const words = phrase.split(/\s+/);
      let pending: string[] = [];
      let i = 0;
      while (i < words.length) {
        let matched = 0;
        for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
          const topic = resolve(words.slice(i, i + n).join(" "));
          if (topic) {
            add(topic);
            matched = n;
            break;
          }
        }
        if (matched === 0) {
          pending.push(words[i]!);
          i++;
          continue;
        }
        if (pending.length > 0) unknown.push(pending.join(" "));
        pending = [];
        i += matched;
      }
      if (pending.length > 0) unknown.push(pending.join(" "));
    }
    return { topics: found, unknown };
  }

  return { resolve, resolveList };
}
