import type { Repositories } from "../db/repositories/index.js";
import { notifyChannelManagers } from "../digest/channel-notice.js";
import type { Logger } from "../logger.js";
import type { AlertDispatcherDeps } from "./dispatch.js";

export interface AlertDeactivationDeps {
  repos: Pick<Repositories, "subscribers" | "chatManagers">;
  /** One message to a manager's private chat, through the same pacer as the alerts. */
  send: (chatId: number, text: string) => Promise<unknown>;
  /** Default: no logging. */
  logger?: Logger;
}

/**
 * What the alert dispatcher does when Telegram refuses a chat for good, as the digest path does:
 * a deleted forum topic stops only that topic, anything else the whole chat, and a channel's
 * managers are told why, once (only the call that stopped it tells them).
 */
export function createAlertDeactivation(deps: AlertDeactivationDeps): AlertDispatcherDeps["deactivate"] {
  const { subscribers } = deps.repos;
  return async (chat, reason) => {
    const stopped = await subscribers.deactivateAfterSend(chat, reason);
    if (!stopped || chat.chatKind !== "channel") return;
    const channel = await subscribers.find(chat.chatId);
    if (!channel) return;
    await notifyChannelManagers({ repos: deps.repos, send: deps.send }, channel, reason).catch((error: unknown) =>
      deps.logger?.warn({ err: error, chatId: chat.chatId }, "alerts: could not tell a channel's managers"),
    );
  };
}

