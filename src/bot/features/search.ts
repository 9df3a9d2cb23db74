import { onButton } from "../button-route.js";
import { Composer } from "grammy";
import { cleanQuery, type ArticleCursor, type NewsQueries } from "../../news/queries.js";
import { encodeCallback, SEARCH_BUTTONS } from "../callback-data.js";
import type { Context } from "../context.js";
import { showArticlePage } from "../paging.js";
import { escapeHtml, truncate } from "../../shared/telegram-html.js";

export const SEARCH_PAGE_SIZE = 10;
/** The query echoed in headers; the search itself uses all of it (up to MAX_QUERY_LENGTH). */
const SHOWN_QUERY_LENGTH = 100;

export interface SearchDeps {
  news: Pick<NewsQueries, "search" | "rememberQuery" | "findQuery">;
}

export function createSearchFeature({ news }: SearchDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const echo = (query: string) => escapeHtml(truncate(query, SHOWN_QUERY_LENGTH));

  composer.command("search", async (ctx) => {
    const query = cleanQuery(ctx.match);
    if (!query) {
      await ctx.reply(ctx.t("search-usage"));
      return;
    }
    const page = await news.search(query, SEARCH_PAGE_SIZE);
    if (page.items.length === 0) {
      await ctx.reply(ctx.t("search-empty", { query: echo(query) }));
      return;
    }
    // The query is stored only when there is a next page to fetch: the button can't hold the text.
    const olderData = async (cursor: ArticleCursor) =>
      encodeCallback({ kind: "search", queryId: await news.rememberQuery(ctx.chat.id, query), cursor });
    await showArticlePage(ctx, { page, header: ctx.t("search-header", { query: echo(query) }), olderData }, "reply");
  });

  onButton(composer, SEARCH_BUTTONS, async (ctx, action) => {
    const { queryId } = action;
    const outdated = () => ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    const chatId = ctx.chat?.id;
    const query = chatId === undefined ? undefined : await news.findQuery(queryId, chatId);
    if (query === undefined) return outdated();
    const page = await news.search(query, SEARCH_PAGE_SIZE, action.cursor);
    if (page.items.length === 0) return outdated();
    const header = ctx.t("search-header-older", { query: echo(query) });
    const olderData = (cursor: ArticleCursor) => encodeCallback({ kind: "search", queryId, cursor });
    await showArticlePage(ctx, { page, header, olderData }, "edit");
    await ctx.answerCallbackQuery();
  });

  return composer;
}
