import { Composer } from "grammy";
import type { Source, SourceService, SourceWithCount } from "../../news/sources.js";
import { SourceError } from "../../news/sources.js";
import type { Context } from "../context.js";
import { formatTime } from "../render.js";
import type { BotCommandSpec } from "./help.js";
import type { Locale } from "../../shared/locale.js";
import { escapeHtml, MAX_MESSAGE_LENGTH, truncate } from "../../shared/telegram-html.js";

/** Shown by /help to administrators only; never in the public menu. */
export const ADMIN_COMMANDS: readonly BotCommandSpec[] = [
  { command: "sources" },
  { command: "addsource", args: true },
  { command: "removesource", args: true },
  { command: "stats" },
];

export interface AdminDeps {
  /** Telegram user ids from ADMIN_IDS. */
  adminIds: readonly number[];
  sources: Pick<SourceService, "add" | "list" | "remove" | "overview">;
  /** POLL_INTERVAL, for sources without their own. */
  defaultIntervalMs: number;
}

/** /sources sends at most this many messages; a longer list is for `vestnik sources list`. */
const MAX_LIST_MESSAGES = 5;
const MAX_URL_LENGTH = 300;
const MAX_SOURCE_TITLE = 80;
const MAX_ERROR_LENGTH = 300;

export function isAdmin(ctx: Context, adminIds: readonly number[]): boolean {
  return ctx.from !== undefined && adminIds.includes(ctx.from.id);
}

const UNITS = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
] as const;

/** "10 min" / "10 мин", "1 hr" / "1 ч": the largest unit that divides the interval evenly. */
export function formatInterval(ms: number, locale: Locale): string {
  const [unit, size] = UNITS.find(([, size]) => ms % size === 0 && ms >= size) ?? ["second", 1000];
  const value = Math.round((ms / size) * 10) / 10;
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(value);
}

export function createAdminFeature(deps: AdminDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const commands = ADMIN_COMMANDS.map((c) => c.command);

  // The gate: only administrators in a private chat get past it, and it answers everyone else
  // the same way whatever they asked, so nobody learns anything about the sources.
  composer.command(commands, async (ctx, next) => {
    if (ctx.chat.type !== "private") {
      // In groups only a command addressed to this bot by name gets an answer, as elsewhere.
      if (ctx.msg.text?.split(/\s/)[0]?.includes("@")) await ctx.reply(ctx.t("admin-private-only"));
      return;
    }
    if (!isAdmin(ctx, deps.adminIds)) {
      await ctx.reply(ctx.t("admin-only"));
      return;
    }
    await next();
  });

  composer.command("sources", async (ctx) => {
    const rows = await deps.sources.list();
    if (rows.length === 0) {
      await ctx.reply(ctx.t("admin-sources-empty"));
      return;
    }
    const header = ctx.t("admin-sources-header", { count: rows.length });
    const blocks = rows.map((row) => renderSource(ctx, row, deps.defaultIntervalMs));
    const messages = packMessages(header, blocks, MAX_LIST_MESSAGES, (left) => ctx.t("admin-sources-more", { count: left }));
    for (const text of messages) await ctx.reply(text);
  });

  composer.command("addsource", async (ctx) => {
    const input = ctx.match.trim();
    if (input === "" || /\s/.test(input)) {
      await ctx.reply(ctx.t("admin-addsource-usage"));
      return;
    }
    await ctx.replyWithChatAction("typing").catch(() => {});
    const shownUrl = escapeHtml(truncate(input, MAX_URL_LENGTH));
    try {
      const { source, added, discoveredOn } = await deps.sources.add(input);
      const lines = [
        ctx.t("admin-addsource-added", {
          ...sourceVars(source),
          articles: added,
          interval: formatInterval(source.pollIntervalMs ?? deps.defaultIntervalMs, ctx.locale),
        }),
      ];
      if (discoveredOn) {
        lines.push(ctx.t("admin-addsource-discovered", { page: escapeHtml(truncate(discoveredOn, MAX_URL_LENGTH)), url: escapeHtml(truncate(source.url, MAX_URL_LENGTH)) }));
      }
      await ctx.reply(lines.join("\n"));
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      const detail = escapeHtml(truncate(error.detail, MAX_ERROR_LENGTH));
      const text =
        error.code === "exists" && error.existing
          ? ctx.t("admin-addsource-exists", sourceVars(error.existing))
          : ctx.t(`admin-addsource-${error.code}`, { url: shownUrl, detail });
      await ctx.reply(text);
    }
  });

  composer.command("removesource", async (ctx) => {
    const ref = ctx.match.trim();
    if (!/^#?\d{1,15}$/.test(ref)) {
      await ctx.reply(ctx.t("admin-removesource-usage"));
      return;
    }
    const removed = await deps.sources.remove(ref);
    if (!removed) {
      await ctx.reply(ctx.t("admin-removesource-missing", { id: ref.replace("#", "") }));
      return;
    }
    await ctx.reply(ctx.t("admin-removesource-done", { ...sourceVars(removed.source), articles: removed.articles }));
  });

  composer.command("stats", async (ctx) => {
    const counts = await deps.sources.overview(ctx.timeZone);
    await ctx.reply(
      ctx.t("admin-stats", {
        articles: counts.articles,
        sources: counts.sources,
        feeds: counts.feeds,
        failing: counts.failingFeeds,
        subscribers: counts.subscribers,
        digests: counts.digestsSent,
        timeZone: escapeHtml(ctx.timeZone),
      }),
    );
  });

  return composer;
}

