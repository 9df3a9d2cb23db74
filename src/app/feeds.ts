import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { createIngestor } from "../news/ingest.js";
import { createPoller, type Poller } from "../news/poll.js";
import { createSourceService, type SourceService } from "../news/sources.js";
import { createLazyTagger } from "../topics/lazy-tagger.js";
import type { Topic } from "../topics/types.js";
import { createArticleAlerts } from "./article-alerts.js";
import { pollSettings } from "./settings.js";
import type { Store } from "./store.js";
import { sourceRegionLookup } from "./topics.js";

/** The source service and the poller over one store, as `vestnik run` and `vestnik sources` use them. */
export function createFeedServices(
  config: Config,
  store: Store,
  topics: readonly Topic[],
  logger: Logger,
  /** Wakes the alert dispatcher of this process when new alerts were filed. */
  onAlertsFiled?: () => void,
): { sources: SourceService; poller: Poller } {
  const alerts = createArticleAlerts(store, logger, onAlertsFiled);
  const ingestor = createIngestor({
    repos: store.repos,
    // `vestnik sources list` and a `vestnik run` whose feeds bring nothing new never compile it.
    tagger: createLazyTagger(topics),
    sourceRegion: sourceRegionLookup(store, topics),
    alerts,
  });
  const settings = pollSettings(config);
  return {
    sources: createSourceService({ repos: store.repos, ingestor, settings }),
    poller: createPoller({ repos: store.repos, ingestor, settings, logger }),
  };
}
