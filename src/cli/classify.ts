import { createInterface } from "node:readline";
import type { Config } from "../config.js";
import { createTagger } from "../topics/tag.js";
import { UsageError } from "./errors.js";
import { noOptions } from "./help.js";
import { configuredTopics } from "./topics-config.js";

interface ClassifyInput {
  id: unknown;
  title: string;
  text: string;
  lang?: string;
}

/** A line that cannot be classified; `id` is the line's own id when it has one, so callers can match it. */
interface BadLine {
  kind: "bad";
  id: unknown;
  error: string;
}

function readLine(line: string): ({ kind: "ok" } & ClassifyInput) | BadLine {
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
  return { kind: "ok", id: record.id, title, text, lang };
}

/**
 * JSON Lines in, JSON Lines out, in input order, without a database. Every input line, blank ones
 * included, gets exactly one output line (a bad one with `error`, and its id when it has one), so
 * output line N answers input line N and stderr's "line N"; the exit status is then 1.
 */
export async function classifyCommand(args: string[], config: Config): Promise<number> {
  if (noOptions(args, true).length > 0) throw new UsageError("classify reads JSON Lines on stdin and takes no arguments");
  const tagger = createTagger(await configuredTopics(config));
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let buffer = "";
  let lineNo = 0;
  let bad = 0;
  const flush = async () => {
    if (buffer && !process.stdout.write(buffer)) await new Promise((resolve) => process.stdout.once("drain", resolve));
    buffer = "";
  };
  for await (const line of lines) {
    lineNo++;
    const input = readLine(line);
    if (input.kind === "bad") {
      bad++;
      process.stderr.write(`vestnik classify: line ${lineNo}: ${input.error}\n`);
      buffer += `${JSON.stringify({ id: input.id, topics: [], error: input.error })}\n`;
    } else {
      buffer += `${JSON.stringify({ id: input.id, topics: tagger.tag(input) })}\n`;
    }
    if (buffer.length > 64 * 1024) await flush();
  }
  await flush();
  return bad > 0 ? 1 : 0;
}
