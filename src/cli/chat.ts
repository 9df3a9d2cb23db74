import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { AppRoot } from "../app/root.js";
import { CHAT_BOT_INFO, CHAT_TOKEN, createChatSession } from "./chat-session.js";
import { UsageError } from "./errors.js";
import { ensureSampleNews } from "./sample-news.js";

/**
 * The Telegram client language the terminal reader has: `--lang`, else the locale of the shell
 * (LC_ALL, LC_MESSAGES, LANG: `ru_RU.UTF-8` → `ru`); none for C/POSIX, which the bot answers in English.
 */
export function chatLanguage(flag: string | undefined, env: Record<string, string | undefined>): string | undefined {
  if (flag !== undefined) {
    if (!/^[a-z]{2,3}(?:-[a-z]{2,4})?$/i.test(flag)) throw new UsageError(`--lang expects a language code like ru or en, got "${flag}"`);
    return flag.toLowerCase();
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^([a-z]{2,3})(?=$|[_.@-])/i.exec(locale)?.[1]?.toLowerCase();
}

/**
 * `vestnik chat`: the real bot (every feature) in the terminal, no token and no network, on a store
 * of its own (consoleDataDir). Loads the sample news into it when empty, so there is something to read.
 */
export async function chatCommand(args: string[], root: AppRoot): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { lang: { type: "string" }, sample: { type: "boolean", default: false } },
  });
  const languageCode = chatLanguage(values.lang, process.env);
  // Info lines on stderr would interleave with the conversation; LOG_LEVEL still wins when set.
  const logger = root.logger({ quiet: true });
  const topics = await root.topics();
  const store = await root.openConsoleStore();
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  try {
    const samples = await ensureSampleNews(store, topics, { force: values.sample });
    if (samples.outcome === "loaded" || samples.outcome === "refreshed") {
      process.stderr.write(
        `${samples.outcome === "loaded" ? "Loaded" : "Refreshed"} ${samples.articles} sample articles ` +
          "(invented news from samples/news/, dated as of now).\n",
      );
    }
    const { bot } = await root.createApp({
      store,
      topics,
      logger,
      token: CHAT_TOKEN,
      botInfo: CHAT_BOT_INFO,
      // No scheduler runs here: replies must not promise a digest that never comes.
      digestsScheduled: false,
    });
    const session = createChatSession({
      bot,
      style: { ansi: process.stdout.isTTY === true },
      languageCode,
      write: (text) => process.stdout.write(text),
      echo: !tty,
    });
    const input = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
    input.on("SIGINT", () => input.close());
    if (tty) {
      process.stdout.write(
        "Vestnik in your terminal: the real bot and its database, no Telegram. Try /start, /latest, /topic Central Asia.\n" +
          "Type a number to press that button of the latest keyboard; /quit or Ctrl-D to leave.\n",
      );
      input.setPrompt("> ");
      input.prompt();
    }
    for await (const line of input) {
      if (!(await session.handleLine(line))) break;
      if (tty) {
        process.stdout.write("\n");
        input.prompt();
      }
    }
    input.close();
    return 0;
  } finally {
    await store.close();
  }
}
