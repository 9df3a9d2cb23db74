import { createAlertDeactivation } from "../alerts/deactivate.js";
import { createAlertDispatcher, type AlertDispatcher } from "../alerts/dispatch.js";
import type { Config } from "../config.js";
import { createWorkerId } from "../digest/engine.js";
import type { Pacer } from "../digest/pacer.js";
import { createDigestSender } from "../digest/send.js";
import { createSendApi } from "../digest/send-api.js";
import { createFeatureTranslate } from "../digest/texts.js";
import type { Logger } from "../logger.js";
import type { Store } from "./store.js";

/** The alert dispatcher of `vestnik run`: the process's pacer, an API client without auto-retry. */
export function startAlertService(config: Config, store: Store, pacer: Pacer, token: string, logger: Logger): AlertDispatcher {
  const api = createSendApi(token, { apiRoot: config.TELEGRAM_API_ROOT });
  const { repos } = store;
  const sender = createDigestSender({ api, pacer, onMigrated: (from, to) => repos.subscribers.moveChat(from, to) });
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
