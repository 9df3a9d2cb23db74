import type { Chat } from "grammy/types";
import { afterAll, describe, expect } from "vitest";
import { seedArticles } from "../digest/seed.js";
import type { FakeBotApi } from "../helpers/fake-bot-api.js";
import { feed, rss, type FeedItem, type FeedServer } from "../helpers/feed-server.js";
import { it, test } from "../helpers/fixtures.js";
import { runCli, startCli, type RunningCli } from "../helpers/run-cli.js";

const CHANNEL = { id: -1_001_234_500_001, type: "channel", title: "Central Asia Daily", username: "ca_daily" } as Chat;
const GROUP = { id: -1_001_234_500_002, type: "supergroup", title: "Readers' club" } as Chat;
const FORUM = { id: -1_001_234_500_003, type: "supergroup", title: "Forum club", is_forum: true } as Chat;
const ALERTS_CHANNEL = { id: -1_001_234_500_004, type: "channel", title: "Naryn Alerts", username: "naryn_alerts" } as Chat;
const OWNER = 5101;
const STRANGER = 5102;

let fake: FakeBotApi;
let bot: RunningCli | undefined;
let feeds: FeedServer;
const items: FeedItem[] = [{ title: "Погода в Оше: облачно", link: "https://example.org/channels/0", pubDate: new Date(Date.now() - 3_600_000) }];

test.beforeAll(async ({ cliStore, feeds: feedServer, telegram }) => {
  const store = { ...cliStore.env };
  const database = await cliStore.open();
  try {
    await database.migrate();
    await seedArticles(database.db, new Date(), [{ title: "Pipeline news", age: 30, topics: ["energy"] }]);
  } finally {
    await database.close();
  }
  // A local feed the running bot polls, so a new story can arrive for the channel's alert.
  feeds = feedServer;
  feeds.route("/news.xml", feed(() => rss({ title: "Лента каналов", items })));
  const added = await runCli(["sources", "add", feeds.at("/news.xml"), "--every", "1s"], { ...store, ALLOW_PRIVATE_FEEDS: "true" });
  expect(added.code, added.stderr).toBe(0);
  fake = telegram;
  fake.addChat(CHANNEL);
  fake.addChat(GROUP);
  fake.setChatMember(CHANNEL.id, fake.botInfo.id, { status: "administrator", can_post_messages: true });
  fake.setChatMember(CHANNEL.id, OWNER, { status: "creator" });
  fake.setChatMember(GROUP.id, OWNER, { status: "administrator" });
  fake.addChat(FORUM);
  fake.setForumTopic(FORUM.id, 7, true);
  fake.setForumTopic(FORUM.id, 8, true);
  fake.setChatMember(FORUM.id, OWNER, { status: "administrator" });
  fake.addChat(ALERTS_CHANNEL);
  fake.setChatMember(ALERTS_CHANNEL.id, fake.botInfo.id, { status: "administrator", can_post_messages: true });
  fake.setChatMember(ALERTS_CHANNEL.id, OWNER, { status: "administrator" });
  bot = startCli(["run"], {
    ...store,
    ALLOW_PRIVATE_FEEDS: "true",
    POLL_INTERVAL: "1s",
    FETCH_TIMEOUT: "2s",
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
    // The group has no client language of its own: the digest comes in the one default (English),
    // the same rule as replies; its administrators choose another in /settings.
    expect(text(digest)).toContain("Your news digest");
    await sleep(3000);
    expect(fake.sent(GROUP.id).filter((p) => String(p.text).includes("Pipeline news"))).toHaveLength(1);
  });

  it("gives two topics of a forum their own digests, each in its own thread, once", { timeout: 90_000 }, async () => {
    fake.pushMessage("/subscribe", { chatType: "supergroup", chatId: FORUM.id, userId: OWNER, threadId: 7 });
    fake.pushMessage("/subscribe energy", { chatType: "supergroup", chatId: FORUM.id, userId: OWNER, threadId: 8 });
    const digests = () => fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === FORUM.id && text(c).includes("Pipeline news"));
    const deadline = Date.now() + 60_000;
    while (digests().length < 2 && Date.now() < deadline) await sleep(200);
    expect(digests().map((c) => c.payload.message_thread_id).sort()).toEqual([7, 8]);
    await sleep(3000);
    expect(digests()).toHaveLength(2);
  });

  it("posts the alerts a manager set up from their private chat to the channel, once per story", { timeout: 120_000 }, async () => {
    const ask = async (command: string, expected: string) => {
      fake.pushMessage(command, { userId: OWNER });
      return fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === OWNER && text(c).includes(expected), 30_000);
    };
    await ask("/connect @naryn_alerts", "@naryn_alerts is connected");
    // The channel's digest comes at once (due at 00:00); the new story must arrive after it.
    await fake.waitFor((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === ALERTS_CHANNEL.id, 45_000);
    await ask("/alert @naryn_alerts Нарын", "@naryn_alerts watches: <b>Нарын</b>");
    await ask("/quiet @naryn_alerts off", "Quiet hours are off");
    // A stranger can neither add alerts to it nor see them.
    fake.pushMessage("/alert @naryn_alerts Ош", { userId: STRANGER });
    await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === STRANGER && text(c).includes("You don't manage @naryn_alerts"), 30_000);

    const link = "https://example.org/channels/1";
    items.push({ title: "В Нарыне открыли новый мост", link, pubDate: new Date() });
    const posts = () => fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === ALERTS_CHANNEL.id && text(c).includes(link));
    const deadline = Date.now() + 45_000;
    while (posts().length === 0 && Date.now() < deadline) await sleep(200);
    expect(posts()).toHaveLength(1);
    expect(text(posts()[0]!)).toContain("В Нарыне открыли новый мост");
    // The alert went to the channel, not to the manager's private chat.
    expect(fake.sent(OWNER).filter((p) => String(p.text).includes(link))).toHaveLength(0);
    // Several more polls and dispatcher passes: still one post.
    await sleep(5000);
    expect(posts()).toHaveLength(1);
  });
});
