import type { ArticleCursor, ArticlePage } from "../news/queries.js";
import type { Context } from "./context.js";
import { olderKeyboard, renderArticleList } from "./render.js";
import { cannotEdit, notModified } from "./telegram-conditions.js";

export interface PageView {
  page: ArticlePage;
  /** Ready HTML above the items. */
  header: string;
  /** Callback data of the button that opens the page after `cursor`. May store state, so only called when needed. */
  olderData: (cursor: ArticleCursor) => string | Promise<string>;
}

/** Where the next page starts: after the last item that fit into the message, not the last one fetched. */
function nextCursor(page: ArticlePage, shown: number): ArticleCursor | undefined {
  if (shown === page.items.length) return page.next;
  const last = page.items[shown - 1];
  return last && { publishedAt: last.publishedAt, id: last.id };
}

/**
 * Sends a page of articles as a new message, or (for a paging button) puts it in place of the
 * message that carried the button, so paging does not flood the chat.
 */
export async function showArticlePage(ctx: Context, view: PageView, mode: "reply" | "edit"): Promise<void> {
  const { text, shown } = renderArticleList(view.page.items, {
    header: view.header,
    locale: ctx.locale,
    timeZone: ctx.timeZone,
    untitled: ctx.t("untitled"),
    others: (count, names) => ctx.t("list-others", { count, names }),
  });
  if (shown === 0) throw new Error("no article fits into a message under this header");
  const next = nextCursor(view.page, shown);
  const keyboard = olderKeyboard(ctx.t("button-older"), next && (await view.olderData(next)));
  const options = { reply_markup: keyboard };
  if (mode === "reply") {
    await ctx.reply(text, options);
    return;
  }
  try {
    await ctx.editMessageText(text, options);
  } catch (error) {
    if (notModified(error)) return;
    if (!cannotEdit(error)) throw error;
    // An old message (or one the user deleted) cannot change: the page comes as a new message.
    await ctx.reply(text, options);
  }
}
