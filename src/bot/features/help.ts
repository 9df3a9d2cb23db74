import { Composer } from "grammy";
import type { Context } from "../context.js";
import { escapeHtml } from "../../shared/telegram-html.js";

export interface BotCommandSpec {
  /** Without the slash. Its description is the Fluent message `command-<name>`. */
  command: string;
  /** Arguments shown after the command in /help, from the Fluent message `command-<name>-args`. */
  args?: boolean;
  /** Also listed in the /start greeting. */
  featured?: boolean;
}

/**
 * Every command, in menu order. /help and the Telegram command menu are both built from this list,
 * so a new feature adds its command here (plus two Fluent messages) and shows up in both.
 */
export const BOT_COMMANDS: readonly BotCommandSpec[] = [
  { command: "latest", args: true, featured: true },
  { command: "search", args: true, featured: true },
  { command: "topics", featured: true },
  { command: "topic", args: true },
  { command: "subscribe", args: true, featured: true },
  { command: "unsubscribe" },
  { command: "settings" },
  { command: "digest" },
  { command: "time", args: true },
  { command: "timezone", args: true },
  { command: "channels" },
  { command: "connect", args: true },
  { command: "disconnect" },
  { command: "alert", args: true },
  { command: "alerts" },
  { command: "quiet", args: true },
  { command: "help", featured: true },
  { command: "start" },
];

/** One line per command: "/search &lt;words&gt; — Search the news". */
export function renderCommandList(ctx: Context, commands: readonly BotCommandSpec[] = BOT_COMMANDS): string {
  return commands
    .map(({ command, args }) => {
      const usage = args ? ` ${escapeHtml(ctx.t(`command-${command}-args`))}` : "";
      return `/${command}${usage} — ${escapeHtml(ctx.t(`command-${command}`))}`;
    })
    .join("\n");
}

/** Commands /help lists only to some readers (administrators), under the Fluent heading `messageId`. */
export interface RestrictedCommands {
  commands: readonly BotCommandSpec[];
  shownTo: (ctx: Context) => boolean;
  messageId: string;
}

export function createHelpFeature(restricted?: RestrictedCommands): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("help", async (ctx) => {
    let text = ctx.t("help", { commands: renderCommandList(ctx), timeZone: escapeHtml(ctx.timeZone) });
    if (restricted?.shownTo(ctx)) text += `\n\n${ctx.t(restricted.messageId, { commands: renderCommandList(ctx, restricted.commands) })}`;
    await ctx.reply(text);
  });
  return composer;
}
