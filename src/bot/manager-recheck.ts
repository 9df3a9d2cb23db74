import { GrammyError, type Api } from "grammy";
import type { Channels } from "../digest/channels.js";
import type { Logger } from "../logger.js";
import { isAdministrator } from "./chat-admin.js";

/** How often `vestnik run` looks for managers to re-check, and how old a confirmation may get. */
export const RECHECK_EVERY_MS = 15 * 60_000;
export const RECHECK_AFTER_MS = 24 * 60 * 60_000;
const BATCH = 50;

export interface ManagerRecheckDeps {
  /** The bot's API client: its send defaults make the managers' notices HTML. */
  api: Pick<Api, "getChatMember" | "sendMessage">;
  channels: Channels;
  botId: number;
  /** Default: no logging. */
  logger?: Logger;
  /** A manager's rights are checked again once they are this old. Default RECHECK_AFTER_MS, a day. */
  staleAfterMs?: number;
  /** Default: the real clock. */
  now?: () => Date;
}

const refused = (error: unknown) => error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403);

/**
 * One round of the periodic re-check: for managers not confirmed for a day, asks Telegram whether
 * the bot may still post in the channel (if not, the channel stops and its managers are told once)
 * and whether each manager is still an administrator (if not, they lose the channel).
 */
export async function recheckManagers(deps: ManagerRecheckDeps): Promise<{ confirmed: number; dropped: number; stopped: number }> {
  const now = deps.now?.() ?? new Date();
  const stale = await deps.channels.staleManagers(new Date(now.getTime() - (deps.staleAfterMs ?? RECHECK_AFTER_MS)), BATCH);
  const result = { confirmed: 0, dropped: 0, stopped: 0 };
  const botOk = new Map<number, boolean>();
  for (const { chatId, userId } of stale) {
    if (!botOk.has(chatId)) botOk.set(chatId, await checkBot(deps, chatId, result));
    if (!botOk.get(chatId)) {
      // Nobody can be checked in a channel the bot has lost; the managers keep it, to reconnect or disconnect.
      await deps.channels.confirmManager(chatId, userId);
      continue;
    }
    let admin: boolean;
    try {
      admin = isAdministrator(await deps.api.getChatMember(chatId, userId));
    } catch (error) {
      if (!refused(error)) throw error;
      admin = false;
    }
    if (admin) {
      await deps.channels.confirmManager(chatId, userId);
      result.confirmed += 1;
    } else {
      await deps.channels.dropManager(chatId, userId);
      result.dropped += 1;
    }
  }
  return result;
}

async function checkBot(deps: ManagerRecheckDeps, chatId: number, result: { stopped: number }): Promise<boolean> {
  let reason: string | undefined;
  try {
    const bot = await deps.api.getChatMember(chatId, deps.botId);
    if (bot.status !== "administrator" || bot.can_post_messages !== true) reason = `recheck: ${bot.status}, not enough rights to post`;
  } catch (error) {
    if (!refused(error)) throw error;
    reason = `recheck: ${(error as GrammyError).description}`;
  }
  if (reason === undefined) return true;
  if (await deps.channels.deactivate(chatId, reason)) {
    result.stopped += 1;
    const send = (userId: number, text: string) => deps.api.sendMessage(userId, text);
    await deps.channels.notifyStopped(chatId, reason, send);
  }
  return false;
}

/** Runs recheckManagers every RECHECK_EVERY_MS in the background; failures are logged and retried next round. */
export function startManagerRecheck(deps: ManagerRecheckDeps & { everyMs?: number }): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    recheckManagers(deps)
      .then((r) => {
        if (r.dropped + r.stopped > 0) deps.logger?.info(r, "channels: rights re-checked");
      })
      .catch((error: unknown) => deps.logger?.warn({ err: error }, "channels: rights re-check failed"))
      .finally(() => {
        running = false;
      });
  }, deps.everyMs ?? RECHECK_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
