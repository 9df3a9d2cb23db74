import { onButton } from "../button-route.js";
import { Composer } from "grammy";
import type { NewsQueries } from "../../news/queries.js";
import { encodeCallback, LATEST_BUTTONS, MAX_PAGE_SIZE } from "../callback-data.js";
import type { Context } from "../context.js";
import { showArticlePage } from "../paging.js";

export const DEFAULT_LATEST = 5;
export const MAX_LATEST = MAX_PAGE_SIZE;

export type LatestCount = { count: number; clamped: boolean } | undefined;

/**
 * `/latest` argument: empty → default; a positive whole number → that many, capped at MAX_LATEST
 * (`clamped` says so). Anything else (`abc`, `-5`, `0`, `1.5`, `5 6`) is undefined: show usage.
 */
export function parseLatestCount(arg: string): LatestCount {
  const text = arg.trim();
  if (text === "") return { count: DEFAULT_LATEST, clamped: false };
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  if (n === 0) return undefined;
  return n > MAX_LATEST ? { count: MAX_LATEST, clamped: true } : { count: n, clamped: false };
}

export interface LatestDeps {
  news: Pick<NewsQueries, "latest">;
}

export function createLatestFeature({ news }: LatestDeps): Composer<Context> {
  const composer = new Composer<Context>();

  composer.command("latest", async (ctx) => {
    const parsed = parseLatestCount(ctx.match);
    if (!parsed) {
      await ctx.reply(ctx.t("latest-usage", { max: MAX_LATEST, example: 10 }));
      return;
    }
    const page = await news.latest(parsed.count);
    if (page.items.length === 0) {
      await ctx.reply(ctx.t("latest-empty"));
      return;
    }
    const title = ctx.t("latest-header");
    const header = parsed.clamped ? `${title}\n${ctx.t("latest-clamped", { max: MAX_LATEST })}` : title;
    const size = parsed.count;
    await showArticlePage(ctx, { page, header, olderData: (cursor) => encodeCallback({ kind: "latest", size, cursor }) }, "reply");
  });

  onButton(composer, LATEST_BUTTONS, async (ctx, action) => {
    const { size, cursor } = action;
    const page = await news.latest(size, cursor);
    if (page.items.length === 0) {
      // The articles after this cursor are gone (pruned): the button no longer leads anywhere.
      await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
      return;
    }
    const header = ctx.t("latest-header-older");
    await showArticlePage(ctx, { page, header, olderData: (c) => encodeCallback({ kind: "latest", size, cursor: c }) }, "edit");
    await ctx.answerCallbackQuery();
  });

  return composer;
}
