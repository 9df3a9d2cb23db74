import { open } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { AppRoot } from "../app/root.js";
import { formatDuration, parseDuration } from "../duration.js";
import { SourceError, type SourceService, type SourceWithCount } from "../news/sources.js";
import { DocumentError } from "../news/types.js";
import { regionSlugs } from "../topics/source-region.js";
import type { Topic } from "../topics/types.js";
import { CommandError, PRIVATE_HINT, UsageError } from "./errors.js";
import { commandHelp, usageLines } from "./help.js";

type Format = "table" | "tsv" | "json";

export async function sourcesCommand(args: string[], root: AppRoot): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "help" || sub === "--help" || sub === "-h") {
    (sub === undefined ? process.stderr : process.stdout).write(sub === undefined ? `${usageLines("sources")}\n` : commandHelp("sources"));
    return sub === undefined ? 2 : 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { every: { type: "string" }, format: { type: "string" }, region: { type: "string" } },
  });
  const one = (what: string): string => {
    if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`sources ${sub} needs exactly one ${what}`);
    return positionals[0];
  };
  if (values.every !== undefined && sub !== "add") throw new UsageError("--every only applies to sources add");
  if (values.format !== undefined && sub !== "list") throw new UsageError("--format only applies to sources list");
  if (values.region !== undefined && sub !== "add") throw new UsageError("--region only applies to sources add");
  switch (sub) {
    case "add": {
      const url = one("URL");
      const intervalMs = values.every === undefined ? undefined : parseEvery(values.every);
      const region = values.region === undefined ? undefined : parseRegion(values.region, await root.topics());
      return withService(root, (service) => add(service, url, { intervalMs, region: region ?? undefined }, root.values.pollIntervalMs, root.values.input.allowPrivate));
    }
    case "set-region": {
      const [ref, value, ...extra] = positionals;
      if (ref === undefined || value === undefined || extra.length > 0) {
        throw new UsageError("sources set-region needs a source id or URL and a region topic (or none, or auto)");
      }
      const region = parseRegion(value, await root.topics());
      return withService(root, async (service) => {
        const source = await service.setRegion(ref, region);
        if (!source) throw new CommandError(noSource(ref));
        const what = region === null ? "measured from its articles" : region === "" ? "none" : region;
        process.stdout.write(`#${source.id} "${source.title}": home region ${what}\n`);
        return 0;
      });
    }
    case "list": {
      if (positionals.length > 0) throw new UsageError("sources list takes no arguments");
      const format = parseFormat(values.format);
      return withService(root, async (service) => {
        process.stdout.write(renderSources(await service.list(), format, root.values.pollIntervalMs, new Date()));
        return 0;
      });
    }
    case "remove": {
      const ref = one("source id or URL");
      return withService(root, async (service) => {
        const removed = await service.remove(ref);
        if (!removed) throw new CommandError(noSource(ref));
        const { source, articles } = removed;
        process.stdout.write(`removed #${source.id} "${source.title}" (${source.url}) and its ${articles} article${articles === 1 ? "" : "s"}\n`);
        return 0;
      });
    }
    case "import": {
      const path = one("OPML file");
      const text = await readText(path, root.values.input.maxBytes);
      return withService(root, async (service) => {
        let result;
        try {
          result = await service.importOpml(text);
        } catch (error) {
          if (error instanceof DocumentError) throw new CommandError(`${path}: ${error.reason}`);
          throw error;
        }
        for (const { url, reason } of result.rejected) process.stderr.write(`vestnik sources import: ${url}: ${reason}\n`);
        process.stdout.write(
          `import: ${result.added.length} added, ${result.existing.length} already present, ${result.rejected.length} rejected; ` +
            "new sources are fetched by the next `vestnik run` poll\n",
        );
        return result.rejected.length > 0 ? 1 : 0;
      });
    }
    case "export": {
      if (positionals.length > 0) throw new UsageError("sources export takes no arguments");
      return withService(root, async (service) => {
        process.stdout.write(await service.exportOpml());
        return 0;
      });
    }
    default:
      throw new UsageError(`unknown sources subcommand "${sub}"; one of add, list, remove, import, export, set-region`);
  }
}

type Service = SourceService;

async function withService(root: AppRoot, body: (service: Service) => Promise<number>): Promise<number> {
  const topics = await root.topics();
  const store = await root.openStore();
  try {
    return await body(await root.sources(store, topics, root.logger()));
  } finally {
    await store.close();
  }
}

