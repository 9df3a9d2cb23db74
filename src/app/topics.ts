import { ConfigError, type Config } from "../config.js";
import { createSourceRegions } from "../topics/source-region.js";
import { loadTopics, TopicsFileError } from "../topics/topics-file.js";
import type { Topic } from "../topics/types.js";
import type { Store } from "./store.js";

/** The built-in taxonomy plus TOPICS_FILE; a bad file is a configuration error (exit 2). */
export async function configuredTopics(config: Config): Promise<Topic[]> {
  try {
    return loadTopics({ file: config.TOPICS_FILE });
  } catch (error) {
    if (error instanceof TopicsFileError) throw new ConfigError("TOPICS_FILE", error.message);
    throw error;
  }
}

/** Each source's home region, for the tagger's source prior (operator's setting or measured). */
export function sourceRegionLookup(store: Store, topics: readonly Topic[]): (sourceId: number) => Promise<string | undefined> {
  const regions = createSourceRegions({ topics, repos: store.repos });
  return (sourceId) => regions.regionOf(sourceId);
}
