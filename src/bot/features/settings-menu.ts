import { InlineKeyboard } from "grammy";
import { formatDigestTime, QUICK_DIGEST_MINUTES, QUICK_TIME_ZONES, type SubscriptionSummary, type TopicCatalog } from "../../digest/subscriptions.js";
import { decodeAlertButton, encodeAlertButton } from "../../alerts/buttons.js";
import { decodeCallback, encodeCallback, type SettingsAction, type SettingsView } from "../callback-data.js";
import type { Context } from "../context.js";
import { describeTopics } from "./subscribe.js";
import type { Locale } from "../../shared/locale.js";
import { escapeHtml } from "../../shared/telegram-html.js";

/** Languages named in themselves, so a reader who picked the wrong one can still find theirs. */
export const LANGUAGE_NAMES: Record<Locale, string> = { ru: "Русский", en: "English" };

const CHECK = "✅ ";
const TIMES_PER_ROW = 3;
const ZONES_PER_ROW = 2;
const TOPICS_PER_ROW = 2;

export interface Menu {
  text: string;
  keyboard?: InlineKeyboard;
}

const data = (action: SettingsAction) => encodeCallback({ kind: "settings", action });
const checked = (on: boolean, label: string) => (on ? CHECK + label : label);

/** Lays buttons out `perRow` to a row. */
function grid(keyboard: InlineKeyboard, buttons: Array<[label: string, action: SettingsAction]>, perRow: number): InlineKeyboard {
  buttons.forEach(([label, action], i) => {
    if (i > 0 && i % perRow === 0) keyboard.row();
    keyboard.text(label, data(action));
  });
  return keyboard.row();
}

function backRow(ctx: Context, keyboard: InlineKeyboard): InlineKeyboard {
  return keyboard.text(ctx.t("settings-button-back"), data({ op: "show", view: "main" }));
}

/** The state lines every settings screen starts from. */
export function summaryText(ctx: Context, summary: SubscriptionSummary): string {
  const digest = summary.blocked
    ? ctx.t("settings-digest-blocked")
    : ctx.t(summary.subscribed ? "settings-digest-on" : "settings-digest-off");
  const language = summary.language
    ? LANGUAGE_NAMES[summary.language]
    : ctx.t("settings-language-auto", { language: LANGUAGE_NAMES[ctx.locale] });
  return ctx.t("settings-summary", {
    digest,
    time: summary.digestTime,
    timeZone: escapeHtml(summary.timeZone),
    localTime: summary.localTime,
    topics: describeTopics(ctx, summary.topics),
    language: escapeHtml(language),
  });
}

function mainMenu(ctx: Context, summary: SubscriptionSummary): Menu {
  const active = summary.subscribed && !summary.blocked;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("settings-button-time"), data({ op: "show", view: "time" }))
    .text(ctx.t("settings-button-zone"), data({ op: "show", view: "zone" }))
    .row()
    .text(ctx.t("settings-button-topics"), data({ op: "show", view: "topics" }))
    .text(ctx.t("settings-button-language"), data({ op: "show", view: "language" }))
    .row()
    .text(ctx.t(active ? "settings-button-digest-off" : "settings-button-digest-on"), data({ op: "digest", on: !active }))
    .row()
    // Opens /alerts in place of this menu (handled by the alerts feature).
    .text(ctx.t("settings-button-alerts"), encodeAlertButton({ op: "show" }))
    .row()
    .text(ctx.t("settings-button-done"), data({ op: "close" }));
  return { text: `${ctx.t("settings-title")}\n\n${summaryText(ctx, summary)}`, keyboard };
}

function timeMenu(ctx: Context, summary: SubscriptionSummary): Menu {
  const buttons = QUICK_DIGEST_MINUTES.map((minute): [string, SettingsAction] => [
    checked(minute === summary.digestMinute, formatDigestTime(minute)),
    { op: "time", minute },
  ]);
  return {
    text: ctx.t("settings-time-menu", { time: summary.digestTime, timeZone: escapeHtml(summary.timeZone) }),
    keyboard: backRow(ctx, grid(new InlineKeyboard(), buttons, TIMES_PER_ROW)),
  };
}

function zoneMenu(ctx: Context, summary: SubscriptionSummary): Menu {
  const buttons = QUICK_TIME_ZONES.map(({ zone, names }): [string, SettingsAction] => [
    checked(zone === summary.timeZone, names[ctx.locale]),
    { op: "zone", zone },
  ]);
  return {
    text: ctx.t("settings-zone-menu", { timeZone: escapeHtml(summary.timeZone), localTime: summary.localTime }),
    keyboard: backRow(ctx, grid(new InlineKeyboard(), buttons, ZONES_PER_ROW)),
  };
}

