import { Composer, GrammyError, InlineKeyboard } from "grammy";
import { decodeAlertButton, encodeAlertButton } from "../../alerts/buttons.js";
import { DEFAULT_QUIET_HOURS, type AlertOverview, type AlertService } from "../../alerts/service.js";
import { formatMinute, parseMinute } from "../../digest/schedule.js";
import type { ArticleListItem, NewsQueries } from "../../news/queries.js";
import type { TopicService } from "../../topics/service.js";
import type { Context } from "../context.js";
import { renderArticleList } from "../render.js";
import { escapeHtml, truncate } from "../../shared/telegram-html.js";

/** Longest watch name on a button. */
const BUTTON_WATCH_LENGTH = 28;
const LIST_WATCH_LENGTH = 100;

export interface AlertsDeps {
  alerts: AlertService;
  news: Pick<NewsQueries, "search">;
  topics?: Pick<TopicService, "latest">;
  /** ALERT_HOURLY_CAP, shown in /alerts. */
  hourlyCap: number;
  /**
   * Whether the sender may change this chat's alerts. Groups need an administrator check (the
   * chat-admin feature supplies it); without one, anyone who can talk to the bot may.
   */
  canManage?: (ctx: Context) => Promise<boolean>;
}

function overviewText(ctx: Context, deps: AlertsDeps, view: AlertOverview): string {
  const lines = [`${ctx.t("alerts-title")} · ${ctx.t("alerts-count", { count: view.watches.length, limit: view.limit })}`];
  if (view.watches.length === 0) lines.push("", ctx.t("alerts-none"));
  else {
    lines.push("");
    view.watches.forEach((watch, i) => {
      const name = escapeHtml(truncate(deps.alerts.describe(watch, ctx.locale), LIST_WATCH_LENGTH));
      const line = ctx.t(watch.topic ? "alerts-line-topic" : "alerts-line", { n: i + 1, watch: name });
      lines.push(watch.muted ? `${line} ${ctx.t("alerts-muted-mark")}` : line);
    });
  }
  const quiet = view.settings.quiet;
  lines.push(
    "",
    ctx.t(view.settings.paused ? "alerts-state-paused" : "alerts-state-on"),
    quiet
      ? ctx.t("alerts-quiet", { start: formatMinute(quiet.start), end: formatMinute(quiet.end), timeZone: escapeHtml(view.timeZone) })
      : ctx.t("alerts-quiet-off"),
    ctx.t("alerts-cap", { cap: deps.hourlyCap }),
  );
  return lines.join("\n");
}

function overviewKeyboard(ctx: Context, deps: AlertsDeps, view: AlertOverview): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const watch of view.watches) {
    const name = truncate(deps.alerts.describe(watch, ctx.locale), BUTTON_WATCH_LENGTH);
    keyboard.text(ctx.t("alerts-button-remove", { watch: name }), encodeAlertButton({ op: "remove", watchId: watch.id }));
    if (watch.muted) keyboard.text(ctx.t("alerts-button-unmute", { watch: name }), encodeAlertButton({ op: "unmute", watchId: watch.id }));
    keyboard.row();
  }
  const paused = view.settings.paused;
  keyboard.text(ctx.t(paused ? "alerts-button-resume" : "alerts-button-pause"), encodeAlertButton({ op: "pause", on: !paused })).row();
  const quietOn = view.settings.quiet !== null;
  keyboard.text(ctx.t(quietOn ? "alerts-button-quiet-off" : "alerts-button-quiet-on"), encodeAlertButton({ op: "quiet", on: !quietOn }));
  return keyboard;
}

/** "23:00-08:00", "23-8", "23.00–08.00"; undefined when it is not two times of day. */
export function parseQuietHours(input: string): { start: number; end: number } | undefined {
  const match = /^(\d{1,2}(?:[:.]\d{2})?)\s*[-–—]\s*(\d{1,2}(?:[:.]\d{2})?)$/.exec(input.trim());
  if (!match) return undefined;
  const time = (text: string) => parseMinute(/[:.]/.test(text) ? text : `${text}:00`);
  const start = time(match[1]!);
  const end = time(match[2]!);
  return start === undefined || end === undefined || start === end ? undefined : { start, end };
}

