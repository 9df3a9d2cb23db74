// A source's home region through the real store: measured from its tagged history, set or switched
// off by the operator, and applied by ingest and by re-tagging.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { canonicalUrl } from "../../src/news/canonical-url.js";
import { createIngestor } from "../../src/news/ingest.js";
import type { ParsedDocument, ParsedItem } from "../../src/news/types.js";
import { createTopicService } from "../../src/topics/service.js";
import { createSourceRegions, homeRegion } from "../../src/topics/source-region.js";
import { createTagger } from "../../src/topics/tag.js";
import { BUILTIN_TOPICS } from "../../src/topics/taxonomy.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

let database: TestDatabase;
let repos: Repositories;

const base = Date.parse("2026-05-10T12:00:00Z");
let serial = 0;

function item(title: string, body: string): ParsedItem {
  serial++;
  return { title, body, summary: "", url: `https://kg.example/news/${serial}`, publishedAt: new Date(base + serial * 60_000), categories: [] };
}

function doc(siteUrl: string, items: ParsedItem[]): ParsedDocument {
  return { kind: "rss", title: siteUrl, siteUrl, lang: "ru", items };
}

// Kyrgyz news that names the country: what a Kyrgyz outlet's history looks like.
const HISTORY = Array.from({ length: 12 }, (_, i) =>
  item(`Кыргызстан и соседи: новость ${i}`, `Правительство Кыргызстана обсудило вопрос номер ${i} в Бишкеке.`));
// Local news that never names the country.
const LOCAL = (n: number) => item(`Ботанический сад будут поливать артезианской водой (${n})`,
  "На строительство скважины правительство выделило 3 млн сомов. Ежегодно сад платит за полив 140 тыс. сомов.");

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
});

afterAll(async () => database.close());

function ingestor(regions = createSourceRegions({ topics: BUILTIN_TOPICS, repos })) {
  return createIngestor({ repos, tagger: createTagger(BUILTIN_TOPICS), sourceRegion: (id) => regions.regionOf(id) });
}

async function sourceOf(site: string) {
  const source = await repos.sources.findByUrl(canonicalUrl(site)!);
  if (!source) throw new Error(`no source ${site}`);
  return source;
}

/** The topics of the newest article of a source. */
async function newestTopics(sourceId: number): Promise<string[]> {
  const rows = await repos.articleTopics.textsAfter(0, 10_000);
  const last = rows.filter((r) => r.sourceId === sourceId).at(-1)!;
  return (await repos.articleTopics.topicsOf([last.id])).get(last.id) ?? [];
}

describe("source home region", () => {
  it("is measured from the source's tagged history and lent to its local articles", async () => {
    const regional = ingestor();
    await regional.ingestDocument(doc("https://kg.example", HISTORY), { key: "https://kg.example", fallbackTitle: "KG", kind: "file" });
    const kg = (await sourceOf("https://kg.example"));
    const history = await repos.articleTopics.sourceHistory(kg.id, 200);
    expect(history.articles).toBe(12);
    expect(history.topics.get("central-asia")).toBe(12);
    expect(homeRegion(history, ["central-asia", "russia"])).toBe("central-asia");

    await regional.ingestDocument(doc("https://kg.example", [LOCAL(1)]), { key: "https://kg.example", fallbackTitle: "KG", kind: "file" });
    expect(await newestTopics(kg.id)).toContain("central-asia");
  });

  it("is absent for a source without history: the same local article stays untagged", async () => {
    await ingestor().ingestDocument(doc("https://new.example", [LOCAL(2)]), { key: "https://new.example", fallbackTitle: "New", kind: "file" });
    const fresh = (await sourceOf("https://new.example"));
    expect((await repos.articleTopics.sourceHistory(fresh.id, 200)).articles).toBe(1);
    expect(await newestTopics(fresh.id)).not.toContain("central-asia");
  });

  it("follows the operator: a set region applies at once, 'none' switches the measured one off", async () => {
    const fresh = (await sourceOf("https://new.example"));
    await repos.sources.setRegion(fresh.id, "central-asia");
    await ingestor().ingestDocument(doc("https://new.example", [LOCAL(3)]), { key: "https://new.example", fallbackTitle: "New", kind: "file" });
    expect(await newestTopics(fresh.id)).toContain("central-asia");

    const kg = (await sourceOf("https://kg.example"));
    await repos.sources.setRegion(kg.id, "");
    const regions = createSourceRegions({ topics: BUILTIN_TOPICS, repos });
    expect(await regions.regionOf(kg.id)).toBeUndefined();
    await repos.sources.setRegion(kg.id, null);
    expect(await regions.regionOf(kg.id)).toBe("central-asia");
  });

  it("needs enough articles and a clear majority to measure a region", async () => {
    const regions = ["central-asia", "russia"];
    expect(homeRegion({ articles: 5, topics: new Map([["central-asia", 5]]) }, regions)).toBeUndefined();
    expect(homeRegion({ articles: 40, topics: new Map([["central-asia", 15], ["russia", 12]]) }, regions)).toBeUndefined();
    expect(homeRegion({ articles: 40, topics: new Map([["russia", 30]]) }, regions)).toBe("russia");
    // Subjects are not regions, however frequent.
    expect(homeRegion({ articles: 40, topics: new Map([["economy", 40]]) }, regions)).toBeUndefined();
  });

  it("reuses a measured region until its time is up", async () => {
    let now = 0;
    let reads = 0;
    const counting = {
      sources: repos.sources,
      articleTopics: {
        sourceHistory: async (id: number, window: number) => {
          reads++;
          return repos.articleTopics.sourceHistory(id, window);
        },
      },
    };
    const kg = (await sourceOf("https://kg.example"));
    const regions = createSourceRegions({ topics: BUILTIN_TOPICS, repos: counting, settings: { ttlMs: 1000 }, now: () => now });
    await regions.regionOf(kg.id);
    await regions.regionOf(kg.id);
    expect(reads).toBe(1);
    now = 2000;
    await regions.regionOf(kg.id);
    expect(reads).toBe(2);
  });

  it("is applied when the store is re-tagged", async () => {
    const kg = (await sourceOf("https://kg.example"));
    const service = createTopicService({ topics: BUILTIN_TOPICS, repos });
    // Without the prior, the local article of the regional source loses Central Asia …
    await service.retag();
    expect(await newestTopics(kg.id)).not.toContain("central-asia");
    // … and with each source's region it gets it back.
    const regions = createSourceRegions({ topics: BUILTIN_TOPICS, repos });
    await service.retag(undefined, (id) => regions.regionOf(id));
    expect(await newestTopics(kg.id)).toContain("central-asia");
  });
});
