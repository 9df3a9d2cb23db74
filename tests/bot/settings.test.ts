import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCallback, encodeCallback, type SettingsAction } from "../../src/bot/callback-data.js";
import type { Context } from "../../src/bot/context.js";
import { createPreferences } from "../../src/bot/preferences.js";
import type { Subscriber } from "../../src/db/repositories/index.js";
import { buttonData, callback, message, sentText, type ApiCall } from "../helpers/bot-harness.js";
import { createSubscriptionWorld, type SubscriptionWorld } from "./subscribe-setup.js";

/** 06:00 in Moscow, 09:00 in Almaty and Bishkek. */
const NOW = new Date("2025-06-10T03:00:00Z");

let world: SubscriptionWorld;
let nextUser = 7000;
const newReader = () => nextUser++;

beforeAll(async () => {
  world = await createSubscriptionWorld(NOW);
});
afterAll(async () => world.database.close());

const send = (text: string, userId: number, languageCode = "en") => world.harness.handleUpdate(message(text, { userId, languageCode }));
const press = (action: SettingsAction, userId: number, languageCode = "en") =>
  world.harness.handleUpdate(callback(encodeCallback({ kind: "settings", action }), { userId, languageCode, messageId: 77 }));
const row = async (chatId: number): Promise<Subscriber> => {
  const found = await world.repos.subscribers.find(chatId);
  if (!found) throw new Error(`no subscriber ${chatId}`);
  return found;
};

/** Button labels and what they do, row by row flattened. */
function buttons(call: ApiCall | undefined): Array<{ label: string; action: SettingsAction | undefined }> {
  const markup = call?.payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => {
    const decoded = decodeCallback(b.callback_data ?? "");
    return { label: b.text, action: decoded?.kind === "settings" ? decoded.action : undefined };
  });
}

