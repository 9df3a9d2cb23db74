/**
 * vitest fixtures for what most test files set up: a migrated database, a local feed server, the
 * Telegram emulator (in-process and over HTTP) and a store for spawned `vestnik` processes.
 * Database, feeds, HTTP Bot API and CLI store are file-scoped (set up once, for the first test or
 * `test.beforeAll` that asks, and torn down after the file's last test); the in-process emulator
 * is fresh for every test.
 *
 *     import { test } from "../helpers/fixtures.js";
 *     test.beforeAll(async ({ database, telegram }) => { … });
 *     test("…", async ({ emulator }) => { … });
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test as base } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createEmulator, type Emulator } from "../../src/emulator/index.js";
import { BOT_INFO } from "./bot-harness.js";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.js";
import { startFeedServer, type FeedServer } from "./feed-server.js";
import { createTestDatabase, type TestDatabase } from "./test-db.js";

/** Where spawned `vestnik` processes keep their data: a DATA_DIR, or a database of their own on DATABASE_URL's server. */
export interface CliStore {
  /** DATA_DIR or DATABASE_URL, to spread into a spawned process's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** A scratch directory of this file's, removed afterwards (DATA_DIR is `<dir>/data` without Postgres). */
  readonly dir: string;
  /** Opens the same store in this process (to migrate or seed it); close it before the CLI runs. */
  open(): Promise<Database>;
}

export interface FileFixtures {
  /** A migrated, empty database: PGlite in-process, or a fresh one on DATABASE_URL's server. */
  database: TestDatabase;
  repos: Repositories;
  feeds: FeedServer;
  /** The emulator's HTTP front (TELEGRAM_API_ROOT = telegram.url, BOT_TOKEN = telegram.token). */
  telegram: FakeBotApi;
  cliStore: CliStore;
}

export interface TestFixtures {
  /** A fresh emulator for this test; install `inProcessApi(emulator)` on a bot's api. */
  emulator: Emulator;
}

export const test = base.extend<{ $file: FileFixtures; $test: TestFixtures }>({
  database: [
    async ({}, use) => {
      const database = await createTestDatabase();
      await use(database);
      await database.close();
    },
    { scope: "file" },
  ],
  repos: [async ({ database }, use) => use(createRepositories(database.db)), { scope: "file" }],
  feeds: [
    async ({}, use) => {
      const feeds = await startFeedServer();
      await use(feeds);
      await feeds.close();
    },
    { scope: "file" },
  ],
  telegram: [
    async ({}, use) => {
      const telegram = await startFakeBotApi();
      await use(telegram);
      await telegram.close();
    },
    { scope: "file" },
  ],
  cliStore: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), "vestnik-cli-"));
      const server = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
      const dataDir = join(dir, "data");
      const env: Record<string, string> = server ? { DATABASE_URL: server.url ?? "" } : { DATA_DIR: dataDir };
      const open = () => (server ? openDatabase({ url: server.url ?? "" }) : openDatabase({ dataDir }));
      try {
        await use({ env, dir, open });
      } finally {
        await server?.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: "file" },
  ],
  emulator: async ({}, use) => use(createEmulator({ botInfo: BOT_INFO })),
});

export { describe, expect } from "vitest";
export { test as it };
