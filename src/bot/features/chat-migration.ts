import { Composer } from "grammy";
import type { Subscriptions } from "../../digest/subscriptions.js";
import type { ChatRights } from "../chat-admin.js";
import type { Context } from "../context.js";

export interface ChatMigrationDeps {
  subscriptions: Pick<Subscriptions, "moveChat">;
  /** Admin answers cached for the old id say nothing about the new chat. */
  rights?: ChatRights;
}

/**
 * A group that becomes a supergroup (an admin turned on a feature only supergroups have) gets a
 * new chat id, and the old one stops taking messages. Telegram says so twice: in the old group
 * («migrate_to_chat_id») and in the new supergroup («migrate_from_chat_id»). Either moves the
 * group's subscription, its settings and alerts to the new id; the second finds nothing to move.
 * No reply: it is a service message nobody typed.
 */
export function createChatMigrationFeature({ subscriptions, rights }: ChatMigrationDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const move = async (ctx: Context, from: number, to: number) => {
    rights?.forget(from);
    rights?.forget(to);
    const moved = await subscriptions.moveChat(from, to);
    if (moved > 0) ctx.logger.info({ from, to, moved }, "group became a supergroup: its subscriptions moved");
  };
  composer.on("message:migrate_to_chat_id", (ctx) => move(ctx, ctx.chat.id, ctx.message.migrate_to_chat_id));
  composer.on("message:migrate_from_chat_id", (ctx) => move(ctx, ctx.message.migrate_from_chat_id, ctx.chat.id));
  return composer;
}
