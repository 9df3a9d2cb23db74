// Operator topics: TOPICS_FILE (JSON, or YAML for .yaml/.yml) adds topics or changes built-in ones.
//
// The file holds `{ topics: [...] }` (or just the array). Each entry names a `slug` and a `mode`:
//
//   extend  (default for a built-in slug) — merge into the built-in topic: `names` fields given
//           replace the built-in ones, `aliases`, `terms` and `block` are appended, `threshold` and
//           `excludedBy` replace the built-in values when given.
//   replace (default for a new slug) — the entry is the whole topic: `names` and at least one term
//           are required; for a built-in slug, nothing of the built-in definition is kept.
//   remove  — drop a built-in topic.
//
// `region: true` marks a topic as a place, which a source can have as its home region (the tagger's
// source prior, see ./source-region.ts); `region: false` takes that away from a built-in region.
//
// A term is `{ match: string | string[], weight: number, unlessAny?: string[], needsSupport?: bool,
// local?: bool }` (`local`: counts only for a source whose home region is the topic)
// with phrases in the lexicon syntax of ./types.ts. Every phrase is compiled while loading, so a
// phrase that is empty after stop words, or a malformed prefix, is reported with its place in the
// file. Errors are TopicsFileError: "<file>: <path in file>: <what is wrong>".
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import { compilePhrase } from "./tag.js";
import { BUILTIN_TOPICS } from "./taxonomy.js";
import { MAX_SLUG_LENGTH, MAX_TOPICS, type LexiconTerm, type Topic } from "./types.js";

