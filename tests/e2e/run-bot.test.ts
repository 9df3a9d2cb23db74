import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi, type RecordedCall } from "../helpers/fake-bot-api.js";
import { runCli, startCli, type RunningCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const GOOD = fileURLToPath(new URL("../fixtures/ingest/good", import.meta.url));

let fake: FakeBotApi;
let bot: RunningCli;
let server: TestDatabase | undefined;
let dataDir: string;
let chatSeq = 5000;

beforeAll(async () => {
  fake = await startFakeBotApi();
  dataDir = mkdtempSync(join(tmpdir(), "vestnik-run-"));
  let env: Record<string, string>;
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    env = { DATABASE_URL: server.url ?? "" };
  } else {
    env = { DATA_DIR: dataDir };
  }
  const ingest = await runCli(["ingest", GOOD], env);
  expect(ingest.code).toBe(0);
  bot = startCli(["run"], { ...env, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
  const deadline = Date.now() + 30_000;
  while (!fake.polling) {
    if (Date.now() > deadline) throw new Error(`bot did not start polling:\n${bot.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 90_000);

afterAll(async () => {
  await bot?.stop("SIGKILL");
  await fake?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends a message from a fresh chat and returns the bot's first answer to it. */
async function ask(text: string, languageCode = "en"): Promise<{ chatId: number; reply: RecordedCall }> {
  const chatId = ++chatSeq;
  fake.pushMessage(text, { chatId, userId: chatId, languageCode });
  const reply = await fake.waitFor((c) => c.method === "sendMessage" && c.payload.chat_id === chatId);
  return { chatId, reply };
}

describe("vestnik run against a Bot API server over HTTP", () => {
  it("registers the command menu in Russian and English", () => {
    const menus = fake.calls.filter((c) => c.method === "setMyCommands" && c.status === 200);
    const languages = menus.map((c) => c.payload.language_code ?? "default");
    expect(languages).toEqual(expect.arrayContaining(["ru", "default"]));
  });

  it("greets in the user's language", async () => {
    const ru = await ask("/start", "ru");
    const en = await ask("/start", "en");
    expect(String(ru.reply.payload.text)).toMatch(/[а-яё]/i);
    expect(String(en.reply.payload.text)).not.toMatch(/[а-яё]{4}/i);
  });

  it("lists the latest news with exact escaping and pages to older ones", async () => {
    const all = await ask("/latest 10");
    expect(String(all.reply.payload.text)).toContain("«KMG &amp; Partners» &lt;обновлено&gt;");
    expect(all.reply.payload.parse_mode).toBe("HTML");

    const { chatId, reply } = await ask("/latest 2");
    expect(String(reply.payload.text)).toContain("В Ташкенте открыли три новые станции метро");
    const markup = reply.payload.reply_markup as { inline_keyboard: { callback_data?: string }[][] };
    const data = markup.inline_keyboard.flat().find((b) => b.callback_data)?.callback_data;
    expect(data).toBeDefined();
    const messageId = (reply.result as { message_id: number }).message_id;
    fake.pushCallback(data ?? "", { chatId, messageId, userId: chatId });
    await fake.waitFor((c) => c.method === "answerCallbackQuery");
    const page = await fake.waitFor(
      (c) => (c.method === "editMessageText" || c.method === "sendMessage") && c.payload.chat_id === chatId && c !== reply,
    );
    expect(String(page.payload.text)).not.toContain("В Ташкенте");
    expect(String(page.payload.text)).toContain("«KMG &amp; Partners» &lt;обновлено&gt;");
  });

  it("searches Russian word forms", async () => {
    const { reply } = await ask("/search Казахстана");
    expect(String(reply.payload.text)).toContain("KMG &amp; Partners");
    expect(String(reply.payload.text)).toContain("Курс тенге укрепился");
  });

  it("answers bad input with hints Telegram accepts", async () => {
    const inputs = [
      "/latest abc",
      "/latest -5",
      "/latest 100000",
      `/search ${"<b>&amp;".repeat(600)}`,
      "/search \u0007\u0000<script>",
      "/search",
      `/latest@${fake.botInfo.username} 3`,
      "/nonsense",
      "просто текст",
    ];
    for (const input of inputs) {
      const { reply } = await ask(input);
      expect(reply.status, input).toBe(200);
    }
    expect(fake.rejections).toEqual([]);
  });

  it("stops cleanly on SIGTERM with exit status 0", async () => {
    const code = await bot.stop("SIGTERM", 15_000);
    expect(code, bot.output()).toBe(0);
  });
});
