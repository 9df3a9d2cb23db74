import { ConfigError, type Config } from "../config.js";
import { loadTopics, TopicsFileError } from "../topics/topics-file.js";
import type { Topic } from "../topics/types.js";

/** The built-in taxonomy plus TOPICS_FILE; a bad file is a configuration error (exit 2). */
export async function configuredTopics(config: Config): Promise<Topic[]> {
  try {
    return loadTopics({ file: config.TOPICS_FILE });
  } catch (error) {
    if (error instanceof TopicsFileError) throw new ConfigError("TOPICS_FILE", error.message);
    throw error;
  }
}
