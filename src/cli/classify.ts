import { createInterface } from "node:readline";
import type { Config } from "../config.js";
import { createTagger } from "../topics/tag.js";
import { UsageError } from "./errors.js";
import { configuredTopics } from "./topics-config.js";

interface ClassifyInput {
  id: unknown;
  title: string;
  text: string;
  lang?: string;
}

function readLine(line: string): ClassifyInput | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return "not valid JSON";
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected a JSON object";
  const record = value as Record<string, unknown>;
  if (!("id" in record)) return 'missing "id"';
  const title = record.title ?? "";
  const text = record.text ?? "";
  if (typeof title !== "string" || typeof text !== "string") return '"title" and "text" must be strings';
  const lang = typeof record.lang === "string" ? record.lang : undefined;
  return { id: record.id, title, text, lang };
}

/**
 * JSON Lines in, JSON Lines out, in input order, without a database. A bad line still gets an
 * output line (with `error`), so outputs stay aligned with inputs; the exit status is then 1.
 */
export async function classifyCommand(args: string[], config: Config): Promise<number> {
  if (args.length > 0) throw new UsageError("classify reads JSON Lines on stdin and takes no arguments");
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
    if (line.trim() === "") continue;
    const input = readLine(line);
    if (typeof input === "string") {
      bad++;
      process.stderr.write(`vestnik classify: line ${lineNo}: ${input}\n`);
      buffer += `${JSON.stringify({ id: null, topics: [], error: input })}\n`;
    } else {
      buffer += `${JSON.stringify({ id: input.id, topics: tagger.tag(input) })}\n`;
    }
    if (buffer.length > 64 * 1024) await flush();
  }
  await flush();
  return bad > 0 ? 1 : 0;
}
