import path from "node:path";
import { ESLint, Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import layers from "../../eslint/layers.js";

const root = path.resolve(import.meta.dirname, "../..");

function lint(file: string, code: string): string[] {
  const linter = new Linter({ configType: "flat" });
  const messages = linter.verify(
    code,
    [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser }, plugins: { vestnik: layers }, rules: { "vestnik/layers": "error" } }],
    path.join(root, file),
  );
  return messages.map((m) => m.message);
}

describe("layer rule", () => {
  it("refuses an import that points up the layers", () => {
    const errors = lint("src/db/repositories/bad.ts", 'import { renderArticle } from "../../bot/render.js";\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/db \(db\) must not import bot \(bot\)/);
  });

  it("refuses domain code reaching into delivery, also through re-exports and dynamic imports", () => {
    expect(lint("src/news/x.ts", 'export { main } from "../cli/run.js";\n')).toHaveLength(1);
    expect(lint("src/digest/x.ts", 'const m = await import("../bot/create-bot.js");\n')).toHaveLength(1);
    expect(lint("src/topics/x.ts", 'import { x } from "../digest/compose.js";\n')).toHaveLength(1);
  });

  it("refuses Config outside the composition root and main.ts", () => {
    expect(lint("src/news/sources.ts", 'import type { Config } from "../config.js";\n')[0]).toMatch(/must not import Config/);
    expect(lint("src/db/client.ts", 'import type { Config } from "../config.js";\n')).toHaveLength(1);
    expect(lint("src/cli/run.ts", 'import type { Config } from "../config.js";\n')[0]).toMatch(/must not import Config/);
    expect(lint("src/server/metrics.ts", 'import { createConfig } from "../config.js";\n')).toHaveLength(1);
    expect(lint("src/app/settings.ts", 'import type { Config } from "../config.js";\n')).toEqual([]);
    expect(lint("src/main.ts", 'import { createConfig } from "./config.js";\n')).toEqual([]);
  });

  it("keeps the shared kernel at the bottom: importable from everywhere, importing nothing of ours", () => {
    expect(lint("src/shared/locale.ts", 'import { createLogger } from "../logger.js";\n')[0]).toMatch(/shared \(shared\) must not import logger.ts \(base\)/);
    expect(lint("src/shared/async.ts", 'import { x } from "../db/client.js";\n')).toHaveLength(1);
    expect(lint("src/shared/time-zone.ts", 'import type { Config } from "../config.js";\n')).toHaveLength(1);
    expect(lint("src/config.ts", 'import { isValidTimeZone } from "./shared/time-zone.js";\n')).toEqual([]);
    expect(lint("src/db/client.ts", 'import { sleep } from "../shared/async.js";\n')).toEqual([]);
    expect(lint("src/bot/features/x.ts", 'import { escapeHtml } from "../../shared/telegram-html.js";\n')).toEqual([]);
  });

  it("keeps the Telegram emulator just above the kernel: it imports only shared, and delivery may use it", () => {
    expect(lint("src/emulator/world.ts", 'import { MAX_MESSAGE_LENGTH } from "../shared/telegram-html.js";\n')).toEqual([]);
    expect(lint("src/emulator/world.ts", 'import { createLogger } from "../logger.js";\n')[0]).toMatch(/emulator \(emulator\) must not import logger.ts \(base\)/);
    expect(lint("src/emulator/in-process.ts", 'import type { Context } from "../bot/context.js";\n')).toHaveLength(1);
    expect(lint("src/shared/telegram-html.ts", 'import { htmlText } from "../emulator/html.js";\n')).toHaveLength(1);
    expect(lint("src/cli/chat-session.ts", 'import { createEmulator } from "../emulator/index.js";\n')).toEqual([]);
  });

  it("treats the HTTP server as delivery: domain code may not reach it", () => {
    expect(lint("src/digest/x.ts", 'import { createMetrics } from "../server/metrics.js";\n')[0]).toMatch(/must not import server \(edge\)/);
    expect(lint("src/bot/x.ts", 'import { startPolling } from "../server/polling.js";\n')).toHaveLength(1);
    expect(lint("src/server/metrics.ts", 'import { BOSS_SCHEMA } from "../digest/jobs.js";\n')).toEqual([]);
  });

  it("allows imports that point down or stay in the layer", () => {
    expect(lint("src/bot/features/latest.ts", 'import { x } from "../../db/client.js";\nimport { y } from "../render.js";\n')).toEqual([]);
    expect(lint("src/cli/run.ts", 'import { createBot } from "../bot/create-bot.js";\n')).toEqual([]);
    expect(lint("src/digest/build.ts", 'import { tag } from "../topics/tag.js";\nimport { z } from "../logger.js";\n')).toEqual([]);
    expect(lint("src/news/ingest.ts", 'import { a } from "../topics/tag.js";\nimport { b } from "node:fs";\n')).toEqual([]);
  });

  it("is switched on for every source file by the project's lint config", async () => {
    const eslint = new ESLint({ cwd: root });
    const config = (await eslint.calculateConfigForFile(path.join(root, "src/db/client.ts"))) as { rules: Record<string, unknown> };
    expect(config.rules["vestnik/layers"]).toEqual([2]);
  });
});