function topicsMenu(ctx: Context, summary: SubscriptionSummary, catalog: TopicCatalog): Menu {
  const chosen = new Set(summary.topics.map((t) => t.slug));
  const keyboard = new InlineKeyboard().text(checked(chosen.size === 0, ctx.t("settings-button-all-news")), data({ op: "all-news" })).row();
  const buttons = catalog.topics.map((topic): [string, SettingsAction] => {
    const on = chosen.has(topic.slug);
    return [checked(on, topic.names[ctx.locale]), { op: "topic", slug: topic.slug, on: !on }];
  });
  return { text: ctx.t("settings-topics-menu"), keyboard: backRow(ctx, grid(keyboard, buttons, TOPICS_PER_ROW)) };
}

function languageMenu(ctx: Context, summary: SubscriptionSummary): Menu {
  const current = summary.language ?? ctx.locale;
  const buttons = (Object.keys(LANGUAGE_NAMES) as Locale[]).map((locale): [string, SettingsAction] => [
    checked(locale === current, LANGUAGE_NAMES[locale]),
    { op: "language", locale },
  ]);
  return { text: ctx.t("settings-language-menu"), keyboard: backRow(ctx, grid(new InlineKeyboard(), buttons, 2)) };
}

/**
 * Whose settings a menu shows: the chat it hangs in (no `chatId`), or a channel managed from a
 * private chat. `choices` are the chats the reader can switch between (own chat first).
 */
export interface MenuTarget {
  chatId?: number;
  name?: string;
  choices?: ReadonlyArray<{ chatId?: number; name?: string }>;
}

/**
 * Points every button of a screen at the target chat, so a press changes that chat only (the
 * alerts button then opens the channel's alerts).
 */
function retarget(keyboard: InlineKeyboard, chatId: number): InlineKeyboard {
  for (const row of keyboard.inline_keyboard) {
    for (const button of row) {
      if (!("callback_data" in button)) continue;
      const decoded = decodeCallback(button.callback_data);
      if (decoded?.kind === "settings") button.callback_data = encodeCallback({ kind: "settings", action: decoded.action, chatId });
      const alert = decoded ? undefined : decodeAlertButton(button.callback_data);
      if (alert) button.callback_data = encodeAlertButton({ ...alert, chatId });
    }
  }
  return keyboard;
}

/** "Settings for: ✅ my chat · @channel" — one button per chat the reader manages. */
function switcherRow(ctx: Context, keyboard: InlineKeyboard, target: MenuTarget): void {
  const choices = target.choices ?? [];
  if (choices.length < 2) return;
  keyboard.row();
  for (const choice of choices) {
    const label = checked(choice.chatId === target.chatId, choice.name ?? ctx.t("settings-switch-own"));
    keyboard.text(label, encodeCallback({ kind: "settings", action: { op: "show", view: "main" }, chatId: choice.chatId }));
  }
}

/** One screen of the /settings menu for a target chat (see MenuTarget), with the chat switcher on the main screen. */
export function renderTargetSettings(
  ctx: Context,
  view: SettingsView,
  summary: SubscriptionSummary,
  catalog: TopicCatalog,
  target: MenuTarget,
): Menu {
  const menu = renderSettings(ctx, view, summary, catalog);
  const keyboard = menu.keyboard && target.chatId !== undefined ? retarget(menu.keyboard, target.chatId) : menu.keyboard;
  if (keyboard && view === "main") switcherRow(ctx, keyboard, target);
  const switchable = (target.choices?.length ?? 0) > 1;
  const shown = target.name ?? (switchable ? ctx.t("settings-switch-own") : undefined);
  const head = shown === undefined ? "" : `${ctx.t("settings-for", { chat: escapeHtml(shown) })}\n`;
  return { text: head + menu.text, keyboard };
}

/** One screen of the /settings menu, rendered from the reader's current state. */
export function renderSettings(ctx: Context, view: SettingsView, summary: SubscriptionSummary, catalog: TopicCatalog): Menu {
  switch (view) {
    case "main":
      return mainMenu(ctx, summary);
    case "time":
      return timeMenu(ctx, summary);
    case "zone":
      return zoneMenu(ctx, summary);
    case "topics":
      return topicsMenu(ctx, summary, catalog);
    case "language":
      return languageMenu(ctx, summary);
  }
}

/** What the menu turns into on "Done": the settings, without buttons. */
export function closedSettings(ctx: Context, summary: SubscriptionSummary): Menu {
  return { text: `${ctx.t("settings-closed")}\n\n${summaryText(ctx, summary)}` };
}
