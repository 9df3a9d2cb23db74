import { GrammyError } from "grammy";
import type { ChatMember } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recheckManagers } from "../../src/bot/manager-recheck.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createChannels, type Channels } from "../../src/digest/channels.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const BOT_ID = 7_000_000_001;
const DAY = 24 * 60 * 60_000;
let database: TestDatabase;
let repos: Repositories;
let channels: Channels;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
  channels = createChannels({ subscribers: repos.subscribers, chatManagers: repos.chatManagers, defaults: { timeZone: "UTC", digestMinute: 480 } });
});
afterAll(async () => database.close());

/** getChatMember answered from a table (missing: 400 "chat not found"), sendMessage recorded. */
function fakeApi(members: Record<string, Partial<ChatMember> & { status: string }>) {
  const sent: Array<{ chatId: number; text: string }> = [];
  const api = {
    getChatMember: async (chatId: number | string, userId: number) => {
      const member = members[`${chatId}:${userId}`];
      if (!member) throw new GrammyError("getChatMember failed", { ok: false, error_code: 400, description: "Bad Request: chat not found" }, "getChatMember", {});
      return member as ChatMember;
    },
    sendMessage: async (chatId: number | string, text: string) => {
      sent.push({ chatId: Number(chatId), text });
      return { message_id: sent.length } as never;
    },
  };
  return { api: api as never, sent };
}

describe("periodic re-check of channel rights", () => {
  it("keeps administrators, drops a manager who is no longer one, and leaves fresh confirmations alone", async () => {
    const chat = -100_600_000_001;
    await channels.connect(chat, "@recheck", 61);
    await channels.connect(chat, "@recheck", 62);
    const { api, sent } = fakeApi({
      [`${chat}:${BOT_ID}`]: { status: "administrator", can_post_messages: true },
      [`${chat}:61`]: { status: "creator" },
      [`${chat}:62`]: { status: "member" },
    });
    const fresh = await recheckManagers({ api, channels, botId: BOT_ID });
    expect(fresh).toEqual({ confirmed: 0, dropped: 0, stopped: 0 });
    const later = () => new Date(Date.now() + 2 * DAY);
    expect(await recheckManagers({ api, channels, botId: BOT_ID, now: later })).toEqual({ confirmed: 1, dropped: 1, stopped: 0 });
    expect(await repos.chatManagers.managersOf(chat)).toEqual([61]);
    expect(sent).toEqual([]);
  });

  it("stops a channel where the bot may no longer post and tells its managers once", async () => {
    const chat = -100_600_000_002;
    // Only this test's channel is due: the other one would be "stale" too by the moved clock.
    await channels.disconnect(-100_600_000_001);
    await channels.connect(chat, "@gone", 71);
    const { api, sent } = fakeApi({ [`${chat}:${BOT_ID}`]: { status: "administrator", can_post_messages: false } });
    const later = () => new Date(Date.now() + 2 * DAY);
    expect(await recheckManagers({ api, channels, botId: BOT_ID, now: later })).toMatchObject({ stopped: 1 });
    expect((await repos.subscribers.find(chat))?.blockedReason).toContain("not enough rights");
    expect(sent).toEqual([{ chatId: 71, text: expect.stringContaining("I stopped posting the digest to @gone") }]);
    const muchLater = () => new Date(Date.now() + 4 * DAY);
    expect(await recheckManagers({ api, channels, botId: BOT_ID, now: muchLater })).toMatchObject({ stopped: 0 });
    expect(sent).toHaveLength(1);
    expect(await repos.chatManagers.managersOf(chat)).toEqual([71]);
  });
});
