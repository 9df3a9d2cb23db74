import dotenv from "dotenv";
import type { AppRoot } from "./app/root.js";
import { ConfigError } from "./config-error.js";
import { DatabaseUnreachableError } from "./db/errors.js";
import { DataDirError } from "./db/data-dir-check.js";
import { DataDirLockedError } from "./db/data-dir-lock.js";
import { CommandError, UsageError } from "./cli/errors.js";
import { followParent } from "./cli/follow-parent.js";
import { argumentProblem, commandHelp, generalHelp, isCommand, usageLines, wantsHelp, type CommandName } from "./cli/help.js";

/** A command gets its arguments and the composition root; it never reads Config itself. */
type Command = (args: string[], root: AppRoot) => Promise<number>;
/** A command that reads no configuration: it runs without validating the environment. */
type PlainCommand = (args: string[]) => Promise<number>;
type PlainCommandName = "stories";

/**
 * `vestnik stories` is a filter over stdin and often run in a loop or a pipeline: it skips loading
 * and validating the configuration (zod and the time-zone data cost it a tenth of its start-up).
 */
const PLAIN_COMMANDS: Record<PlainCommandName, () => Promise<PlainCommand>> = {
  stories: async () => (await import("./cli/stories.js")).storiesCommand,
};

function isPlainCommand(name: CommandName): name is PlainCommandName {
  return Object.hasOwn(PLAIN_COMMANDS, name);
}

/** Loaded lazily so that `vestnik migrate` does not pay for grammY, and so on. */
const COMMANDS: Record<Exclude<CommandName, PlainCommandName>, () => Promise<Command>> = {
  run: async () => (await import("./cli/run.js")).runCommand,
  ingest: async () => (await import("./cli/ingest.js")).ingestCommand,
  sources: async () => (await import("./cli/sources.js")).sourcesCommand,
  classify: async () => (await import("./cli/classify.js")).classifyCommand,
  topics: async () => (await import("./cli/topics.js")).topicsCommand,
  digest: async () => (await import("./cli/digest.js")).digestCommand,
  chat: async () => (await import("./cli/chat.js")).chatCommand,
  migrate: async () => (await import("./cli/migrate.js")).migrateCommand,
  start: async () => (await import("./cli/start.js")).startCommand,
};

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error";
}

/**
 * Postgres' insufficient_privilege (SQLSTATE 42501) anywhere in the error's causes: its own message
 * («permission denied for schema drizzle»), not the wrapper's, which quotes the whole statement.
 */
function permissionDenied(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code === "42501") return oneLine(e);
  }
  return undefined;
}

/** Parses argv, runs one command and returns the process exit status; never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const topic = args[0];
    if (name && topic !== undefined) {
      if (!isCommand(topic)) {
        process.stderr.write(`vestnik help: unknown command "${topic}"\n\n${generalHelp()}`);
        return 2;
      }
      process.stdout.write(commandHelp(topic));
      return 0;
    }
    (name ? process.stdout : process.stderr).write(generalHelp());
    return name ? 0 : 2;
  }
  if (!isCommand(name)) {
    process.stderr.write(`vestnik: unknown command "${name}"\n\n${generalHelp()}`);
    return 2;
  }
  // Before the configuration is read: help must work with a broken .env too.
  if (wantsHelp(args)) {
    process.stdout.write(commandHelp(name));
    return 0;
  }
  followParent();
  try {
    dotenv.config({ quiet: true });
    if (isPlainCommand(name)) return await (await PLAIN_COMMANDS[name]())(args);
    const [{ createConfig }, { createAppRoot }] = await Promise.all([import("./config.js"), import("./app/root.js")]);
    const config = createConfig(process.env);
    // Chat stays quiet unless the operator asked for a log level.
    const root = createAppRoot(config, { explicitLogLevel: Boolean(process.env.LOG_LEVEL) });
    return await (await COMMANDS[name]())(args, root);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`vestnik: configuration error: ${error.variable} ${error.problem}\n`);
      return 2;
    }
    const problem = error instanceof UsageError ? oneLine(error) : argumentProblem(error);
    if (problem !== undefined) {
      process.stderr.write(`vestnik ${name}: ${problem}\n${usageLines(name)}\n`);
      return 2;
    }
    if (
      error instanceof CommandError ||
      error instanceof DataDirLockedError ||
      error instanceof DataDirError ||
      error instanceof DatabaseUnreachableError
    ) {
      process.stderr.write(`vestnik ${name}: ${error.message}\n`);
      return 1;
    }
    const refused = permissionDenied(error);
    if (refused) {
      process.stderr.write(`vestnik ${name}: the database refused: ${refused} (the role in DATABASE_URL lacks a privilege)\n`);
      return 1;
    }
    // An operator gets one line; the stack is there for whoever debugs it (LOG_LEVEL=debug).
    const debugging = ["debug", "trace"].includes(process.env.LOG_LEVEL ?? "");
    const detail = debugging && error instanceof Error && error.stack ? `\n${error.stack}` : " (LOG_LEVEL=debug shows the stack trace)";
    process.stderr.write(`vestnik ${name}: unexpected error: ${oneLine(error)}${detail}\n`);
    return 1;
  }
}