async function add(
  service: Service,
  url: string,
  opts: { intervalMs: number | undefined; region: string | undefined },
  defaultIntervalMs: number,
  allowPrivate: boolean,
): Promise<number> {
  try {
    const { source, added, discoveredOn } = await service.add(url, opts);
    const found = discoveredOn ? ` (the feed announced by ${discoveredOn})` : "";
    const every = formatDuration(source.pollIntervalMs ?? defaultIntervalMs);
    process.stdout.write(
      `added #${source.id} "${source.title}" ${source.url}${found}: ${added} article${added === 1 ? "" : "s"} stored, polled every ${every}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    if (error.existing) {
      throw new CommandError(`already a source: #${error.existing.id} "${error.existing.title}" ${error.existing.url}`);
    }
    const what = {
      "invalid-url": "cannot add",
      exists: "already added",
      unreachable: "cannot fetch",
      "not-feed": "not a feed",
    }[error.code];
    // As in ingest: the operator typed the address and may be told how to allow an inside one.
    const hint = error.refused && !allowPrivate ? PRIVATE_HINT : "";
    throw new CommandError(`${what}: ${url}: ${error.detail}${hint}`);
  }
}

const noSource = (ref: string): string => `no source ${/^#?\d+$/.test(ref) ? `#${ref.replace("#", "")}` : ref}`;

/** A region topic's slug, '' for `none`, null for `auto` (measure it from the source's articles). */
function parseRegion(text: string, topics: readonly Topic[]): string | null {
  if (text === "auto") return null;
  if (text === "none") return "";
  const regions = regionSlugs(topics);
  if (!regions.includes(text)) {
    throw new UsageError(`a home region is one of the region topics (${regions.join(", ")}), none or auto, not "${text}"`);
  }
  return text;
}

function parseEvery(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms < 1000) throw new UsageError(`--every expects a duration of at least 1s, like 30s, 15m or 1h, got "${text}"`);
  return ms;
}

function parseFormat(text: string | undefined): Format {
  if (text === undefined) return process.stdout.isTTY ? "table" : "tsv";
  if (text === "table" || text === "tsv" || text === "json") return text;
  throw new UsageError(`--format expects table, tsv or json, got "${text}"`);
}

async function readText(path: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new CommandError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new CommandError(`${path}: not a regular file`);
    if (info.size > maxBytes) throw new CommandError(`${path}: file of ${info.size} bytes exceeds the ${maxBytes}-byte limit`);
    return (await handle.readFile()).toString("utf8");
  } finally {
    await handle.close();
  }
}

const COLUMNS = ["id", "title", "interval", "last_ok", "failures", "articles", "next_poll", "last_status", "last_error", "url"] as const;

/**
 * `tsv` and `json` are for scripts: fixed columns, ISO times, nothing truncated. `table` is for a
 * person at a terminal: relative times, long titles and errors shortened.
 */
export function renderSources(rows: readonly SourceWithCount[], format: Format, defaultIntervalMs: number, now: Date): string {
  const records = rows.map((s) => ({
    id: s.id,
    title: s.title,
    interval: formatDuration(s.pollIntervalMs ?? defaultIntervalMs),
    last_ok: s.lastOkAt?.toISOString() ?? null,
    failures: s.failures,
    articles: s.articleCount,
    next_poll: s.nextPollAt?.toISOString() ?? null,
    last_status: s.lastStatus,
    last_error: s.lastError,
    url: s.url,
  }));
  if (format === "json") return `${JSON.stringify(records, null, 2)}\n`;
  if (format === "tsv") {
    const clean = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v).replace(/[\t\r\n]+/g, " "));
    return [COLUMNS.join("\t"), ...records.map((r) => COLUMNS.map((c) => clean(r[c])).join("\t"))].map((l) => `${l}\n`).join("");
  }
  if (rows.length === 0) return "No feed sources yet. Add one with: vestnik sources add <url>\n";
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const header = ["ID", "TITLE", "EVERY", "LAST OK", "FAILS", "ARTICLES", "NEXT POLL", "LAST STATUS", "LAST ERROR", "URL"];
  const lines = rows.map((s) => [
    String(s.id),
    cut(s.title, 32),
    formatDuration(s.pollIntervalMs ?? defaultIntervalMs),
    s.lastOkAt ? ago(s.lastOkAt, now) : "never",
    String(s.failures),
    String(s.articleCount),
    !s.nextPollAt || s.nextPollAt <= now ? "due" : `in ${formatDuration(roundSeconds(s.nextPollAt.getTime() - now.getTime()))}`,
    s.lastStatus === null ? "-" : String(s.lastStatus),
    s.failures > 0 && s.lastError ? cut(s.lastError, 48) : "-",
    s.url,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const row = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ");
  return [row(header), ...lines.map(row)].map((l) => `${l}\n`).join("");
}

function roundSeconds(ms: number): number {
  return Math.max(1000, Math.round(ms / 1000) * 1000);
}

function ago(at: Date, now: Date): string {
  const ms = now.getTime() - at.getTime();
  return ms < 1000 ? "just now" : `${formatDuration(roundSeconds(ms))} ago`;
}
