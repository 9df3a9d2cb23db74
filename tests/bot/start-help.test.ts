import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BOT_COMMANDS, registerCommands } from "../../src/bot/create-bot.js";
import type { NewsQueries } from "../../src/news/queries.js";
import { callback, createBotHarness, message, sentText } from "../helpers/bot-harness.js";

/** These tests never reach the news store; touching it is a failure of its own. */
const unreachableNews = new Proxy({} as NewsQueries, {
  get: (_target, name) => () => Promise.reject(new Error(`news.${String(name)} should not be called`)),
});

const harness = createBotHarness({ news: unreachableNews });

describe("/start and /help", () => {
  it.each([
    ["ru", "Вестник"],
    ["kk", "Вестник"],
    ["ru-RU", "Вестник"],
    ["uk", "Вестник"],
    ["en", "Vestnik"],
    ["de", "Vestnik"],
    [null, "Vestnik"],
  ])("greets a %s reader in their language", async (languageCode, name) => {
    const calls = await harness.handleUpdate(message("/start", { languageCode }));
    const text = sentText(calls);
    expect(text).toContain(`<b>${name}</b>`);
    expect(text).toContain("/latest");
    expect(text).toContain("/search");
    expect(text).toContain("/help");
    expect(calls[0]?.payload.parse_mode).toBe("HTML");
  });

  it("escapes the reader's name", async () => {
    const text = sentText(await harness.handleUpdate(message("/start", { firstName: "<Bob & Co>" })));
    expect(text).toContain("Hello, &lt;Bob &amp; Co&gt;!");
  });

  it.each([
    ["ru", "Самые свежие новости", "Команды"],
    ["en", "The newest stories", "Commands"],
    ["de", "The newest stories", "Commands"],
  ])("lists every command for a %s reader", async (languageCode, latestLine, title) => {
    const text = sentText(await harness.handleUpdate(message("/help", { languageCode })));
    expect(text).toContain(`<b>${title}</b>`);
    expect(text).toContain(`— ${latestLine}`);
    for (const { command } of BOT_COMMANDS) expect(text).toMatch(new RegExp(`^/${command}\\b`, "m"));
    expect(text).toContain(languageCode === "ru" ? "/search &lt;слова&gt;" : "/search &lt;words&gt;");
    expect(text).toContain("Europe/Moscow");
  });

  it("uses the configured time zone in /help", async () => {
    const local = createBotHarness({ news: unreachableNews, preferences: { defaultTimeZone: "Asia/Almaty" } });
    expect(sentText(await local.handleUpdate(message("/help")))).toContain("Asia/Almaty");
  });

  it("takes a stored language over the Telegram one", async () => {
    const local = createBotHarness({ news: unreachableNews, preferences: { languageOf: () => "ru" } });
    expect(sentText(await local.handleUpdate(message("/help", { languageCode: "en" })))).toContain("Команды");
  });

  it("answers commands addressed to it by username, and not those for another bot", async () => {
    expect(sentText(await harness.handleUpdate(message("/help@vestnik_test_bot")))).toContain("Commands");
    expect(sentText(await harness.handleUpdate(message("/help@Vestnik_Test_Bot")))).toContain("Commands");
    const other = await harness.handleUpdate(message("/help@other_bot", { chatType: "group" }));
    expect(other).toEqual([]);
  });
});

describe("fallback", () => {
  it("points unknown commands at /help", async () => {
    expect(sentText(await harness.handleUpdate(message("/frobnicate", { languageCode: "ru" })))).toBe(
      "Такой команды я не знаю. Вот что я умею: /help",
    );
    expect(sentText(await harness.handleUpdate(message("/frobnicate")))).toContain("/help");
  });

  it("answers plain text in a private chat with a hint", async () => {
    const text = sentText(await harness.handleUpdate(message("what's new?", { languageCode: "ru" })));
    expect(text).toContain("/latest");
    expect(text).toContain("/help");
  });

  it("stays quiet about chatter and other bots' commands in groups", async () => {
    expect(await harness.handleUpdate(message("hello everyone", { chatType: "group" }))).toEqual([]);
    expect(await harness.handleUpdate(message("/frobnicate", { chatType: "supergroup" }))).toEqual([]);
    expect(await harness.handleUpdate(message("/frobnicate@other_bot", { chatType: "group" }))).toEqual([]);
  });

  it("answers an unknown command addressed to it in a group", async () => {
    const calls = await harness.handleUpdate(message("/frobnicate@vestnik_test_bot", { chatType: "group" }));
    expect(sentText(calls)).toContain("/help");
  });

  it("answers commands in groups", async () => {
    expect(sentText(await harness.handleUpdate(message("/help", { chatType: "group" })))).toContain("Commands");
  });

  it.each(["", "x", "zz:1:2:3", "l2:5:abc:1", "🙂"])("answers a button it does not know (%j) as outdated", async (data) => {
    const calls = await harness.handleUpdate(callback(data, { languageCode: "ru" }));
    expect(calls).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "Эта кнопка устарела. Отправьте команду ещё раз." }) },
    ]);
  });
});

