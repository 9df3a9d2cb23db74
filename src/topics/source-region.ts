// A source's home region: the region topic most of its articles are about. It feeds the tagger's
// source prior (see tag.ts): a local outlet's story about a debate of deputies or a budget in soms is
// news of its region even when the story never names the country.
//
// Where it comes from, strongest first:
//   1. the operator: `vestnik sources add --region <topic>` / `vestnik sources set-region`, stored on
//      the source ('' stores "none": no prior for this source, whatever its history says);
//   2. the source's own tagged history: of its newest `window` articles, at least `minArticles`
//      exist and a `share` of them carry one region topic.
// Region topics are those marked `region` (the built-in geographic ones, or the operator's in the
// topics file).
import type { Topic } from "./types.js";

export interface SourceRegionSettings {
  /** How many of the source's newest articles are looked at. */
  window: number;
  /** Fewer articles than this: no measured region yet. */
  minArticles: number;
  /** Share of those articles one region topic must reach. */
  share: number;
  /** How long a measured region is reused before it is measured again. */
  ttlMs: number;
}

export const DEFAULT_SOURCE_REGION_SETTINGS: SourceRegionSettings = {
  window: 200,
  minArticles: 10,
  share: 0.5,
  ttlMs: 10 * 60_000,
};

export interface SourceHistory {
  /** How many articles were looked at. */
  articles: number;
  /** Of those, how many carry each topic. */
  topics: ReadonlyMap<string, number>;
}

/** Slugs of the region topics of a taxonomy. */
export function regionSlugs(topics: readonly Topic[]): string[] {
  return topics.filter((t) => t.region === true).map((t) => t.slug);
}

/** The region most of a history is about, if one region has the required share. */
export function homeRegion(
  history: SourceHistory,
  regions: readonly string[],
  settings: Pick<SourceRegionSettings, "minArticles" | "share"> = DEFAULT_SOURCE_REGION_SETTINGS,
): string | undefined {
  if (history.articles < settings.minArticles || history.articles === 0) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  for (const slug of regions) {
    const n = history.topics.get(slug) ?? 0;
    if (n > bestCount) {
      best = slug;
      bestCount = n;
    }
  }
  return bestCount / history.articles >= settings.share ? best : undefined;
}

/** The operator's stored choice: a known region slug, "none" (''), or undefined for "measure it". */
export function storedRegion(region: string | null, regions: readonly string[]): { kind: "set"; region: string | undefined } | { kind: "auto" } {
  if (region === null || (region !== "" && !regions.includes(region))) return { kind: "auto" };
  return { kind: "set", region: region === "" ? undefined : region };
}

export interface SourceRegionDeps {
  topics: readonly Topic[];
  repos: {
    sources: { find(id: number): Promise<{ region: string | null } | undefined> };
    articleTopics: { sourceHistory(sourceId: number, window: number): Promise<SourceHistory> };
  };
  /** Overrides of DEFAULT_SOURCE_REGION_SETTINGS, field by field. Default: none. */
  settings?: Partial<SourceRegionSettings>;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
}

export interface SourceRegions {
  /** The source's home region slug, or undefined when it has none. */
  regionOf(sourceId: number): Promise<string | undefined>;
}

export function createSourceRegions(deps: SourceRegionDeps): SourceRegions {
  const settings = { ...DEFAULT_SOURCE_REGION_SETTINGS, ...deps.settings };
  const now = deps.now ?? Date.now;
  const regions = regionSlugs(deps.topics);
  const measured = new Map<number, { region: string | undefined; at: number }>();
  return {
    async regionOf(sourceId) {
      const source = await deps.repos.sources.find(sourceId);
      if (!source) return undefined;
      const stored = storedRegion(source.region, regions);
      if (stored.kind === "set") return stored.region;
      const cached = measured.get(sourceId);
      if (cached && now() - cached.at < settings.ttlMs) return cached.region;
      const history = await deps.repos.articleTopics.sourceHistory(sourceId, settings.window);
      const region = homeRegion(history, regions, settings);
      // A young source is measured again next time: its first articles are its history.
      if (history.articles >= settings.minArticles) measured.set(sourceId, { region, at: now() });
      return region;
    },
  };
}
