import { createAlertDeactivation } from "../alerts/deactivate.js";
import { createAlertDispatcher, type AlertDispatcher } from "../alerts/dispatch.js";
import { createAlertMatcher } from "../alerts/matcher.js";
import type { Config } from "../config.js";
import { createWorkerId } from "../digest/engine.js";
import type { Pacer } from "../digest/pacer.js";
import { createDigestSender } from "../digest/send.js";
import { createSendApi } from "../digest/send-api.js";
import { createFeatureTranslate } from "../digest/texts.js";
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

/** The alert dispatcher of `vestnik run`: the process's pacer, an API client without auto-retry. */
export function startAlertService(config: Config, store: Store, pacer: Pacer, token: string, logger: Logger): AlertDispatcher {
  const api = createSendApi(token, { apiRoot: config.TELEGRAM_API_ROOT });
  const sender = createDigestSender({ api, pacer });
  const { repos } = store;
  const dispatcher = createAlertDispatcher({
    repo: repos.alerts,
    sender,
    // As for digests: a deleted forum topic stops that topic, anything else the chat; a channel's
    // managers hear why, once, through the same pacer.
    deactivate: createAlertDeactivation({ repos, send: (chatId, text) => sender.send(chatId, text), logger }),
    t: createFeatureTranslate("alerts", "digest"),
    worker: createWorkerId(),
    leaseMs: config.DIGEST_LEASE,
    hourlyCap: config.ALERT_HOURLY_CAP,
    logger,
  });
  dispatcher.start();
  return dispatcher;
}