/** A button press edits the menu in place and answers the press, with this toast (or none). */
function expectEditAndAnswer(calls: ApiCall[], toast?: string): ApiCall {
  expect(calls.map((c) => c.method)).toEqual(["editMessageText", "answerCallbackQuery"]);
  expect(calls[0]?.payload).toMatchObject({ message_id: 77, parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  expect(calls[1]?.payload.text).toBe(toast);
  return calls[0] as ApiCall;
}

describe("/settings", () => {
  it("shows the current settings with a button for each of them, all valid callback data", async () => {
    const user = newReader();
    await send("/subscribe", user);
    const calls = await send("/settings", user);
    const text = sentText(calls);
    expect(text).toContain("<b>Settings</b>");
    expect(text).toContain("Daily digest: <b>on</b>");
    expect(text).toContain("Time: <b>08:00</b>");
    expect(text).toContain("Time zone: <b>Europe/Moscow</b> (it's 06:00 there now)");
    expect(text).toContain("Topics: <b>all news</b>");
    expect(text).toContain("Language: <b>English (as in Telegram)</b>");
    expect(buttons(calls[0]).map((b) => b.action)).toEqual([
      { op: "show", view: "time" },
      { op: "show", view: "zone" },
      { op: "show", view: "topics" },
      { op: "show", view: "language" },
      { op: "digest", on: false },
      undefined, // the alerts button: the alerts feature's own callback data
      { op: "close" },
    ]);
    const markup = calls[0]?.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> };
    expect(markup.inline_keyboard.flat().find((b) => b.text === "⚡ Alerts")?.callback_data).toBe("a1:v");
  });

  it("works for a reader who never subscribed, without storing anything until they change something", async () => {
    const user = newReader();
    const text = sentText(await send("/settings", user, "ru"));
    expect(text).toContain("Ежедневный дайджест: <b>выключен</b>");
    expect(text).toContain("Язык: <b>Русский (как в Telegram)</b>");
    expect(await world.repos.subscribers.find(user)).toBeUndefined();
  });

  it("changes the digest time with a button and goes back to the overview", async () => {
    const user = newReader();
    await send("/subscribe", user);
    const timeView = expectEditAndAnswer(await press({ op: "show", view: "time" }, user));
    expect(timeView.payload.text).toContain("<code>/time HH:MM</code>");
    const times = buttons(timeView);
    expect(times.find((b) => b.label === "✅ 08:00")?.action).toEqual({ op: "time", minute: 480 });
    expect(times.at(-1)?.action).toEqual({ op: "show", view: "main" });

    const saved = expectEditAndAnswer(await press({ op: "time", minute: 9 * 60 }, user), "Digest time: 09:00");
    expect(saved.payload.text).toContain("Time: <b>09:00</b>");
    expect((await row(user)).digestMinute).toBe(540);
  });

  it("sets any time with /time and refuses what is not a time", async () => {
    const user = newReader();
    await send("/subscribe", user);
    const text = sentText(await send("/time 7:30", user));
    // Said once: the confirmation already names the time and zone.
    expect(text).toBe("🕗 Done: your digest comes every day at <b>07:30</b>, Europe/Moscow time. Next: today at 07:30.");
    expect((await row(user)).digestMinute).toBe(450);

    const refused = sentText(await send("/time 25:00 <b>", user));
    expect(refused).toContain("I couldn't read “25:00 &lt;b&gt;” as a time of day.");
    expect((await row(user)).digestMinute).toBe(450);

    const menu = await send("/time", user);
    expect(sentText(menu)).toContain("<b>Digest time</b>");
    expect(buttons(menu[0]).some((b) => b.label === "07:00")).toBe(true);
  });

  it("says the new time and zone once, in Russian too", async () => {
    const user = newReader();
    await send("/subscribe", user, "ru");
    const time = sentText(await send("/time 7:30", user, "ru"));
    expect(time).toBe("🕗 Готово: дайджест будет приходить каждый день в <b>07:30</b> по времени Europe/Moscow. Ближайший — сегодня в 07:30.");
    const zone = sentText(await send("/timezone Asia/Almaty", user, "ru"));
    expect(zone).toMatch(/^🌍 Часовой пояс: <b>Asia\/Almaty<\/b>\. Сейчас там \d\d:\d\d, дайджест придёт в 07:30 по местному времени\. Ближайший/);
    expect(zone.match(/Asia\/Almaty/g)).toHaveLength(1);
  });

  it("reminds a reader without a subscription that digests are off", async () => {
    const user = newReader();
    const text = sentText(await send("/time 9pm", user));
    expect(text).toContain("<b>21:00</b>");
    expect(text).toContain("Digests are off for now: /subscribe turns them on.");
    expect(await row(user)).toMatchObject({ digestMinute: 1260, subscribed: false });
  });

  it("picks a time zone from the quick picks and reports the new local time", async () => {
    const user = newReader();
    await send("/subscribe", user);
    const zoneView = expectEditAndAnswer(await press({ op: "show", view: "zone" }, user));
    const zones = buttons(zoneView);
    expect(zones.map((b) => b.label)).toEqual(["✅ Moscow", "Kyiv", "Almaty", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat", "UTC", "← Back"]);

    const saved = expectEditAndAnswer(await press({ op: "zone", zone: "Asia/Almaty" }, user), "Time zone: Asia/Almaty. It's 08:00 there now.");
    expect(saved.payload.text).toContain("Time zone: <b>Asia/Almaty</b> (it's 08:00 there now)");
    expect((await row(user)).timeZone).toBe("Asia/Almaty");
  });

  it("sets any IANA zone with /timezone, case-insensitively, and refuses unknown ones", async () => {
    const user = newReader();
    await send("/subscribe", user);
    const text = sentText(await send("/timezone america/new_york", user));
    expect(text).toContain("Time zone: <b>America/New_York</b>. It's 23:00 there now, and your digest comes at 08:00 local time.");
    // 23:00 on a New York date whose digest has not gone out: it is due at once.
    expect(text).toContain("The next one is on its way within a few minutes.");
    expect(text.match(/08:00/g)).toHaveLength(1);
    expect((await row(user)).timeZone).toBe("America/New_York");

    const refused = sentText(await send("/timezone Mars/Base", user));
    expect(refused).toContain("I don't know the time zone “Mars/Base”.");
    expect(sentText(await send("/timezone <script>", user, "ru"))).toContain("Я не знаю часового пояса «&lt;script&gt;»");
    expect((await row(user)).timeZone).toBe("America/New_York");

    expect(sentText(await send("/timezone", user))).toContain("<b>Time zone</b>");
  });

  it("toggles topics with check marks, keeps taxonomy order, and goes back to all news", async () => {
    const user = newReader();
    await send("/subscribe", user);
    const view = expectEditAndAnswer(await press({ op: "show", view: "topics" }, user));
    const initial = buttons(view);
    expect(initial[0]).toEqual({ label: "✅ All news", action: { op: "all-news" } });
    expect(initial.find((b) => b.label === "Energy")?.action).toEqual({ op: "topic", slug: "energy", on: true });

    let calls = await press({ op: "topic", slug: "energy", on: true }, user);
    let after = buttons(expectEditAndAnswer(calls, "Added: Energy"));
    expect(after[0]?.label).toBe("All news");
    expect(after.find((b) => b.label === "✅ Energy")?.action).toEqual({ op: "topic", slug: "energy", on: false });
    calls = await press({ op: "topic", slug: "central-asia", on: true }, user);
    expectEditAndAnswer(calls, "Added: Central Asia");
    expect((await row(user)).topics).toEqual(["central-asia", "energy"]);

    // A double tap of a stale "add" button changes nothing.
    await press({ op: "topic", slug: "energy", on: true }, user);
    expect((await row(user)).topics).toEqual(["central-asia", "energy"]);

    calls = await press({ op: "topic", slug: "energy", on: false }, user);
    after = buttons(expectEditAndAnswer(calls, "Removed: Energy"));
    expect((await row(user)).topics).toEqual(["central-asia"]);

    calls = await press({ op: "all-news" }, user);
    after = buttons(expectEditAndAnswer(calls, "You'll get all news"));
    expect(after[0]?.label).toBe("✅ All news");
    expect((await row(user)).topics).toEqual([]);
  });

  it("switches the language for the menu and for every later reply", async () => {
    const user = newReader();
    await send("/subscribe", user);
    const view = buttons(expectEditAndAnswer(await press({ op: "show", view: "language" }, user)));
    expect(view.map((b) => b.label)).toEqual(["Русский", "✅ English", "← Back"]);

    const calls = await press({ op: "language", locale: "ru" }, user);
    const menu = expectEditAndAnswer(calls, "Язык: русский");
    expect(menu.payload.text).toContain("<b>Настройки</b>");
    expect(menu.payload.text).toContain("Язык: <b>Русский</b>");
    expect((await row(user)).language).toBe("ru");

    // The Telegram client still says English; the stored choice wins.
    expect(sentText(await send("/help", user, "en"))).toContain("<b>Команды</b>");
    expect(sentText(await send("/unsubscribe", user, "en"))).toContain("Дайджест больше не придёт");
  });

  it("turns the digest off and on from the menu", async () => {
    const user = newReader();
    await send("/subscribe energy", user);
    let menu = expectEditAndAnswer(await press({ op: "digest", on: false }, user), "The daily digest is off");
    expect(menu.payload.text).toContain("Daily digest: <b>off</b>");
    expect(buttons(menu).find((b) => b.action?.op === "digest")?.action).toEqual({ op: "digest", on: true });
    expect(await row(user)).toMatchObject({ subscribed: false, topics: ["energy"] });

    await world.repos.subscribers.markBlocked(user, "403: Forbidden: bot was blocked by the user");
    menu = expectEditAndAnswer(await press({ op: "digest", on: true }, user), "The daily digest is on");
    expect(menu.payload.text).toContain("Daily digest: <b>on</b>");
    expect(await row(user)).toMatchObject({ subscribed: true, blockedAt: null, topics: ["energy"] });
  });

  it("closes into a plain summary without buttons", async () => {
    const user = newReader();
    const edit = expectEditAndAnswer(await press({ op: "close" }, user));
    expect(edit.payload.text).toContain("<b>Your settings</b>");
    expect(buttonData(edit)).toEqual([]);
  });

  it("treats a double tap (message is not modified) as done", async () => {
    const user = newReader();
    world.harness.failNext("editMessageText", 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same");
    const calls = await press({ op: "show", view: "main" }, user);
    expect(calls.map((c) => c.method)).toEqual(["editMessageText", "answerCallbackQuery"]);
  });

  it("sends the screen anew when the old menu can no longer be edited", async () => {
    const user = newReader();
    world.harness.failNext("editMessageText", 400, "Bad Request: message to edit not found");
    const calls = await press({ op: "show", view: "time" }, user);
    expect(calls.map((c) => c.method)).toEqual(["editMessageText", "sendMessage", "answerCallbackQuery"]);
    expect(calls[1]?.payload.text).toContain("<b>Digest time</b>");
  });

  it.each([
    ["a zone that is not a quick pick", "g1:z:Europe/Berlin"],
    ["a made-up zone", "g1:z:Mars/Base"],
    ["an unknown topic", "g1:p:astrology:1"],
    ["a minute past the day", "g1:t:140"],
    ["an unknown language", "g1:l:de"],
    ["a missing state", "g1:p:energy"],
    ["garbage", "g1:💥"],
  ])("answers a forged button with %s politely, changing nothing", async (_, data) => {
    const user = newReader();
    await send("/subscribe", user);
    const before = await row(user);
    const calls = await world.harness.handleUpdate(callback(data, { userId: user, languageCode: "ru" }));
    expect(calls).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "Эта кнопка устарела. Отправьте команду ещё раз." }) },
    ]);
    // Only the noted client language may change (this press came from a Russian client).
    expect({ ...(await row(user)), clientLanguage: before?.clientLanguage }).toEqual(before);
  });
});

