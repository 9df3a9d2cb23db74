import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What `vestnik <command> --help` prints and what argument errors point to. */
export interface CommandHelp {
  summary: string;
  /** One synopsis per line, without the leading "vestnik". */
  usage: string[];
  /** Flag (with its value) and what it does; `--help` is added to every command. */
  options: [flag: string, description: string][];
  /** A few lines after the options: environment, input format, where to read more. */
  notes?: string[];
}

/** Every command's help, in the order `vestnik help` lists them. */
export const HELP = {
  run: {
    summary: "start the bot (long polling, or a webhook when WEBHOOK_URL is set)",
    usage: ["run"],
    options: [],
    notes: [
      "Needs BOT_TOKEN. Also polls the feed sources and sends the daily digests.",
      "TELEGRAM_API_ROOT, WEBHOOK_URL, WEBHOOK_SECRET, HTTP_ENABLED and PORT change how it serves; see .env.example.",
    ],
  },
  ingest: {
    summary: "read feeds or plain-text articles from files, directories or URLs",
    usage: ["ingest [--source <title>] <file|directory|url>..."],
    options: [["--source <title>", "store the articles under this source title instead of the feed's own"]],
    notes: ["Formats: RSS, RDF, Atom, JSON Feed and plain-text articles (.txt); a directory is read recursively."],
  },
  sources: {
    summary: "feed sources polled by `run`: add, list, remove, import (OPML), export (OPML)",
    usage: [
      "sources add <url> [--every <duration>] [--region <topic>]",
      "sources set-region <id|url> <topic|none|auto>",
      "sources list [--format table|tsv|json]",
      "sources remove <id|url>",
      "sources import <file.opml>",
      "sources export",
    ],
    options: [
      ["--every <duration>", "add: poll this source every 30s, 15m, 1h… instead of POLL_INTERVAL"],
      ["--region <topic>", "add: the source's home region (a region topic slug); set-region changes it later"],
      ["--format table|tsv|json", "list: table on a terminal, tsv in a pipe unless told"],
    ],
  },
  classify: {
    summary: "tag JSON Lines articles from stdin with topics (no database needed)",
    usage: ["classify < articles.jsonl"],
    options: [],
    notes: [
      'Input: one JSON object per line, {"id": …, "title": "…", "text": "…", "lang": "ru", "source": "…"}.',
      'Lines that name a "source" get its home region as weak evidence (measured over its lines, or "source_region").',
      'Output: one line per input line, {"id": …, "topics": […]}, with "error" for a bad line (exit status 1).',
    ],
  },
  stories: {
    summary: "group JSON Lines articles from stdin into stories (no database needed)",
    usage: ["stories < articles.jsonl"],
    options: [],
    notes: [
      'Input: one JSON object per line in time order, {"id": …, "title": "…", "text": "…", "source": "…", "published_at": "…"}.',
      'Output: one line per input line, {"id": …, "story": …}; equal "story" values are one story; "error" for a bad line (exit status 1).',
    ],
  },
  topics: {
    summary: "list topics with article counts; `topics retag` re-tags stored articles",
    usage: ["topics [list]", "topics retag"],
    options: [],
    notes: ["TOPICS_FILE replaces the built-in taxonomy (YAML or JSON)."],
  },
  digest: {
    summary: "`digest --now`: send today's digest to every reader who has not had it",
    usage: ["digest --now"],
    options: [["--now", "send today's digest now, whatever each reader's digest time"]],
    notes: ["`vestnik run` sends digests on schedule by itself; this is for a one-off pass. Needs BOT_TOKEN."],
  },
  chat: {
    summary: "talk to the bot in the terminal: no token, no network (sample news in an empty store)",
    usage: ["chat [--lang <code>] [--sample]"],
    options: [
      ["--lang <code>", "the language your Telegram client would have (ru, en…); default from LANG"],
      ["--sample", "reload the sample news even when the store already has articles"],
    ],
  },
  migrate: {
    summary: "apply database migrations",
    usage: ["migrate"],
    options: [],
    notes: ["DATABASE_URL for Postgres; otherwise the embedded database in DATA_DIR."],
  },
  start: {
    summary: "what `npm start` runs: the bot when BOT_TOKEN is set, else `chat` on sample news",
    usage: ["start"],
    options: [],
  },
} satisfies Record<string, CommandHelp>;

export type CommandName = keyof typeof HELP;

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(HELP, name);
}

/** The synopsis lines of one command, "Usage: vestnik …" then aligned continuation lines. */
export function usageLines(name: CommandName): string {
  return HELP[name].usage.map((u, i) => `${i === 0 ? "Usage: " : "       "}vestnik ${u}`).join("\n");
}

function table(rows: [string, string][], indent = "  "): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`);
}

/** `vestnik <command> --help`. */
export function commandHelp(name: CommandName): string {
  const help: CommandHelp = HELP[name];
  const options: [string, string][] = [...help.options, ["-h, --help", "show this help"]];
  const notes = help.notes ? ["", ...help.notes] : [];
  return [usageLines(name), "", `${help.summary[0]?.toUpperCase()}${help.summary.slice(1)}.`, "", "Options:", ...table(options), ...notes, ""].join("\n");
}

/** `vestnik help`: every command with its synopsis. */
export function generalHelp(): string {
  const rows = Object.keys(HELP).map((name): [string, string] => [name, HELP[name as CommandName].summary]);
  const synopses = Object.values(HELP).flatMap((h: CommandHelp) => h.usage.map((u) => `  vestnik ${u}`));
  return [
    "Usage: vestnik <command> [options]",
    "",
    "Commands:",
    ...table(rows),
    "",
    "Synopses:",
    ...synopses,
    "",
    'Run "vestnik <command> --help" (or "vestnik help <command>") for a command\'s options.',
    "Configuration comes from the environment or a .env file; see .env.example.",
    "",
  ].join("\n");
}

/** True when `--help` or `-h` comes before any `--` end-of-options marker. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}

/**
 * node:util's argument errors, which name the option but also suggest "--" quoting, in one line:
 * `unknown option --bogus`. Anything else: undefined.
 */
export function argumentProblem(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS")) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /^Option '(-\S+)(?: [^']*)?' argument missing/.exec(message);
  if (missing) return `option ${missing[1]} needs a value`;
  const positional = /^Unexpected argument '([^']*)'/.exec(message);
  if (positional) return `unexpected argument "${positional[1]}"`;
  return message.split(/\.\s|\n/)[0];
}

/** For commands without options of their own: anything but `--help` is refused by name. */
export function noOptions(args: string[], positionals = false): string[] {
  return parseArgs({ args, options: {} satisfies Options, allowPositionals: positionals, strict: true }).positionals;
}
