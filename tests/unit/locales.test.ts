import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../locales/", import.meta.url));
const LANGUAGES = ["ru", "en"] as const;

/** Variables the code fills with numbers (see the ctx.t calls in src/bot/features). */
const NUMERIC = new Set(["count", "articles", "failures", "max", "sources", "feeds", "failing", "subscribers", "digests", "id"]);

/** Numbers that are not counting anything, so no noun agrees with them. */
const BARE_NUMBERS = new Set([
  "latest-usage", // "a whole number from 1 to { $max }"
]);

type Expression = { type: string; name?: string; selector?: Expression; variants?: { key: { type: string; value: unknown }; value: Pattern }[] };
type Pattern = string | (string | Expression)[];

interface Message {
  id: string;
  value: Pattern | null;
  attributes: Record<string, Pattern>;
}

function load(language: string): Map<string, { file: string; message: Message }> {
  const messages = new Map<string, { file: string; message: Message }>();
  for (const file of readdirSync(`${ROOT}${language}`).filter((f) => f.endsWith(".ftl")).sort()) {
    const source = readFileSync(`${ROOT}${language}/${file}`, "utf8");
    const resource = new FluentResource(source);
    const body = resource.body as unknown as Message[];
    // FluentResource skips what it cannot parse without a word: count the entries by hand.
    const declared = source.match(/^-?[a-zA-Z][\w-]*\s*=/gm) ?? [];
    expect(body.length, `${language}/${file}: an entry does not parse`).toBe(declared.length);
    for (const message of body) messages.set(message.id, { file, message });
  }
  return messages;
}

/** Calls `visit` for every placeable with the text right before it; selects are entered. */
function walk(pattern: Pattern | null, visit: (e: Expression, before: string) => void, before = ""): void {
  if (pattern === null || typeof pattern === "string") return;
  let text = before;
  for (const element of pattern) {
    if (typeof element === "string") {
      text += element;
      continue;
    }
    visit(element, text);
    if (element.type === "select") for (const variant of element.variants ?? []) walk(variant.value, visit, text);
    text = "";
  }
}

function variables(message: Message): string[] {
  const names = new Set<string>();
  const visit = (e: Expression) => {
    if (e.type === "var" && e.name) names.add(e.name);
    if (e.selector?.type === "var" && e.selector.name) names.add(e.selector.name);
  };
  walk(message.value, visit);
  for (const attribute of Object.values(message.attributes)) walk(attribute, visit);
  return [...names].sort();
}

const catalogs = Object.fromEntries(LANGUAGES.map((l) => [l, load(l)])) as Record<(typeof LANGUAGES)[number], ReturnType<typeof load>>;

describe("locale files", () => {
  it("have the same files and the same keys in every language, each in the same file", () => {
    expect(readdirSync(`${ROOT}ru`).sort()).toEqual(readdirSync(`${ROOT}en`).sort());
    const ru = [...catalogs.ru.entries()].map(([id, m]) => `${m.file}:${id}`).sort();
    const en = [...catalogs.en.entries()].map(([id, m]) => `${m.file}:${id}`).sort();
    expect(ru).toEqual(en);
    expect(ru.length).toBeGreaterThan(100);
  });

  it("use the same variables for a message in every language", () => {
    for (const [id, { message }] of catalogs.en) {
      const ru = catalogs.ru.get(id)?.message;
      expect(ru && variables(ru), id).toEqual(variables(message));
    }
  });

  it.each(LANGUAGES)("%s: a number that counts something chooses its words with a plural selector", (language) => {
    const problems: string[] = [];
    for (const [id, { message }] of catalogs[language]) {
      const selected = new Set<string>();
      walk(message.value, (e) => {
        if (e.type === "select" && e.selector?.type === "var" && e.selector.name) selected.add(e.selector.name);
      });
      walk(message.value, (e, before) => {
        if (e.type !== "var" || !e.name || !NUMERIC.has(e.name) || selected.has(e.name) || BARE_NUMBERS.has(id)) return;
        // "Articles: 5", "#12": a label or a number sign, nothing to agree with.
        if (/[:#№]\s*$/.test(before)) return;
        problems.push(`${id}: { $${e.name} } after "${before.slice(-30)}"`);
      });
    }
    expect(problems).toEqual([]);
  });

  it("ru: a printed number picks between one, few and many (21 статья, 22 статьи, 25 статей)", () => {
    const problems: string[] = [];
    for (const [id, { message }] of catalogs.ru) {
      const printed = new Set<string>();
      walk(message.value, (e) => {
        if (e.type === "var" && e.name && NUMERIC.has(e.name)) printed.add(e.name);
      });
      walk(message.value, (e) => {
        if (e.type !== "select" || e.selector?.type !== "var" || !printed.has(e.selector.name ?? "")) return;
        const keys = new Set((e.variants ?? []).filter((v) => v.key.type === "str").map((v) => String(v.key.value)));
        for (const category of ["one", "few", "many"]) if (!keys.has(category)) problems.push(`${id}: no [${category}] for $${e.selector.name}`);
      });
    }
    expect(problems).toEqual([]);
  });
});
