import { afterAll, describe, expect } from "vitest";
import type { FakeBotApi, RecordedCall } from "../helpers/fake-bot-api.js";
import { feed, rss, type FeedItem, type FeedServer } from "../helpers/feed-server.js";
import { it, test } from "../helpers/fixtures.js";
import { runCli, startCli, type RunningCli } from "../helpers/run-cli.js";

let env: Record<string, string>;
let fake: FakeBotApi;
let feeds: FeedServer;
let bot: RunningCli | undefined;

const WATCHER = 810_001;
const OTHER_WATCHER = 810_002;
const BYSTANDER = 810_003;
const items: FeedItem[] = [{ title: "Погода в Бишкеке: солнечно", link: "https://example.org/alerts/0", pubDate: new Date(Date.now() - 3_600_000) }];

test.beforeAll(async ({ feeds: feedServer, telegram, cliStore }) => {
  feeds = feedServer;
  fake = telegram;
  env = { ...cliStore.env, ALLOW_PRIVATE_FEEDS: "true" };
  feeds.route("/news.xml", feed(() => rss({ title: "Лента алертов", items })));
  const added = await runCli(["sources", "add", feeds.at("/news.xml"), "--every", "1s"], env);
  expect(added.code, added.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await bot?.stop("SIGKILL");
});

function start(): RunningCli {
  return startCli(["run"], { ...env, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, POLL_INTERVAL: "1s", FETCH_TIMEOUT: "2s" });
}

async function waitPolling(running: RunningCli): Promise<void> {
  // Generous: a cold start of `vestnik run` on a busy 2-core machine takes tens of seconds.
  const deadline = Date.now() + 90_000;
  while (!fake.polling) {
    if (Date.now() > deadline) throw new Error(`bot did not start polling:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function ask(text: string, chatId: number): Promise<RecordedCall> {
  const before = fake.calls.length;
  fake.pushMessage(text, { chatId, userId: chatId });
  return fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === chatId && fake.calls.indexOf(c) >= before, 20_000);
}

const alertsTo = (chatId: number) =>
  fake.calls.filter((c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chatId && String(c.payload.text).includes("Alert"));

describe("vestnik run: instant alerts", () => {
  it("sends the watcher exactly one alert within seconds of a matching story, and nobody else anything", { timeout: 240_000 }, async () => {
    bot = start();
    await waitPolling(bot);
    expect(String((await ask("/alert Бишкек", WATCHER)).payload.text)).toContain("Watching: <b>Бишкек</b>");
    await ask("/quiet off", WATCHER);
    await ask("/alert Токаев", OTHER_WATCHER);
    await ask("/quiet off", OTHER_WATCHER);
    await ask("/latest", BYSTANDER);

    const arrived = Date.now();
    items.push({ title: "Мэрия Бишкека перекрыла центр города", link: "https://example.org/alerts/1", pubDate: new Date() });
    const alert = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === WATCHER && String(c.payload.text).includes("Alert"), 20_000);
    const latency = Date.now() - arrived;
    expect(latency).toBeLessThan(15_000);
    expect(String(alert.payload.text)).toContain('<a href="https://example.org/alerts/1">Мэрия Бишкека перекрыла центр города</a>');
    expect(String(alert.payload.text)).toContain("Лента алертов");

    // Several more polls: still one alert, and none for the others.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(alertsTo(WATCHER)).toHaveLength(1);
    expect(alertsTo(OTHER_WATCHER)).toHaveLength(0);
    expect(alertsTo(BYSTANDER)).toHaveLength(0);
  });

  it("after kill -9 and a restart, alerts go on without repeating the old one", { timeout: 240_000 }, async () => {
    await bot!.stop("SIGKILL");
    bot = start();
    await waitPolling(bot);
    // The killed process's poll lease on the feed must run out first, and a loaded machine is slow
    // to reopen the store: generous waits, the same assertions.
    items.push({ title: "Токаев прилетел в Бишкек", link: "https://example.org/alerts/2", pubDate: new Date() });
    await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === OTHER_WATCHER && String(c.payload.text).includes("Alert"), 90_000);
    await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === WATCHER && String(c.payload.text).includes("Токаев прилетел"), 90_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(alertsTo(WATCHER)).toHaveLength(2);
    expect(alertsTo(OTHER_WATCHER)).toHaveLength(1);
    expect(alertsTo(BYSTANDER)).toHaveLength(0);
    expect(await bot.stop("SIGTERM", 30_000)).toBe(0);
    bot = undefined;
  });
});
