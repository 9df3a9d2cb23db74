import type { ArticleCursor, ArticleListItem, Repositories, StoryListItem, StoryPage } from "../db/repositories/index.js";
import { repairMixedScript } from "../topics/stem.js";

export type { ArticleCursor, ArticleListItem, StoryListItem };

/** A page of a list: stories, each once, placed by their newest matching report. */
export type ArticlePage = StoryPage;

/** Longest search phrase we keep: longer ones only slow the query and never match better. */
export const MAX_QUERY_LENGTH = 256;

/** Cleans a user's search phrase: no control characters, collapsed spaces, bounded length. */
export function cleanQuery(raw: string): string {
  return raw
    // Pasted markup would otherwise turn into required words such as "/i".
    .replace(/<\/?[a-z][^<>]*>/gi, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_QUERY_LENGTH)
    .trim();
}

/** A word in capitals, as a reader types an acronym («СВО», "FTC"): search matches it as written. */
const CAPITALS = /^-?[A-ZА-ЯЁ]{2,6}$/;
/** A capitalised word, as a reader types a name («Рубио»): its capital stays (see shared/query-syntax, nameOf). */
const CAPITALISED = /^-?\p{Lu}\p{Ll}+$/u;

/**
 * The query as the store is searched with: cleaned, and each word typed in two scripts at once
 * («Kорея» with a Latin K, as a phone keyboard may give it) written in one, as alerts read it.
 * Words are lower-cased except those in capitals (see shared/query-syntax, acronymOf) and the
 * capital of a capitalised word (nameOf).
 */
export function searchText(raw: string): string {
  return cleanQuery(raw)
    .split(" ")
    .map((word) => {
      const repaired = repairMixedScript(word.toLowerCase());
      if (CAPITALS.test(word)) return repaired.toUpperCase();
      if (!CAPITALISED.test(word)) return repaired;
      return repaired.replace(/\p{L}/u, (first) => first.toUpperCase());
    })
    .join(" ");
}

export function createNewsQueries(repos: Pick<Repositories, "storyLists" | "searchQueries">) {
  return {
    latest: (limit: number, before?: ArticleCursor): Promise<ArticlePage> => repos.storyLists.latest(limit, before),
    search: (query: string, limit: number, before?: ArticleCursor): Promise<ArticlePage> =>
      repos.storyLists.search(searchText(query), limit, before),
    /** Stores a query for the paging buttons of one chat. */
    rememberQuery: (chatId: number, query: string) => repos.searchQueries.remember(chatId, cleanQuery(query)),
    /** A stored query, only for the chat it was stored for. */
    findQuery: (id: number, chatId: number) => repos.searchQueries.find(id, chatId),
  };
}

export type NewsQueries = ReturnType<typeof createNewsQueries>;
