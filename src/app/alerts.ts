import { createAlertDispatcher, type AlertDispatcher } from "../alerts/dispatch.js";
import { createAlertMatcher } from "../alerts/matcher.js";
import type { Config } from "../config.js";
import { createWorkerId } from "../digest/engine.js";
import type { Pacer } from "../digest/pacer.js";
import { createDigestSender, createSendApi } from "../digest/send.js";
import { createFeatureTranslate } from "../digest/texts.js";
import type { Logger } from "../logger.js";
import type { StoredArticlesListener } from "../news/ingest.js";
import type { Store } from "./store.js";

/**
 * The matching step every ingest path runs. A failure to match is logged, not thrown: the
 * articles are stored by then, and failing the feed's poll would not bring the alerts back.
 */
export function createAlertListener(store: Store, logger: Logger, onFiled?: () => void): StoredArticlesListener {
  const matcher = createAlertMatcher({ repo: store.repos.alerts, logger, onFiled });
  return {
    async articlesStored(articles) {
      try {
        return await matcher.articlesStored(articles);
      } catch (error) {
        logger.error({ err: error, articles: articles.length }, "alerts: matching failed");
        return 0;
      }
    },
  };
}

/** The alert dispatcher of `vestnik run`: the process's pacer, an API client without auto-retry. */
export function startAlertService(config: Config, store: Store, pacer: Pacer, token: string, logger: Logger): AlertDispatcher {
  const api = createSendApi(token, config.TELEGRAM_API_ROOT);
  const dispatcher = createAlertDispatcher({
    repo: store.repos.alerts,
    sender: createDigestSender({ api, pacer }),
    markBlocked: (chatId, reason) => store.repos.subscribers.markBlocked(chatId, reason),
    t: createFeatureTranslate("alerts", "digest"),
    worker: createWorkerId(),
    leaseMs: config.DIGEST_LEASE,
    hourlyCap: config.ALERT_HOURLY_CAP,
    logger,
  });
  dispatcher.start();
  return dispatcher;
}
