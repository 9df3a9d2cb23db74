import type { Config } from "../config.js";
import { createTagger } from "../topics/tag.js";
import { UsageError } from "./errors.js";
import { mapJsonLines } from "./json-lines.js";
import { configuredTopics } from "./topics-config.js";

interface ClassifyInput {
  id: unknown;
  title: string;
  text: string;
  lang?: string;
}

function readLine(value: unknown): ClassifyInput | string {
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
  return mapJsonLines({
    command: "classify",
    read: readLine,
    write: (input) => ({ id: input.id, topics: tagger.tag(input) }),
    errorLine: (error) => ({ id: null, topics: [], error }),
  });
}
