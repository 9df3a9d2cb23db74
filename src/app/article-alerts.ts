// Alert matching on ingest, apart from the dispatcher (app/alerts.ts): `vestnik ingest` and
// `vestnik sources` load neither grammY nor the message texts.
import { createAlertMatcher } from "../alerts/matcher.js";
import type { Logger } from "../logger.js";
import type { ArticleAlerts } from "../news/ingest.js";
import type { Store } from "./store.js";

/**
 * Alert matching for every ingest path, inside each document's transaction: a failure to match
 * fails the document like any other write, and the next poll or run stores it with its alerts.
 */
export function createArticleAlerts(store: Store, logger: Logger, onFiled?: () => void): ArticleAlerts {
  const matcher = createAlertMatcher({ repo: store.repos.alerts, logger });
  store.onClose(() => matcher.stop());
  return {
    prepare: () => matcher.prepare(),
    file: (tx, articles) => matcher.articlesStored(articles, tx.alerts),
    filed: (count) => {
      logger.debug({ alerts: count }, "alerts: filed");
      onFiled?.();
    },
  };
}