export class TopicsFileError extends Error {
  override name = "TopicsFileError";
  constructor(
    readonly file: string,
    /** Where in the file, as `topics[2].terms[0].weight`; empty for whole-file problems. */
    readonly where: string,
    readonly reason: string,
  ) {
    super(where === "" ? `${file}: ${reason}` : `${file}: ${where}: ${reason}`);
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const phrase = z.string({ error: "must be a string" }).trim().min(1, "must not be empty");
const phrases = z
  .union([phrase, z.array(phrase).min(1, "must list at least one phrase")], {
    error: "must be a phrase or a list of phrases",
  })
  .transform((v) => (typeof v === "string" ? [v] : v));

const number = z.number({ error: "must be a number" });

const termSchema = z.strictObject({
  match: phrases,
  weight: number.positive("must be a positive number").max(100, "must be at most 100"),
  unlessAny: z.array(phrase).optional(),
  needsSupport: z.boolean().optional(),
  local: z.boolean().optional(),
});

const entrySchema = z.strictObject({
  slug: z
    .string()
    .regex(SLUG, "must be lower-case latin letters, digits and single hyphens")
    .max(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters (buttons carry it)`),
  mode: z.enum(["extend", "replace", "remove"]).optional(),
  names: z.strictObject({ ru: phrase.optional(), en: phrase.optional() }).optional(),
  aliases: z.array(phrase).optional(),
  threshold: number.positive("must be a positive number").optional(),
  excludedBy: z.array(z.string()).optional(),
  terms: z.array(termSchema).optional(),
  block: z.array(phrase).optional(),
  region: z.boolean({ error: "must be true or false" }).optional(),
});

const fileSchema = z.strictObject({
  topics: z.array(entrySchema, { error: "must be a list of topics" }),
}, { error: "must be an object with a `topics` list (or just the list)" });

type Entry = z.infer<typeof entrySchema>;

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function parseDocument(text: string, file: string): unknown {
  const ext = extname(file).toLowerCase();
  if (ext === ".json") {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new TopicsFileError(file, "", `not valid JSON (${(err as Error).message})`);
    }
  }
  if (ext === ".yaml" || ext === ".yml") {
    try {
      return parseYaml(text);
    } catch (err) {
      if (err instanceof YAMLParseError) {
        const pos = err.linePos?.[0];
        const first = err.message.split("\n")[0] ?? err.message;
        const where = pos ? `line ${pos.line}, column ${pos.col}` : "";
        throw new TopicsFileError(file, where, `not valid YAML (${first})`);
      }
      throw err;
    }
  }
  throw new TopicsFileError(file, "", `unsupported extension "${ext}": use .json, .yaml or .yml`);
}

function checkPhrases(file: string, where: string, list: readonly string[] | undefined): void {
  list?.forEach((p, i) => {
    try {
      compilePhrase(p);
    } catch (err) {
      throw new TopicsFileError(file, `${where}[${i}]`, (err as Error).message);
    }
  });
}

function toTerms(file: string, where: string, entry: Entry): LexiconTerm[] {
  return (entry.terms ?? []).map((t, i) => {
    checkPhrases(file, `${where}.terms[${i}].match`, t.match);
    checkPhrases(file, `${where}.terms[${i}].unlessAny`, t.unlessAny);
    return {
      match: t.match,
      weight: t.weight,
      ...(t.unlessAny ? { unlessAny: t.unlessAny } : {}),
      ...(t.needsSupport !== undefined ? { needsSupport: t.needsSupport } : {}),
      ...(t.local !== undefined ? { local: t.local } : {}),
    };
  });
}

/**
 * Applies a topics document (already read) to `base`. `file` names it in errors and picks the
 * format by extension.
 */
export function applyTopicsFile(text: string, file: string, base: readonly Topic[] = BUILTIN_TOPICS): Topic[] {
  const document = parseDocument(text, file);
  const parsed = fileSchema.safeParse(Array.isArray(document) ? { topics: document } : document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TopicsFileError(file, formatPath(issue.path), issue.message);
  }
  const result = base.map((t) => t);
  const seen = new Set<string>();
  parsed.data.topics.forEach((entry, index) => {
    const where = `topics[${index}]`;
    if (seen.has(entry.slug)) throw new TopicsFileError(file, `${where}.slug`, `"${entry.slug}" is listed twice`);
    seen.add(entry.slug);
    const at = result.findIndex((t) => t.slug === entry.slug);
    const existing = at >= 0 ? result[at] : undefined;
    const mode = entry.mode ?? (existing ? "extend" : "replace");
    checkPhrases(file, `${where}.block`, entry.block);
    if (mode === "remove") {
      if (!existing) throw new TopicsFileError(file, `${where}.slug`, `no topic "${entry.slug}" to remove`);
      result.splice(at, 1);
      return;
    }
    const terms = toTerms(file, where, entry);
    if (mode === "extend") {
      if (!existing) {
        throw new TopicsFileError(file, `${where}.mode`,
          `"extend" needs an existing topic, and there is no "${entry.slug}" (use "replace" to add one)`);
      }
      const threshold = entry.threshold ?? existing.lexicon.threshold;
      const excludedBy = entry.excludedBy ?? existing.lexicon.excludedBy;
      const region = entry.region ?? existing.region;
      result[at] = {
        slug: existing.slug,
        names: { ...existing.names, ...entry.names },
        aliases: [...new Set([...existing.aliases, ...(entry.aliases ?? [])])],
        lexicon: {
          terms: [...existing.lexicon.terms, ...terms],
          block: [...(existing.lexicon.block ?? []), ...(entry.block ?? [])],
          ...(threshold !== undefined ? { threshold } : {}),
          ...(excludedBy !== undefined ? { excludedBy } : {}),
        },
        ...(region !== undefined ? { region } : {}),
      };
      return;
    }
    if (entry.names?.ru === undefined || entry.names.en === undefined) {
      throw new TopicsFileError(file, `${where}.names`, "a new or replaced topic needs names.ru and names.en");
    }
    if (terms.length === 0) {
      throw new TopicsFileError(file, `${where}.terms`, "a new or replaced topic needs at least one term");
    }
    const topic: Topic = {
      slug: entry.slug,
      names: { ru: entry.names.ru, en: entry.names.en },
      aliases: entry.aliases ?? [],
      lexicon: {
        terms,
        ...(entry.block ? { block: entry.block } : {}),
        ...(entry.threshold !== undefined ? { threshold: entry.threshold } : {}),
        ...(entry.excludedBy ? { excludedBy: entry.excludedBy } : {}),
      },
      ...(entry.region !== undefined ? { region: entry.region } : {}),
    };
    if (existing) result[at] = topic;
    else result.push(topic);
  });
  if (result.length > MAX_TOPICS) {
    throw new TopicsFileError(file, "topics", `${result.length} topics with the built-ins; at most ${MAX_TOPICS} fit the bot's topic buttons`);
  }
  // References are checked last, against the final set, so entries may refer to later ones.
  parsed.data.topics.forEach((entry, index) => {
    entry.excludedBy?.forEach((slug, i) => {
      if (!result.some((t) => t.slug === slug)) {
        throw new TopicsFileError(file, `topics[${index}].excludedBy[${i}]`, `no topic "${slug}"`);
      }
    });
  });
  return result;
}

/** Built-in topics, with the operator's TOPICS_FILE applied when `file` is given. */
export function loadTopics(opts: { file?: string } = {}): Topic[] {
  if (opts.file === undefined || opts.file.trim() === "") return [...BUILTIN_TOPICS];
  let text: string;
  try {
    text = readFileSync(opts.file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TopicsFileError(opts.file, "", `cannot read the file${code ? ` (${code})` : ""}`);
  }
  return applyTopicsFile(text, opts.file);
}
