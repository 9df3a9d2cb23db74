import { onButton } from "../button-route.js";
import { Composer, InlineKeyboard } from "grammy";
import { ALERT_BUTTONS, encodeAlertButton, type AlertButton } from "../../alerts/buttons.js";
import { DEFAULT_QUIET_HOURS, type AlertOverview, type AlertService } from "../../alerts/service.js";
import { formatMinute, parseMinute } from "../../digest/schedule.js";
import type { ArticleListItem, NewsQueries } from "../../news/queries.js";
import type { TopicService } from "../../topics/service.js";
import type { SubscriptionRef } from "../../db/repositories/index.js";
import { channelName } from "../../digest/channels.js";
import { checkChannelAccess, refuseChannel, switcherChoices, type Access, type ChannelAccessDeps } from "../channel-access.js";
import type { Context } from "../context.js";
import { renderArticleList } from "../render.js";
import { chatKey, topicOf } from "../subscription-key.js";
import { escapeHtml, truncate } from "../../shared/telegram-html.js";
import { cannotEdit, notModified } from "../telegram-conditions.js";

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
  /**
   * Channels a reader manages from their private chat: `/alert @channel …`, `/alerts @channel`,
   * `/quiet @channel …` and the channel's /alerts buttons, each after checking that the reader
   * still manages it (as /settings does). Without it, alerts are only for the chat at hand.
   */
  channelAccess?: ChannelAccessDeps;
}

/** Whose alerts a command or button is about: the chat (or forum topic) at hand, or a managed channel. */
interface AlertTarget {
  ref: SubscriptionRef;
  channel?: { chatId: number; name: string };
}

/** `@channel` at the start of a private chat's command, and what follows it. */
const CHANNEL_TARGET = /^@([A-Za-z][A-Za-z0-9_]{3,31})(?:\s+([\s\S]*))?$/;

