import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { regionSlugs } from "../../src/topics/source-region.js";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_SLUGS } from "../../src/topics/taxonomy.js";
import { applyTopicsFile, loadTopics, TopicsFileError } from "../../src/topics/topics-file.js";
import { MAX_TOPICS } from "../../src/topics/types.js";

const dir = mkdtempSync(join(tmpdir(), "vestnik-topics-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function failure(run: () => unknown): TopicsFileError {
  try {
    run();
  } catch (err) {
    if (err instanceof TopicsFileError) return err;
    throw err;
  }
  throw new Error("expected a TopicsFileError");
}

const AGRICULTURE = `
topics:
  - slug: agriculture
    names: { ru: Сельское хозяйство, en: Agriculture }
    aliases: [агро]
    terms:
      - match: [урожай, пшениц*]
        weight: 2
      - match: фермер*
        weight: 2
`;

describe("topics file", () => {
  it("returns the built-ins without a file", () => {
    expect(loadTopics().map((t) => t.slug)).toEqual(BUILTIN_SLUGS);
    expect(loadTopics({ file: "" }).map((t) => t.slug)).toEqual(BUILTIN_SLUGS);
  });

  it("adds a topic from YAML", () => {
    const topics = loadTopics({ file: write("add.yaml", AGRICULTURE) });
    expect(topics.map((t) => t.slug)).toEqual([...BUILTIN_SLUGS, "agriculture"]);
    const tagger = createTagger(topics);
    expect(tagger.tag({ title: "Фермеры собрали рекордный урожай пшеницы", text: "" })).toContain("agriculture");
  });

  it("extends, replaces and removes built-ins from JSON", () => {
    const topics = loadTopics({ file: write("change.json", JSON.stringify({ topics: [
      { slug: "central-asia", aliases: ["Туран"], terms: [{ match: "Каракумы", weight: 3 }] },
      { slug: "sport", mode: "remove" },
      { slug: "culture", mode: "replace", names: { ru: "Кино", en: "Film" }, terms: [{ match: ["фильм*"], weight: 3 }] },
    ] })) });
    const slugs = topics.map((t) => t.slug);
    expect(slugs).not.toContain("sport");
    const ca = topics.find((t) => t.slug === "central-asia")!;
    expect(ca.aliases).toContain("Туран");
    expect(ca.aliases).toContain("Средняя Азия");
    const culture = topics.find((t) => t.slug === "culture")!;
    expect(culture.names).toEqual({ ru: "Кино", en: "Film" });
    expect(culture.lexicon.terms).toHaveLength(1);
    const tagger = createTagger(topics);
    expect(tagger.tag({ title: "Пески Каракумы наступают", text: "" })).toContain("central-asia");
    expect(tagger.tag({ title: "Матч закончился вничью", text: "" })).toEqual([]);
  });

  it("accepts a bare list", () => {
    expect(applyTopicsFile(`[{"slug": "sport", "mode": "remove"}]`, "t.json").map((t) => t.slug)).not.toContain("sport");
  });

  it.each([
    ["bad weight", "t.yaml", "topics:\n  - slug: x\n    names: {ru: X, en: X}\n    terms:\n      - match: урожай\n        weight: -1\n",
      "topics[0].terms[0].weight", /positive/],
    ["bad slug", "t.yaml", "topics:\n  - slug: Agri Culture\n", "topics[0].slug", /lower-case/],
    ["slug too long for a button", "t.json", `[{"slug": "${"a".repeat(39)}", "names": {"ru": "А", "en": "A"}, "terms": [{"match": "урожай", "weight": 2}]}]`,
      "topics[0].slug", /at most 38 characters/],
    ["unknown key", "t.json", `{"topics": [{"slug": "sport", "colour": "red"}]}`, "topics[0]", /colour/],
    ["stop-word phrase", "t.json", `{"topics": [{"slug": "sport", "terms": [{"match": ["и", "в"], "weight": 1}]}]}`,
      "topics[0].terms[0].match[0]", /no words left/],
    ["short prefix", "t.json", `{"topics": [{"slug": "sport", "block": ["к*"]}]}`, "topics[0].block[0]", /too short/],
    ["new topic without names", "t.yaml", "topics:\n  - slug: agri\n    terms: [{match: урожай, weight: 2}]\n",
      "topics[0].names", /names\.ru/],
    ["new topic without terms", "t.yaml", "topics:\n  - slug: agri\n    names: {ru: А, en: A}\n", "topics[0].terms", /at least one term/],
    ["extend unknown", "t.json", `{"topics": [{"slug": "agri", "mode": "extend"}]}`, "topics[0].mode", /no "agri"/],
    ["remove unknown", "t.json", `{"topics": [{"slug": "agri", "mode": "remove"}]}`, "topics[0].slug", /no topic "agri"/],
    ["duplicate slug", "t.json", `[{"slug": "sport", "aliases": ["a"]}, {"slug": "sport", "aliases": ["b"]}]`,
      "topics[1].slug", /twice/],
    ["dangling excludedBy", "t.json", `[{"slug": "sport", "excludedBy": ["weather"]}]`, "topics[0].excludedBy[0]", /no topic "weather"/],
    ["wrong shape", "t.json", `{"topic": []}`, "", /./],
  ])("reports %s with the file and the path inside it", (_, file, text, where, reason) => {
    const err = failure(() => applyTopicsFile(text, file));
    expect(err.file).toBe(file);
    if (where !== "") expect(err.where).toBe(where);
    expect(err.reason).toMatch(reason);
    expect(err.message.startsWith(`${file}: `)).toBe(true);
  });

  it("refuses more topics than the topic buttons can show, and takes as many as they can", () => {
    const topic = (i: number) => ({ slug: `extra-${i}`, names: { ru: `Тема ${i}`, en: `Topic ${i}` }, terms: [{ match: [`слово${i}`], weight: 3 }] });
    const room = MAX_TOPICS - BUILTIN_SLUGS.length;
    const most = Array.from({ length: room }, (_, i) => topic(i));
    expect(applyTopicsFile(JSON.stringify(most), "t.json")).toHaveLength(MAX_TOPICS);
    const err = failure(() => applyTopicsFile(JSON.stringify([...most, topic(room)]), "t.json"));
    expect(err.where).toBe("topics");
    expect(err.reason).toMatch(new RegExp(`^${MAX_TOPICS + 1} topics with the built-ins; at most ${MAX_TOPICS}`));
  });

  it("reports syntax errors with a line", () => {
    const yaml = failure(() => applyTopicsFile("topics: [\n  - a", "bad.yaml"));
    expect(yaml.message).toMatch(/^bad\.yaml: line \d+, column \d+: not valid YAML/);
    const json = failure(() => applyTopicsFile("{", "bad.json"));
    expect(json.message).toMatch(/^bad\.json: not valid JSON/);
  });

  it("reports unreadable files and unsupported extensions", () => {
    const missing = join(dir, "missing.yaml");
    expect(failure(() => loadTopics({ file: missing })).message).toBe(`${missing}: cannot read the file (ENOENT)`);
    expect(failure(() => loadTopics({ file: write("topics.txt", "x") })).reason).toMatch(/unsupported extension/);
  });
});

describe("topics file: regions and local terms", () => {
  const yaml = [
    "topics:",
    "  - slug: osh-region",
    "    names: {ru: Ош, en: Osh}",
    "    region: true",
    "    terms:",
    "      - {match: Ош, weight: 3}",
    "      - {match: [\"Келечек\", \"Амир-Тимур\"], weight: 2, local: true}",
    "  - slug: russia",
    "    region: false",
  ].join("\n");

  it("marks a topic as a region, unmarks a built-in one, and reads local terms", () => {
    const topics = applyTopicsFile(yaml, "t.yaml");
    const regions = regionSlugs(topics);
    expect(regions).toContain("osh-region");
    expect(regions).toContain("central-asia");
    expect(regions).not.toContain("russia");
    const local = topics.find((t) => t.slug === "osh-region")!.lexicon.terms[1]!;
    expect(local.local).toBe(true);
  });

  it("counts a local term only for a source of that region", () => {
    const tagger = createTagger(applyTopicsFile(yaml, "t.yaml"));
    const input = { title: "В микрорайоне Келечек отремонтируют дорогу", text: "Работы начнутся в июне." };
    expect(tagger.tag(input)).not.toContain("osh-region");
    expect(tagger.tag({ ...input, sourceRegion: "osh-region" })).toContain("osh-region");
  });
});