/** `/alert`, `/alerts`, `/quiet`, the /alerts buttons and the mute button under every alert. */
export function createAlertsFeature(deps: AlertsDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const { alerts } = deps;
  const allowed = (ctx: Context) => (deps.canManage ? deps.canManage(ctx) : Promise.resolve(true));

  const showOverview = async (ctx: Context, mode: "reply" | "edit") => {
    const view = await alerts.overview(ctx.chat!.id);
    const text = overviewText(ctx, deps, view);
    const options = { reply_markup: overviewKeyboard(ctx, deps, view) };
    if (mode === "reply") return void (await ctx.reply(text, options));
    try {
      await ctx.editMessageText(text, options);
    } catch (error) {
      if (!(error instanceof GrammyError && error.description.includes("message is not modified"))) throw error;
    }
  };

  composer.command("alert", async (ctx) => {
    if (!(await allowed(ctx))) return void (await ctx.reply(ctx.t("alert-admins-only")));
    const input = ctx.match.trim();
    if (!input) return void (await ctx.reply(ctx.t("alert-usage")));
    const result = await alerts.add(ctx.chat.id, input);
    switch (result.kind) {
      case "empty":
        return void (await ctx.reply(ctx.t("alert-empty-query")));
      case "unknown-topic":
        return void (await ctx.reply(ctx.t("alert-unknown-topic", { name: escapeHtml(truncate(result.name, LIST_WATCH_LENGTH)) })));
      case "limit":
        return void (await ctx.reply(ctx.t("alert-limit", { limit: result.limit })));
      case "duplicate":
        return void (await ctx.reply(ctx.t("alert-duplicate", { watch: escapeHtml(alerts.describe(result.watch, ctx.locale)) })));
    }
    const watch = escapeHtml(truncate(alerts.describe(result.watch, ctx.locale), LIST_WATCH_LENGTH));
    let latest: ArticleListItem[] = [];
    if (result.topic && deps.topics) latest = (await deps.topics.latest(result.topic.slug, 1)).items;
    else if (!result.topic) latest = (await deps.news.search(result.watch.query, 1)).items;
    const added = ctx.t(result.topic ? "alert-added-topic" : "alert-added", { watch });
    const header = `${added}\n\n${ctx.t(latest.length > 0 ? "alert-last-match" : "alert-no-match-yet")}`;
    const { text } = renderArticleList(latest, { header, locale: ctx.locale, timeZone: ctx.timeZone, untitled: ctx.t("untitled") });
    await ctx.reply(text);
  });

  composer.command("alerts", (ctx) => showOverview(ctx, "reply"));

  composer.command("quiet", async (ctx) => {
    if (!(await allowed(ctx))) return void (await ctx.reply(ctx.t("alert-admins-only")));
    const input = ctx.match.trim().toLowerCase();
    if (input === "off" || input === "выкл" || input === "нет") {
      await alerts.setQuiet(ctx.chat.id, null);
      return void (await ctx.reply(ctx.t("quiet-off")));
    }
    const quiet = parseQuietHours(input);
    if (!quiet) return void (await ctx.reply(ctx.t("quiet-usage")));
    await alerts.setQuiet(ctx.chat.id, quiet);
    const { timeZone } = await alerts.overview(ctx.chat.id);
    await ctx.reply(ctx.t("quiet-set", { start: formatMinute(quiet.start), end: formatMinute(quiet.end), timeZone: escapeHtml(timeZone) }));
  });

  composer.on("callback_query:data", async (ctx, next) => {
    const button = decodeAlertButton(ctx.callbackQuery.data);
    if (!button) return next();
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return void (await ctx.answerCallbackQuery());
    if (button.op === "show") {
      await showOverview(ctx, "edit");
      return void (await ctx.answerCallbackQuery());
    }
    if (!(await allowed(ctx))) return void (await ctx.answerCallbackQuery({ text: ctx.t("alert-toast-admins-only") }));
    const toast = (key: string, watch: { query: string; topic: string | null }) =>
      ctx.answerCallbackQuery({ text: ctx.t(key, { watch: truncate(alerts.describe(watch, ctx.locale), 100) }) });
    switch (button.op) {
      case "mute":
      case "unmute": {
        // Scoped to the chat the button is in: a forged button naming another chat's watch finds nothing.
        const watch = await alerts.setMuted(chatId, button.watchId, button.op === "mute");
        if (!watch) return void (await ctx.answerCallbackQuery({ text: ctx.t("alert-toast-gone") }));
        if (button.op === "unmute") await showOverview(ctx, "edit");
        return void (await toast(button.op === "mute" ? "alert-toast-muted" : "alert-toast-unmuted", watch));
      }
      case "remove": {
        const watch = await alerts.remove(chatId, button.watchId);
        if (!watch) return void (await ctx.answerCallbackQuery({ text: ctx.t("alert-toast-gone") }));
        await showOverview(ctx, "edit");
        return void (await toast("alert-toast-removed", watch));
      }
      case "pause":
        await alerts.setPaused(chatId, button.on);
        break;
      case "quiet":
        await alerts.setQuiet(chatId, button.on ? DEFAULT_QUIET_HOURS : null);
        break;
    }
    await showOverview(ctx, "edit");
    await ctx.answerCallbackQuery();
  });

  return composer;
}