function overviewText(ctx: Context, deps: AlertsDeps, view: AlertOverview, target: AlertTarget): string {
  // In a group the list is the group's, which its administrators keep, not the reader's own.
  const group = !target.channel && (ctx.chat?.type === "group" || ctx.chat?.type === "supergroup");
  const lines = [`${ctx.t(group ? "alerts-title-group" : "alerts-title")} · ${ctx.t("alerts-count", { count: view.watches.length, limit: view.limit })}`];
  if (target.channel) lines.unshift(ctx.t("alerts-for", { chat: escapeHtml(target.channel.name) }));
  const none = target.channel ? "alerts-none-channel" : group ? "alerts-none-group" : "alerts-none";
  if (view.watches.length === 0) lines.push("", ctx.t(none, { chat: escapeHtml(target.channel?.name ?? "") }));
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

/** The chats a reader can switch /alerts between: their own, then the channels they manage. */
type Choices = Awaited<ReturnType<typeof switcherChoices>>;

function overviewKeyboard(ctx: Context, deps: AlertsDeps, view: AlertOverview, target: AlertTarget, choices: Choices): InlineKeyboard {
  // A channel's buttons name the channel, so a press changes that channel's alerts only.
  const chatId = target.channel?.chatId;
  const data = (button: AlertButton) => encodeAlertButton(chatId === undefined ? button : { ...button, chatId });
  const keyboard = new InlineKeyboard();
  for (const watch of view.watches) {
    const name = truncate(deps.alerts.describe(watch, ctx.locale), BUTTON_WATCH_LENGTH);
    keyboard.text(ctx.t("alerts-button-remove", { watch: name }), data({ op: "remove", watchId: watch.id }));
    if (watch.muted) keyboard.text(ctx.t("alerts-button-unmute", { watch: name }), data({ op: "unmute", watchId: watch.id }));
    keyboard.row();
  }
  const paused = view.settings.paused;
  keyboard.text(ctx.t(paused ? "alerts-button-resume" : "alerts-button-pause"), data({ op: "pause", on: !paused })).row();
  const quietOn = view.settings.quiet !== null;
  keyboard.text(ctx.t(quietOn ? "alerts-button-quiet-off" : "alerts-button-quiet-on"), data({ op: "quiet", on: !quietOn }));
  if (choices && choices.length > 1) {
    keyboard.row();
    for (const choice of choices) {
      const label = choice.name ?? ctx.t("settings-switch-own");
      const shown = choice.chatId === chatId ? `✅ ${label}` : label;
      keyboard.text(shown, encodeAlertButton(choice.chatId === undefined ? { op: "show" } : { op: "show", chatId: choice.chatId }));
    }
  }
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
  const { alerts, channelAccess } = deps;
  const allowed = (ctx: Context) => (deps.canManage ? deps.canManage(ctx) : Promise.resolve(true));

  const showOverview = async (ctx: Context, target: AlertTarget, mode: "reply" | "edit") => {
    const view = await alerts.overview(target.ref);
    const choices = channelAccess ? await switcherChoices(ctx, channelAccess.channels) : [];
    const text = overviewText(ctx, deps, view, target);
    // A group member may read the group's alerts but not change them: buttons every press of
    // which is refused would only invite the presses.
    const readOnly = mode === "reply" && !target.channel && !(await allowed(ctx));
    const options = readOnly ? {} : { reply_markup: overviewKeyboard(ctx, deps, view, target, choices) };
    if (mode === "reply") return void (await ctx.reply(text, options));
    try {
      await ctx.editMessageText(text, options);
    } catch (error) {
      if (notModified(error)) return;
      // A menu deleted or too old to change: the overview comes as a new message.
      if (!cannotEdit(error)) throw error;
      await ctx.reply(text, options);
    }
  };

  /** A channel the reader manages, checked with Telegram (anew for changes); undefined after refusing. */
  const channelTarget = async (ctx: Context, chatId: number, changes: boolean): Promise<AlertTarget | undefined> => {
    const access: Access = channelAccess ? await checkChannelAccess(ctx, channelAccess, chatId, changes) : { kind: "not-manager" };
    if (access.kind !== "ok") {
      await refuseChannel(ctx, access);
      return undefined;
    }
    return { ref: chatId, channel: { chatId, name: access.name } };
  };

  /**
   * Whose alerts a command changes or shows, and the rest of its input: `@channel …` in a private
   * chat names a channel the reader manages; anything else is the chat (or forum topic) at hand,
   * where in groups only administrators may change alerts. Undefined after refusing.
   */
  const commandTarget = async (
    ctx: Context & { chat: { id: number } },
    input: string,
    changes: boolean,
  ): Promise<{ target: AlertTarget; rest: string } | undefined> => {
    const named = channelAccess && ctx.chat.type === "private" ? CHANNEL_TARGET.exec(input) : null;
    if (named) {
      const wanted = `@${named[1]!}`;
      const managed = (await channelAccess!.channels.listFor(ctx.chat.id)).find((c) => channelName(c).toLowerCase() === wanted.toLowerCase());
      if (!managed) {
        await ctx.reply(ctx.t("alert-channel-unknown", { channel: escapeHtml(wanted) }));
        return undefined;
      }
      const target = await channelTarget(ctx, managed.chatId, changes);
      return target && { target, rest: (named[2] ?? "").trim() };
    }
    if (changes && !(await allowed(ctx))) {
      await ctx.reply(ctx.t("alert-admins-only"));
      return undefined;
    }
    return { target: { ref: chatKey(ctx) }, rest: input };
  };

  composer.command("alert", async (ctx) => {
    const resolved = await commandTarget(ctx, ctx.match.trim(), true);
    if (!resolved) return;
    const { target, rest: input } = resolved;
    if (!input) return void (await ctx.reply(ctx.t("alert-usage")));
    const result = await alerts.add(target.ref, input);
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
    const added = target.channel
      ? ctx.t(result.topic ? "alert-added-topic-channel" : "alert-added-channel", { watch, channel: escapeHtml(target.channel.name) })
      : ctx.t(result.topic ? "alert-added-topic" : "alert-added", { watch });
    const header = `${added}\n\n${ctx.t(latest.length > 0 ? "alert-last-match" : "alert-no-match-yet")}`;
    const { text } = renderArticleList(latest, { header, locale: ctx.locale, timeZone: ctx.timeZone, untitled: ctx.t("untitled") });
    await ctx.reply(text);
  });

  composer.command("alerts", async (ctx) => {
    const resolved = await commandTarget(ctx, ctx.match.trim(), false);
    if (resolved) await showOverview(ctx, resolved.target, "reply");
  });

  composer.command("quiet", async (ctx) => {
    const resolved = await commandTarget(ctx, ctx.match.trim(), true);
    if (!resolved) return;
    const { target } = resolved;
    const input = resolved.rest.toLowerCase();
    if (input === "off" || input === "выкл" || input === "нет") {
      await alerts.setQuiet(target.ref, null);
      return void (await ctx.reply(ctx.t("quiet-off")));
    }
    const quiet = parseQuietHours(input);
    if (!quiet) return void (await ctx.reply(ctx.t("quiet-usage")));
    await alerts.setQuiet(target.ref, quiet);
    const { timeZone } = await alerts.overview(target.ref);
    await ctx.reply(ctx.t("quiet-set", { start: formatMinute(quiet.start), end: formatMinute(quiet.end), timeZone: escapeHtml(timeZone) }));
  });

  onButton(composer, ALERT_BUTTONS, async (ctx, button) => {
    const changes = button.op !== "show";
    let target: AlertTarget | undefined;
    if (button.chatId !== undefined) {
      target = await channelTarget(ctx, button.chatId, changes);
      if (!target) return;
    } else {
      const chatId = ctx.chat?.id;
      if (chatId === undefined) return void (await ctx.answerCallbackQuery());
      // Scoped to the chat (and forum topic) the button is in: a forged button naming another
      // chat's watch finds nothing.
      target = { ref: { chatId, threadId: topicOf(ctx) } };
      // Showing the overview also asks for rights: in a group it turns the shared settings menu
      // into the alerts menu, which the settings menu's own views leave to administrators too.
      if (!(await allowed(ctx))) return void (await ctx.answerCallbackQuery({ text: ctx.t("alert-toast-admins-only") }));
    }
    const { ref } = target;
    const toast = (key: string, watch: { query: string; topic: string | null }) =>
      ctx.answerCallbackQuery({ text: ctx.t(key, { watch: truncate(alerts.describe(watch, ctx.locale), 100) }) });
    switch (button.op) {
      case "show":
        break;
      case "mute":
      case "unmute": {
        const watch = await alerts.setMuted(ref, button.watchId, button.op === "mute");
        if (!watch) return void (await ctx.answerCallbackQuery({ text: ctx.t("alert-toast-gone") }));
        if (button.op === "unmute") await showOverview(ctx, target, "edit");
        return void (await toast(button.op === "mute" ? "alert-toast-muted" : "alert-toast-unmuted", watch));
      }
      case "remove": {
        const watch = await alerts.remove(ref, button.watchId);
        if (!watch) return void (await ctx.answerCallbackQuery({ text: ctx.t("alert-toast-gone") }));
        await showOverview(ctx, target, "edit");
        return void (await toast("alert-toast-removed", watch));
      }
      case "pause":
        await alerts.setPaused(ref, button.on);
        break;
      case "quiet":
        await alerts.setQuiet(ref, button.on ? DEFAULT_QUIET_HOURS : null);
        break;
    }
    await showOverview(ctx, target, "edit");
    await ctx.answerCallbackQuery();
  });

  return composer;
}
