import type { ArticleCursor, ArticleListItem, Repositories } from "../db/repositories/index.js";

export type { ArticleCursor, ArticleListItem };

export interface ArticlePage {
  items: ArticleListItem[];
  /** Where the next (older) page starts; absent on the last page. */
  next?: ArticleCursor;
}

/** Longest search phrase we keep: longer ones only slow the query and never match better. */
export const MAX_QUERY_LENGTH = 256;

async function page(fetch: (limit: number) => Promise<ArticleListItem[]>, limit: number): Promise<ArticlePage> {
  const rows = await fetch(limit + 1);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return rows.length > limit && last ? { items, next: { publishedAt: last.publishedAt, id: last.id } } : { items };
}

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

export function createNewsQueries(repos: Pick<Repositories, "articles" | "searchQueries">) {
  return {
    latest: (limit: number, before?: ArticleCursor) => page((n) => repos.articles.latest(n, before), limit),
    search: (query: string, limit: number, before?: ArticleCursor) =>
      page((n) => repos.articles.search(cleanQuery(query), n, before), limit),
    /** Stores a query for the paging buttons of one chat. */
    rememberQuery: (chatId: number, query: string) => repos.searchQueries.remember(chatId, cleanQuery(query)),
    /** A stored query, only for the chat it was stored for. */
    findQuery: (id: number, chatId: number) => repos.searchQueries.find(id, chatId),
  };
}

export type NewsQueries = ReturnType<typeof createNewsQueries>;
