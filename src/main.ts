import dotenv from "dotenv";
import { ConfigError, createConfig, type Config } from "./config.js";
import { DatabaseUnreachableError } from "./db/client.js";
import { DataDirLockedError } from "./db/data-dir-lock.js";
import { CommandError, UsageError } from "./cli/errors.js";

type Command = (args: string[], config: Config) => Promise<number>;

/** Loaded lazily so that `vestnik migrate` does not pay for grammY, and so on. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: "start the bot (long polling, or a webhook when WEBHOOK_URL is set)", load: async () => (await import("./cli/run.js")).runCommand },
  ingest: {
    summary: "read feeds or plain-text articles from files, directories or URLs",
    load: async () => (await import("./cli/ingest.js")).ingestCommand,
  },
  sources: {
    summary: "feed sources polled by `run`: add, list, remove, import (OPML), export (OPML)",
    load: async () => (await import("./cli/sources.js")).sourcesCommand,
  },
  classify: {
    summary: "tag JSON Lines articles from stdin with topics (no database needed)",
    load: async () => (await import("./cli/classify.js")).classifyCommand,
  },
  stories: {
    summary: "group JSON Lines articles from stdin into stories (no database needed)",
    load: async () => (await import("./cli/stories.js")).storiesCommand,
  },
  topics: {
    summary: "list topics with article counts; `topics retag` re-tags stored articles",
    load: async () => (await import("./cli/topics.js")).topicsCommand,
  },
  digest: {
    summary: "`digest --now`: send today's digest to every reader who has not had it",
    load: async () => (await import("./cli/digest.js")).digestCommand,
  },
  chat: {
    summary: "talk to the bot in the terminal: no token, no network (sample news in an empty store)",
    load: async () => (await import("./cli/chat.js")).chatCommand,
  },
  migrate: { summary: "apply database migrations", load: async () => (await import("./cli/migrate.js")).migrateCommand },
  start: {
    summary: "what `npm start` runs: the bot when BOT_TOKEN is set, else `chat` on sample news",
    load: async () => (await import("./cli/start.js")).startCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: vestnik <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nConfiguration comes from the environment or a .env file; see .env.example.\n`;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error";
}

/** Parses argv, runs one command and returns the process exit status; never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`vestnik: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    dotenv.config({ quiet: true });
    const config = createConfig(process.env);
    return await (await command.load())(args, config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`vestnik: configuration error: ${error.variable} ${error.problem}\n`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`vestnik ${name}: ${oneLine(error)}\nRun "vestnik help" for usage.\n`);
      return 2;
    }
    if (error instanceof CommandError || error instanceof DataDirLockedError || error instanceof DatabaseUnreachableError) {
      process.stderr.write(`vestnik ${name}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`vestnik ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
