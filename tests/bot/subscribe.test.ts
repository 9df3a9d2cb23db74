import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { message, sentText } from "../helpers/bot-harness.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { createSubscriptionWorld, type SubscriptionWorld } from "./subscribe-setup.js";

/** 06:00 in Moscow: before the default 08:00 digest time. */
const EARLY = new Date("2025-06-10T03:00:00Z");

let world: SubscriptionWorld;
let nextUser = 5000;
/** A reader who has never talked to the bot. */
const newReader = () => nextUser++;

beforeAll(async () => {
  world = await createSubscriptionWorld(EARLY);
});
afterAll(async () => world.database.close());

const send = (text: string, userId: number, languageCode = "en") => world.harness.handleUpdate(message(text, { userId, languageCode }));
const row = (chatId: number) => world.repos.subscribers.find(chatId);

describe("/subscribe", () => {
  it("remembers the client's language for digests, without pinning the bot's language", async () => {
    const kazakh = newReader();
    const english = newReader();
    await send("/subscribe", kazakh, "kk");
    await send("/subscribe", english, "en-GB");
    expect(await row(kazakh)).toMatchObject({ language: null, clientLanguage: "ru" });
    expect(await row(english)).toMatchObject({ language: null, clientLanguage: "en" });
    // The reader switches their Telegram client to Russian: the next update notes it.
    const reply = sentText(await send("/help", english, "ru"));
    expect(reply).toMatch(/[а-яё]{5}/i);
    expect((await row(english))?.clientLanguage).toBe("ru");
  });

  it("subscribes a new reader to all news and says what comes when", async () => {
    const user = newReader();
    const calls = await send("/subscribe", user);
    const text = sentText(calls);
    expect(text).toContain("You're subscribed to <b>all news</b>.");
    expect(text).toContain("Your digest comes every day at <b>08:00</b>, Europe/Moscow time. Next: today at 08:00.");
    expect(text).toContain("/settings");
    expect(calls[0]?.payload).toMatchObject({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect(await row(user)).toMatchObject({ subscribed: true, topics: [], timeZone: "Europe/Moscow", digestMinute: 480, blockedAt: null });
  });

  it.each([
    ["Central Asia", ["central-asia"], "the topic <b>Central Asia</b>"],
    ["central-asia energy", ["central-asia", "energy"], "the topics <b>Central Asia</b>, <b>Energy</b>"],
    ["Energy, Central Asia", ["central-asia", "energy"], "the topics <b>Central Asia</b>, <b>Energy</b>"],
    ["oil and gas", ["energy"], "the topic <b>Energy</b>"],
  ])("subscribes to the topics in %j", async (input, slugs, shown) => {
    const user = newReader();
    const text = sentText(await send(`/subscribe ${input}`, user));
    expect(text).toContain(`You're subscribed to ${shown}.`);
    expect((await row(user))?.topics).toEqual(slugs);
  });

  it("understands Russian topic names and answers in Russian", async () => {
    const user = newReader();
    const text = sentText(await send("/subscribe центральная азия, энергетика", user, "ru"));
    expect(text).toContain("Вы подписаны на темы: <b>Центральная Азия</b>, <b>Энергетика</b>.");
    expect(sentText(await send("/subscribe энергетика", newReader(), "ru"))).toContain("Вы подписаны на тему: <b>Энергетика</b>.");
    expect(sentText(await send("/subscribe", newReader(), "ru"))).toContain("Вы подписаны на <b>все новости</b>.");
    expect(text).toContain("Дайджест приходит каждый день в <b>08:00</b> по времени Europe/Moscow. Ближайший — сегодня в 08:00.");
    expect((await row(user))?.topics).toEqual(["central-asia", "energy"]);
  });

  it("escapes topic names that hold HTML characters", async () => {
    const user = newReader();
    const text = sentText(await send("/subscribe security", user));
    expect(text).toContain("<b>Security &amp; defence</b>");
    expect(parseTelegramHtml(text)).toContain("Security & defence");
  });

  it("changes nothing for an unknown topic, names it (escaped) and lists the valid ones", async () => {
    const user = newReader();
    await send("/subscribe energy", user);
    const text = sentText(await send("/subscribe central asia, <b>Mars</b> & co", user));
    expect(text).toContain("I don't know the topic “&lt;b&gt;Mars&lt;/b&gt; &amp; co”, so nothing has changed.");
    expect(text).toContain("• Central Asia — <code>central-asia</code>");
    expect(text).toContain("• Security &amp; defence — <code>security</code>");
    expect(text).toContain("<code>/subscribe central-asia</code>");
    expect((await row(user))?.topics).toEqual(["energy"]);
  });

  it("names several unknown topics in the reader's language and creates no subscription", async () => {
    const user = newReader();
    const text = sentText(await send("/subscribe марс, юпитер", user, "ru"));
    expect(text).toContain("Я не знаю таких тем: «марс», «юпитер», поэтому ничего не изменилось.");
    expect(text).toContain("• Центральная Азия — <code>central-asia</code>");
    expect(await row(user)).toBeUndefined();
  });

  it("keeps a flood of unknown words short", async () => {
    const user = newReader();
    const junk = Array.from({ length: 400 }, (_, i) => `слово${i}`).join(", ");
    const calls = await send(`/subscribe ${junk}`, user);
    expect(parseTelegramHtml(sentText(calls)).length).toBeLessThan(4096);
    expect(sentText(calls)).toContain("I don't know these topics: “слово0”, “слово1”, “слово2”, “слово3”, “слово4”, …, so");
  });

  it("switches a subscribed reader to all news with /subscribe all", async () => {
    const user = newReader();
    await send("/subscribe energy", user);
    const text = sentText(await send("/subscribe all", user));
    expect(text).toContain("<b>all news</b>");
    expect((await row(user))?.topics).toEqual([]);
  });

  it("says the next digest comes within minutes once today's time has passed, and tomorrow once it went out", async () => {
    const user = newReader();
    world.clock.now = new Date("2025-06-10T09:00:00Z"); // 12:00 in Moscow
    try {
      expect(sentText(await send("/subscribe", user))).toContain("The next one is on its way within a few minutes.");
      const subscriber = await row(user);
      await world.repos.deliveries.claim({
        subscriberId: subscriber!.id,
        localDate: "2025-06-10",
        worker: "test",
        leaseMs: 60_000,
        messages: [],
        articleCount: 0,
        cutoff: null,
      });
      expect(sentText(await send("/subscribe", user))).toContain("Next: tomorrow at 08:00.");
    } finally {
      world.clock.now = EARLY;
    }
  });

  it("reactivates a reader who had blocked the bot", async () => {
    const user = newReader();
    await send("/subscribe", user);
    await world.repos.subscribers.markBlocked(user, "403: Forbidden: bot was blocked by the user");
    await send("/subscribe", user);
    expect(await row(user)).toMatchObject({ subscribed: true, blockedAt: null, blockedReason: null });
    expect((await world.repos.subscribers.listActive()).map((s) => s.chatId)).toContain(user);
  });
});

describe("/unsubscribe", () => {
  it("stops digests, keeps the choices, and /subscribe resumes them", async () => {
    const user = newReader();
    await send("/subscribe central asia energy", user);
    await send("/time 7:15", user);
    const stopped = sentText(await send("/unsubscribe", user));
    expect(stopped).toContain("Digests stopped.");
    expect(await row(user)).toMatchObject({ subscribed: false, topics: ["central-asia", "energy"], digestMinute: 435 });
    expect((await world.repos.subscribers.listActive()).map((s) => s.chatId)).not.toContain(user);

    const back = sentText(await send("/subscribe", user));
    expect(back).toContain("Welcome back! Your digest resumes with your topics: <b>Central Asia</b>, <b>Energy</b>.");
    expect(back).toContain("every day at <b>07:15</b>");
    expect(await row(user)).toMatchObject({ subscribed: true, topics: ["central-asia", "energy"], digestMinute: 435 });
  });

  it("is friendly when there is nothing to stop, and changes nothing", async () => {
    const user = newReader();
    expect(sentText(await send("/unsubscribe", user))).toContain("You aren't subscribed");
    expect(await row(user)).toBeUndefined();
    await send("/subscribe", user);
    await send("/unsubscribe", user);
    expect(sentText(await send("/unsubscribe", user, "ru"))).toContain("Вы не подписаны");
    expect((await row(user))?.subscribed).toBe(false);
  });
});

describe("in groups", () => {
  it("subscribes the group chat for a command addressed to the bot", async () => {
    const chatId = -100_777_001;
    const admin = newReader();
    world.harness.setMember(chatId, admin, { status: "administrator" });
    const calls = await world.harness.handleUpdate(message("/subscribe@vestnik_test_bot energy", { chatType: "supergroup", chatId, userId: admin }));
    expect(sentText(calls)).toContain("<b>Energy</b>");
    expect(await row(chatId)).toMatchObject({ subscribed: true, topics: ["energy"] });
  });

  it("ignores a command meant for another bot", async () => {
    const chatId = -100_777_002;
    const calls = await world.harness.handleUpdate(message("/subscribe@other_bot energy", { chatType: "group", chatId }));
    expect(calls).toEqual([]);
    expect(await row(chatId)).toBeUndefined();
  });
});
