import { onButton } from "../button-route.js";
import { Composer } from "grammy";
import { parseDigestTime, type Subscriptions, type SubscriptionSummary } from "../../digest/subscriptions.js";
import { SETTINGS_BUTTONS, type SettingsAction, type SettingsView } from "../callback-data.js";
import type { Context } from "../context.js";
import { cannotEdit, notModified } from "../telegram-conditions.js";
import { checkChannelAccess, refuseChannel, switcherChoices } from "../channel-access.js";
import { isChatAdmin, refuseNonAdmin, requireChatAdmin, type ChatRights } from "../chat-admin.js";
import type { Channels } from "../../digest/channels.js";
import { closedSettings, renderTargetSettings, type Menu, type MenuTarget } from "./settings-menu.js";
import { describeNext } from "./subscribe.js";
import type { SubscriptionRef } from "../../db/repositories/index.js";
import { chatKey, topicOf } from "../subscription-key.js";
import { escapeHtml, truncate } from "../../shared/telegram-html.js";

/** What a reader typed, echoed back in an error; long junk is cut. */
const MAX_ECHO = 60;

export interface SettingsDeps {
  subscriptions: Subscriptions;
  /** Group admin checks (getChatMember, cached briefly). */
  rights: ChatRights;
  /** Channels managed from private chats: the chat switcher and their settings. */
  channels?: Channels;
}

/** Puts a screen in place of the menu message (a double tap changing nothing is fine). */
async function showInPlace(ctx: Context, menu: Menu): Promise<void> {
  const options = { reply_markup: menu.keyboard };
  try {
    await ctx.editMessageText(menu.text, options);
  } catch (error) {
    if (notModified(error)) return;
    // The menu then comes as a new message.
    if (!cannotEdit(error)) throw error;
    await ctx.reply(menu.text, options);
  }
}

/**
 * The reply to `/time HH:MM` and `/timezone Area/City`: the new state, and when the next digest
 * comes. The head already says the time and zone, so they are not said a second time.
 */
function scheduleReply(ctx: Context, head: string, summary: SubscriptionSummary): string {
  return `${head}${describeNext(ctx, summary)}`;
}

