import type { Config } from "../config.js";
import type { PollSettings } from "../news/poll.js";

// The composition root's translation from the environment-shaped Config into the plain settings
// that domain modules take, so no domain module depends on variable names.

/** Poll settings, shared by the poller and the source commands. */
export function pollSettings(config: Config): PollSettings {
  return {
    defaultIntervalMs: config.POLL_INTERVAL,
    timeoutMs: config.FETCH_TIMEOUT,
    maxBytes: config.MAX_FEED_BYTES,
    defaultTimeZone: config.DEFAULT_TIMEZONE,
    concurrency: config.POLL_CONCURRENCY,
    allowPrivateFeeds: config.ALLOW_PRIVATE_FEEDS,
  };
}

/** New readers' zone and digest time. */
export function digestDefaults(config: Pick<Config, "DEFAULT_TIMEZONE" | "DIGEST_TIME">): { timeZone: string; digestTime: string } {
  return { timeZone: config.DEFAULT_TIMEZONE, digestTime: config.DIGEST_TIME };
}