/** Ids go in as text: Fluent would group a number's digits ("#1,520"). */
function sourceVars(source: Source): { id: string; title: string } {
  return { id: String(source.id), title: escapeHtml(truncate(source.title.trim() || source.url, MAX_SOURCE_TITLE)) };
}

function renderSource(ctx: Context, row: SourceWithCount, defaultIntervalMs: number): string {
  const time = (at: Date) => formatTime(at, ctx.locale, ctx.timeZone);
  const lines = [
    ctx.t("admin-source-title", sourceVars(row)),
    escapeHtml(truncate(row.url, MAX_URL_LENGTH)),
    ctx.t("admin-source-meta", {
      interval: formatInterval(row.pollIntervalMs ?? defaultIntervalMs, ctx.locale),
      articles: row.articleCount,
    }),
  ];
  if (row.failures > 0) {
    const error = escapeHtml(truncate(row.lastError ?? "?", MAX_ERROR_LENGTH));
    lines.push(ctx.t("admin-source-failing", { failures: row.failures, error }));
  } else if (row.lastOkAt) {
    lines.push(ctx.t("admin-source-ok", { time: time(row.lastOkAt) }));
  } else {
    lines.push(ctx.t("admin-source-new"));
  }
  if (row.nextPollAt) lines.push(ctx.t("admin-source-next", { time: time(row.nextPollAt) }));
  return lines.join("\n");
}

/**
 * Packs blocks into messages under Telegram's limit (the header opens the first); past
 * `maxMessages` the rest are only counted, in a note at the end of the last message.
 */
export function packMessages(header: string, blocks: string[], maxMessages: number, more: (left: number) => string): string[] {
  const separator = "\n\n";
  // Room for the note, so adding it never pushes the last message over the limit.
  const limit = MAX_MESSAGE_LENGTH - separator.length - more(blocks.length).length - 16;
  const messages: string[] = [];
  let current = header;
  let used = 0;
  for (const block of blocks) {
    if (current.length + separator.length + block.length > limit) {
      if (messages.length + 1 >= maxMessages) break;
      messages.push(current);
      current = "";
    }
    current = current ? current + separator + block : block;
    used++;
  }
  if (used < blocks.length) current += separator + more(blocks.length - used);
  messages.push(current);
  return messages;
}