describe("preferences", () => {
  it("reads the stored language and zone with one query per update", async () => {
    const user = newReader();
    await send("/subscribe", user);
    await send("/timezone Asia/Bishkek", user);
    await press({ op: "language", locale: "ru" }, user);
    let queries = 0;
    const preferences = createPreferences({
      subscribers: {
        find: (chatId) => (queries++, world.repos.subscribers.find(chatId)),
        noteClientLanguage: (chatId, locale) => world.repos.subscribers.noteClientLanguage(chatId, locale),
      },
      defaultTimeZone: "UTC",
    });
    const update = message("/help", { userId: user });
    const ctx = { update, chat: update.message?.chat, from: update.message?.from } as unknown as Context;
    expect(await preferences.languageOf?.(ctx)).toBe("ru");
    expect(await preferences.timeZoneOf?.(ctx)).toBe("Asia/Bishkek");
    expect(queries).toBe(1);

    const stranger = message("/help", { userId: newReader() });
    const strangerCtx = { update: stranger, chat: stranger.message?.chat, from: stranger.message?.from } as unknown as Context;
    expect(await preferences.languageOf?.(strangerCtx)).toBeUndefined();
    expect(await preferences.timeZoneOf?.(strangerCtx)).toBeUndefined();
    expect(preferences.defaultTimeZone).toBe("UTC");
  });

  it("shows article times in the reader's chosen zone", async () => {
    const user = newReader();
    await send("/timezone Asia/Bishkek", user);
    expect(sentText(await send("/help", user))).toContain("Asia/Bishkek");
  });
});
