import { createInterface } from "node:readline";
import type { AppRoot } from "../app/root.js";
import { DEFAULT_SOURCE_REGION_SETTINGS, homeRegion, regionSlugs } from "../topics/source-region.js";
import { createTagger, type Tagger } from "../topics/tag.js";
import { fixMixedScripts } from "../news/mixed-script.js";
import { UsageError } from "./errors.js";
import { noOptions } from "./help.js";

interface ClassifyInput {
  id: unknown;
  title: string;
  text: string;
  lang?: string;
  /** Any string naming the source; lines that share it are one source's history. */
  source?: string;
  /** The source's home region as the caller knows it: a region slug, or "none". */
  sourceRegion?: string;
}

/** A line that cannot be classified; `id` is the line's own id when it has one, so callers can match it. */
interface BadLine {
  kind: "bad";
  id: unknown;
  error: string;
}

type ReadLine = ({ kind: "ok" } & ClassifyInput) | BadLine;

function readLine(line: string): ReadLine {
  const bad = (error: string, id: unknown = null): BadLine => ({ kind: "bad", id, error });
  if (line.trim() === "") return bad("empty line");
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return bad("not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return bad("expected a JSON object");
  const record = value as Record<string, unknown>;
  if (!("id" in record)) return bad('missing "id"');
  const title = record.title ?? "";
  const text = record.text ?? "";
  if (typeof title !== "string" || typeof text !== "string") return bad('"title" and "text" must be strings', record.id);
  const lang = typeof record.lang === "string" ? record.lang : undefined;
  const { source, source_region: sourceRegion } = record;
  if (source !== undefined && typeof source !== "string") return bad('"source" must be a string', record.id);
  if (sourceRegion !== undefined && typeof sourceRegion !== "string") return bad('"source_region" must be a string', record.id);
  // Two-alphabet words are repaired as ingest repairs them, so classify tags what ingest stores.
  return { kind: "ok", id: record.id, title: fixMixedScripts(title), text: fixMixedScripts(text), lang, source, sourceRegion };
}

/**
 * Home regions of the sources named in the input: the caller's `source_region` when given (the
 * last one given for a source wins; "none" switches the prior off), otherwise measured from how
 * the source's own lines tag without the prior, as the store measures a source's history.
 */
function sourceRegions(inputs: readonly ClassifyInput[], tagger: Tagger, regions: readonly string[]): Map<string, string | undefined> {
  const given = new Map<string, string>();
  const history = new Map<string, { articles: number; topics: Map<string, number> }>();
  for (const input of inputs) {
    if (input.source === undefined) continue;
    if (input.sourceRegion !== undefined) given.set(input.source, input.sourceRegion);
    let h = history.get(input.source);
    if (!h) history.set(input.source, (h = { articles: 0, topics: new Map() }));
    h.articles++;
    for (const topic of tagger.tag({ title: input.title, text: input.text })) h.topics.set(topic, (h.topics.get(topic) ?? 0) + 1);
  }
  const out = new Map<string, string | undefined>();
  for (const [source, h] of history) {
    const region = given.get(source);
    out.set(source, region === undefined ? homeRegion(h, regions, DEFAULT_SOURCE_REGION_SETTINGS)
      : regions.includes(region) ? region : undefined);
  }
  return out;
}

/**
 * JSON Lines in, JSON Lines out, in input order, without a database. Every input line, blank ones
 * included, gets exactly one output line (a bad one with `error`, and its id when it has one), so
 * output line N answers input line N and stderr's "line N"; the exit status is then 1.
 *
 * Lines without `source` stream through. Once a line names its `source`, the whole input is read
 * first, so that each source's home region can be measured over all of its lines (the source prior).
 */
export async function classifyCommand(args: string[], root: AppRoot): Promise<number> {
  if (noOptions(args, true).length > 0) throw new UsageError("classify reads JSON Lines on stdin and takes no arguments");
  const topics = await root.topics();
  const tagger = createTagger(topics);
  const regions = regionSlugs(topics);
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = "";
  let lineNo = 0;
  let bad = 0;
  // Held back once a line names a source: every later line waits for the end of the input.
  let held: ReadLine[] | undefined;
  const flush = async () => {
    if (buffer && !process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once("drain", resolve));
    buffer = "";
  };
  // A line's own `source_region`, for lines that name no source.
  const own = (input: ReadLine): string | undefined =>
    input.kind === "bad" || input.sourceRegion === undefined || !regions.includes(input.sourceRegion)
      ? undefined : input.sourceRegion;
  const emit = (input: ReadLine, sourceRegion = own(input)) => {
    if (input.kind === "bad") {
      buffer += `${JSON.stringify({ id: input.id, topics: [], error: input.error })}\n`;
    } else {
      buffer += `${JSON.stringify({ id: input.id, topics: tagger.tag({ ...input, sourceRegion }) })}\n`;
    }
  };
  for await (const line of lines) {
    lineNo++;
    const input = readLine(line);
    if (input.kind === "bad") {
      bad++;
      process.stderr.write(`vestnik classify: line ${lineNo}: ${input.error}\n`);
    } else if (input.source !== undefined) {
      held ??= [];
    }
    if (held) held.push(input);
    else emit(input);
    if (buffer.length > 64 * 1024) await flush();
  }
  if (held) {
    const inputs = held.filter((i): i is { kind: "ok" } & ClassifyInput => i.kind === "ok");
    const regionOf = sourceRegions(inputs, tagger, regions);
    for (const input of held) {
      emit(input, input.kind === "bad" || input.source === undefined ? own(input) : regionOf.get(input.source));
      if (buffer.length > 64 * 1024) await flush();
    }
  }
  await flush();
  return bad > 0 ? 1 : 0;
}
