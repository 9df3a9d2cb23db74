import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { message, sentText } from "../helpers/bot-harness.js";
import { createSubscriptionWorld, type SubscriptionWorld } from "./subscribe-setup.js";

let world: SubscriptionWorld;

beforeAll(async () => {
  world = await createSubscriptionWorld(new Date("2025-06-10T03:00:00Z"));
});
afterAll(async () => world.database.close());

let nextUpdate = 9_500_000;

/** The service message Telegram posts when a group becomes a supergroup: in the old group, or in the new one. */
function migration(side: "old" | "new", oldId: number, newId: number, userId: number): Update {
  const from = { id: userId, is_bot: false, first_name: "Admin" };
  const date = Math.floor(Date.now() / 1000);
  const message =
    side === "old"
      ? { message_id: 1, date, from, chat: { id: oldId, type: "group", title: "Team" }, migrate_to_chat_id: newId }
      : { message_id: 1, date, from, chat: { id: newId, type: "supergroup", title: "Team" }, migrate_from_chat_id: oldId };
  return { update_id: nextUpdate++, message } as Update;
}

const row = (chatId: number) => world.repos.subscribers.find(chatId);
const command = (text: string, chatId: number, userId: number, chatType: "group" | "supergroup") =>
  world.harness.handleUpdate(message(`${text.replace(/^(\/\w+)/, "$1@vestnik_test_bot")}`, { chatType, chatId, userId }));

describe("a group that becomes a supergroup", () => {
  it("keeps its digest, settings and alerts under the new id, silently, whichever service message comes first", async () => {
    const [oldId, newId, admin] = [-555_101, -1_000_555_101, 9101];
    world.harness.setMember(oldId, admin, { status: "creator" });
    world.harness.setMember(newId, admin, { status: "creator" });
    await command("/subscribe energy", oldId, admin, "group");
    await command("/time 07:30", oldId, admin, "group");
    await command("/alert Токаев", oldId, admin, "group");
    const before = await row(oldId);
    expect(before).toMatchObject({ subscribed: true, topics: ["energy"], digestMinute: 450 });

    expect(await world.harness.handleUpdate(migration("old", oldId, newId, admin))).toEqual([]);
    expect(await row(oldId)).toBeUndefined();
    const after = await row(newId);
    expect(after).toMatchObject({ id: before!.id, subscribed: true, topics: ["energy"], digestMinute: 450, chatKind: "supergroup", blockedAt: null });
    expect((await world.repos.alerts.listWatches(after!.id)).map((w) => w.query)).toEqual(["Токаев"]);

    // The second notice, in the new supergroup, finds nothing left to move and changes nothing.
    expect(await world.harness.handleUpdate(migration("new", oldId, newId, admin))).toEqual([]);
    expect(await row(newId)).toMatchObject({ id: before!.id, topics: ["energy"], digestMinute: 450 });
    expect(sentText(await command("/alerts", newId, admin, "supergroup"))).toContain("Токаев");
  });

  it("moves a group whose bot was let go by the upgrade, and lets a subscription the new chat already has win", async () => {
    const [oldId, newId, admin] = [-555_102, -1_000_555_102, 9102];
    world.harness.setMember(oldId, admin, { status: "creator" });
    world.harness.setMember(newId, admin, { status: "creator" });
    await command("/subscribe", oldId, admin, "group");
    await world.repos.subscribers.markChatBlocked(oldId, "my_chat_member: left");
    expect(await world.harness.handleUpdate(migration("new", oldId, newId, admin))).toEqual([]);
    expect(await row(newId)).toMatchObject({ subscribed: true, blockedAt: null, blockedReason: null });

    const [otherOld, otherNew] = [-555_103, -1_000_555_103];
    world.harness.setMember(otherOld, admin, { status: "creator" });
    world.harness.setMember(otherNew, admin, { status: "creator" });
    await command("/subscribe energy", otherOld, admin, "group");
    await command("/subscribe sport", otherNew, admin, "supergroup");
    await world.harness.handleUpdate(migration("old", otherOld, otherNew, admin));
    expect(await row(otherOld)).toBeUndefined();
    expect(await row(otherNew)).toMatchObject({ topics: ["sport"] });
  });
});