/** `/settings` and its inline menu, `/time HH:MM`, `/timezone Area/City`. */
export function createSettingsFeature({ subscriptions, rights, channels }: SettingsDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const { catalog } = subscriptions;
  const adminOnly = requireChatAdmin(rights);

  const sendMenu = async (ctx: Context, ref: SubscriptionRef, view: SettingsView) => {
    const choices = channels ? await switcherChoices(ctx, channels) : [];
    const menu = renderTargetSettings(ctx, view, await subscriptions.summary(ref), catalog, { choices });
    await ctx.reply(menu.text, { reply_markup: menu.keyboard });
  };

  composer.command("settings", adminOnly, (ctx) => sendMenu(ctx, chatKey(ctx), "main"));

  composer.command("time", adminOnly, async (ctx) => {
    const input = ctx.match.trim();
    if (input === "") return sendMenu(ctx, chatKey(ctx), "time");
    const minute = parseDigestTime(input);
    if (minute === undefined) {
      await ctx.reply(ctx.t("settings-time-invalid", { input: escapeHtml(truncate(input, MAX_ECHO)) }));
      return;
    }
    const summary = await subscriptions.setDigestTime(chatKey(ctx), minute);
    const head = ctx.t("settings-time-set", { time: summary.digestTime, timeZone: escapeHtml(summary.timeZone) });
    await ctx.reply(scheduleReply(ctx, head, summary));
  });

  composer.command("timezone", adminOnly, async (ctx) => {
    const input = ctx.match.trim();
    if (input === "") return sendMenu(ctx, chatKey(ctx), "zone");
    const summary = await subscriptions.setTimeZone(chatKey(ctx), input);
    if (!summary) {
      await ctx.reply(ctx.t("settings-zone-invalid", { input: escapeHtml(truncate(input, MAX_ECHO)) }));
      return;
    }
    const head = ctx.t("settings-zone-set", {
      timeZone: escapeHtml(summary.timeZone),
      localTime: summary.localTime,
      time: summary.digestTime,
    });
    await ctx.reply(scheduleReply(ctx, head, summary));
  });

  /** Applies one button; returns the screen to show and the toast, or undefined for a button that no longer fits. */
  async function apply(
    ctx: Context,
    ref: SubscriptionRef,
    action: SettingsAction,
    target: MenuTarget,
  ): Promise<{ menu: Menu; toast?: string } | undefined> {
    const screen = (view: SettingsView, summary: SubscriptionSummary) => renderTargetSettings(ctx, view, summary, catalog, target);
    switch (action.op) {
      case "show":
        return { menu: screen(action.view, await subscriptions.summary(ref)) };
      case "close":
        return { menu: closedSettings(ctx, await subscriptions.summary(ref)) };
      case "time": {
        const summary = await subscriptions.setDigestTime(ref, action.minute);
        return { menu: screen("main", summary), toast: ctx.t("settings-toast-time", { time: summary.digestTime }) };
      }
      case "zone": {
        const summary = await subscriptions.setTimeZone(ref, action.zone);
        if (!summary) return undefined;
        const toast = ctx.t("settings-toast-zone", { timeZone: summary.timeZone, localTime: summary.localTime });
        return { menu: screen("main", summary), toast };
      }
      case "topic": {
        const topic = catalog.bySlug(action.slug);
        const summary = topic && (await subscriptions.setTopic(ref, action.slug, action.on));
        if (!topic || !summary) return undefined;
        const toast = ctx.t(action.on ? "settings-toast-topic-on" : "settings-toast-topic-off", { topic: topic.names[ctx.locale] });
        return { menu: screen("topics", summary), toast };
      }
      case "all-news":
        return { menu: screen("topics", await subscriptions.setAllNews(ref)), toast: ctx.t("settings-toast-all-news") };
      case "language": {
        const summary = await subscriptions.setLanguage(ref, action.locale);
        // This update was localized before the choice; everything from here on speaks the new
        // language (a channel's language is the channel's: the reader's menu stays in theirs).
        if (target.chatId === undefined) {
          ctx.locale = action.locale;
          await ctx.i18n.renegotiateLocale();
        }
        return { menu: screen("main", summary), toast: ctx.t("settings-toast-language") };
      }
      case "digest": {
        const summary = await subscriptions.setSubscribed(ref, action.on);
        return { menu: screen("main", summary), toast: ctx.t(action.on ? "settings-toast-digest-on" : "settings-toast-digest-off") };
      }
    }
  }

  /**
   * The chat a settings button refers to, or undefined after refusing the press. A button carries
   * its chat: a channel's buttons are honoured only for its managers who are still its
   * administrators; a group's only for the group's administrators.
   */
  async function targetOf(ctx: Context, chatId: number | undefined, changes: boolean): Promise<(MenuTarget & { ref: SubscriptionRef }) | undefined> {
    if (chatId !== undefined) {
      const access = channels ? await checkChannelAccess(ctx, { channels, rights }, chatId, changes) : { kind: "not-manager" as const };
      if (access.kind !== "ok") {
        await refuseChannel(ctx, access);
        return undefined;
      }
      return { chatId, ref: chatId, name: access.name, choices: await switcherChoices(ctx, channels!) };
    }
    const own = ctx.callbackQuery?.message?.chat.id;
    if (own === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
      return undefined;
    }
    if (!(await isChatAdmin(ctx, rights))) {
      await refuseNonAdmin(ctx);
      return undefined;
    }
    // A button under a menu in a forum topic changes that topic's subscription.
    return { chatId: own, ref: { chatId: own, threadId: topicOf(ctx) }, choices: channels ? await switcherChoices(ctx, channels) : [] };
  }

  onButton(composer, SETTINGS_BUTTONS, async (ctx, action) => {
    const target = await targetOf(ctx, action.chatId, action.action.op !== "show" && action.action.op !== "close");
    if (!target) return;
    const shown: MenuTarget = { ...target, chatId: action.chatId };
    const result = await apply(ctx, target.ref, action.action, shown);
    if (!result) {
      await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
      return;
    }
    await showInPlace(ctx, result.menu);
    await ctx.answerCallbackQuery(result.toast === undefined ? undefined : { text: result.toast });
  });

  return composer;
}
