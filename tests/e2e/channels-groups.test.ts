import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Chat } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { seedArticles } from "../digest/seed.js";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { startCli, type RunningCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const CHANNEL = { id: -1_001_234_500_001, type: "channel", title: "Central Asia Daily", username: "ca_daily" } as Chat;
const GROUP = { id: -1_001_234_500_002, type: "supergroup", title: "Readers' club" } as Chat;
const OWNER = 5101;
const STRANGER = 5102;

let dataDir: string;
let server: TestDatabase | undefined;
let fake: FakeBotApi;
let bot: RunningCli | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "vestnik-channels-"));
  let store: Record<string, string>;
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    store = { DATABASE_URL: server.url ?? "" };
  } else {
    store = { DATA_DIR: dataDir };
  }
  const database = store.DATABASE_URL ? await openDatabase({ url: store.DATABASE_URL }) : await openDatabase({ dataDir });
  try {
    await database.migrate();
    await seedArticles(database.db, new Date(), [{ title: "Pipeline news", age: 30, topics: ["energy"] }]);
  } finally {
    await database.close();
  }
  fake = await startFakeBotApi();
  fake.addChat(CHANNEL);
  fake.addChat(GROUP);
  fake.setChatMember(CHANNEL.id, fake.botInfo.id, { status: "administrator", can_post_messages: true });
  fake.setChatMember(CHANNEL.id, OWNER, { status: "creator" });
  fake.setChatMember(GROUP.id, OWNER, { status: "administrator" });
  bot = startCli(["run"], {
    ...store,
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    // Due at once in any zone, checked every second.
    DIGEST_TIME: "00:00",
    DIGEST_CHECK_INTERVAL: "1s",
  });
  // Generous: a PGlite process on a busy machine takes a while to open its store.
  const deadline = Date.now() + 150_000;
  while (!fake.polling) {
    if (Date.now() > deadline) throw new Error(`bot did not start polling:\n${bot.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 240_000);

afterAll(async () => {
  await bot?.stop("SIGKILL");
  await fake?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const text = (call: { payload: Record<string, unknown> }) => String(call.payload.text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("vestnik run: channels and groups against the fake Bot API", () => {
  it("refuses a non-admin, connects the owner's channel, and posts its digest exactly once", { timeout: 90_000 }, async () => {
    fake.pushMessage("/connect @ca_daily", { userId: STRANGER });
    const refused = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === STRANGER, 30_000);
    expect(text(refused)).toContain("You are not an administrator of @ca_daily");

    fake.pushMessage("/connect @ca_daily", { userId: OWNER });
    const done = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === OWNER, 30_000);
    expect(text(done)).toContain("@ca_daily is connected");

    const digest = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === CHANNEL.id, 45_000);
    expect(text(digest)).toContain("Pipeline news");
    // Several more scheduler checks pass; none may post again today.
    await sleep(4000);
    expect(fake.sent(CHANNEL.id)).toHaveLength(1);
    // The stranger's attempt stored nothing: they have no channels.
    fake.pushMessage("/channels", { userId: STRANGER });
    const list = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === STRANGER && text(c).includes("connected any channels"), 30_000);
    expect(text(list)).toContain("You haven't connected any channels yet.");
  });

  it("stops posting when the bot loses its right to post, and tells the owner once", { timeout: 60_000 }, async () => {
    fake.pushMyChatMember(CHANNEL.id, { status: "administrator", can_post_messages: false }, OWNER);
    const notice = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === OWNER && text(c).includes("I stopped posting"), 30_000);
    expect(text(notice)).toContain("I no longer have the right to post messages there.");
    fake.pushMyChatMember(CHANNEL.id, { status: "left" }, OWNER);
    await sleep(2000);
    expect(fake.sent(OWNER).filter((p) => String(p.text).includes("I stopped posting"))).toHaveLength(1);
  });

  it("lets only the group's administrators change its subscription", { timeout: 60_000 }, async () => {
    fake.pushMessage("/subscribe", { chatType: "supergroup", chatId: GROUP.id, userId: STRANGER });
    const refused = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === GROUP.id, 30_000);
    expect(text(refused)).toBe("Only the group's administrators can change its digest and settings.");
    // Not subscribed: no digest comes, though one would be due at once.
    await sleep(3000);
    expect(fake.sent(GROUP.id)).toHaveLength(1);

    fake.pushMessage("/subscribe", { chatType: "supergroup", chatId: GROUP.id, userId: OWNER });
    const digest = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === GROUP.id && text(c).includes("Pipeline news"), 45_000);
    // The group has no client language of its own: the digest comes in the default (Russian).
    expect(text(digest)).toContain("Ваша сводка новостей");
    await sleep(3000);
    expect(fake.sent(GROUP.id).filter((p) => String(p.text).includes("Pipeline news"))).toHaveLength(1);
  });
});