describe("error boundary", () => {
  it("tells the reader something went wrong, in their language, and logs the failure", async () => {
    const calls = await harness.handleUpdate(message("/latest", { languageCode: "ru" }), { allowLoggedErrors: true });
    expect(sentText(calls)).toBe("Извините, что-то пошло не так. Попробуйте ещё раз чуть позже.");
    const logged = harness.logs.at(-1);
    expect(logged).toMatchObject({ level: 50, feature: "latest", msg: "bot feature failed" });
  });

  it("counts every update first and logs through a logger that names the update", async () => {
    const seen: string[] = [];
    const counted = createBotHarness({ news: unreachableNews, onUpdate: (type) => seen.push(type) });
    await counted.handleUpdate(message("/start"));
    const update = message("/latest");
    await counted.handleUpdate(update, { allowLoggedErrors: true });
    await counted.handleUpdate(callback("l1:5:lq8c9s00:9"), { allowLoggedErrors: true });
    expect(seen).toEqual(["message", "message", "callback_query"]);
    const failed = counted.logs.find((entry) => entry.msg === "bot feature failed");
    expect(failed).toMatchObject({ updateId: update.update_id, updateType: "message", feature: "latest" });
  });

  it("answers a failed button press instead of leaving it spinning", async () => {
    const calls = await harness.handleUpdate(callback("l1:5:lq8c9s00:9"), { allowLoggedErrors: true });
    expect(calls).toEqual([
      { method: "answerCallbackQuery", payload: expect.objectContaining({ text: "Sorry, something went wrong. Please try again a little later." }) },
    ]);
  });

  it("survives a failing preferences lookup, answering in the Telegram language", async () => {
    const local = createBotHarness({ news: unreachableNews, preferences: { languageOf: () => Promise.reject(new Error("db down")) } });
    const calls = await local.handleUpdate(message("/help", { languageCode: "kk" }), { allowLoggedErrors: true });
    expect(sentText(calls)).toBe("Извините, что-то пошло не так. Попробуйте ещё раз чуть позже.");
    expect(local.logs.at(-1)).toMatchObject({ level: 50, feature: "localization" });
  });

  it("does not answer group chatter with errors while failing", async () => {
    const local = createBotHarness({ news: unreachableNews, preferences: { languageOf: () => Promise.reject(new Error("db down")) } });
    const chatter = await local.handleUpdate(message("hello", { chatType: "group" }), { allowLoggedErrors: true });
    const otherBot = await local.handleUpdate(message("/help@other_bot", { chatType: "group" }), { allowLoggedErrors: true });
    expect([...chatter, ...otherBot]).toEqual([]);
    const mine = await local.handleUpdate(message("/help@vestnik_test_bot", { chatType: "group" }), { allowLoggedErrors: true });
    expect(sentText(mine)).toContain("something went wrong");
  });
});

describe("registerCommands", () => {
  it("publishes the menu in English by default and in Russian for Russian readers", async () => {
    const local = createBotHarness({ news: unreachableNews });
    await registerCommands(local.bot.api);
    const byLanguage = new Map(local.calls.map((c) => [c.payload.language_code as string | undefined, c.payload]));
    expect(local.calls.every((c) => c.method === "setMyCommands")).toBe(true);
    const names = BOT_COMMANDS.map((c) => c.command);
    for (const language of [undefined, "en", "ru", "kk"]) {
      const payload = byLanguage.get(language);
      expect(payload?.commands).toHaveLength(names.length);
      expect((payload?.commands as Array<{ command: string }>).map((c) => c.command)).toEqual(names);
    }
    const description = (language: string | undefined, command: string) =>
      (byLanguage.get(language)?.commands as Array<{ command: string; description: string }>).find((c) => c.command === command)?.description;
    expect(description(undefined, "search")).toBe("Search the news");
    expect(description("en", "search")).toBe("Search the news");
    expect(description("ru", "search")).toBe("Поиск по новостям");
    expect(description("kk", "latest")).toBe("Самые свежие новости");
  });
});

describe("locales", () => {
  const ids = (locale: string) => {
    const dir = new URL(`../../locales/${locale}/`, import.meta.url);
    return readdirSync(dir)
      .filter((name) => name.endsWith(".ftl"))
      .flatMap((name) => readFileSync(new URL(name, dir), "utf8").split("\n"))
      .flatMap((line) => /^([a-z][\w-]*)\s*=/.exec(line)?.[1] ?? []);
  };

  it("define the same messages in Russian and English, each once", () => {
    expect(new Set(ids("en")).size).toBe(ids("en").length);
    expect(ids("ru").sort()).toEqual(ids("en").sort());
    expect(ids("en").length).toBeGreaterThan(10);
  });

  it("have a description and usage for every command", () => {
    for (const { command, args } of BOT_COMMANDS) {
      expect(ids("en")).toContain(`command-${command}`);
      if (args) expect(ids("en")).toContain(`command-${command}-args`);
    }
  });
});
