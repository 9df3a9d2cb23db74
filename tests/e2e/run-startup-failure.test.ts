import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { startCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const POSTGRES = Boolean(process.env.DATABASE_URL);

let fake: FakeBotApi | undefined;
let server: TestDatabase | undefined;
let role: string | undefined;

afterAll(async () => {
  await fake?.close();
  await server?.close();
  if (role && process.env.DATABASE_URL) {
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop role if exists ${role}`).finally(() => admin.end());
  }
});

describe("vestnik run when start-up fails after polling began", () => {
  // The job queue starts after long polling: a database role that may use Vestnik's tables but
  // not create the queue's own makes start-up fail there. Postgres only: PGlite has no roles.
  it.skipIf(!POSTGRES)(
    "stops what had started and exits 1 with one line, instead of living on with its store closed",
    { timeout: 90_000 },
    async () => {
      server = await createTestDatabase();
      fake = await startFakeBotApi();
      const url = new URL(server.url ?? "");
      const database = url.pathname.slice(1);
      role = `vestnik_limited_${randomBytes(4).toString("hex")}`;
      const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
      try {
        // Enough for the migrations' "create … if not exists" checks and for every table of
        // Vestnik; the queue's schema exists but belongs to someone else.
        await admin.unsafe(`create role ${role} login`);
        await admin.unsafe(`grant create on database ${database} to ${role}`);
        await admin.unsafe(`grant usage, create on schema public, drizzle to ${role}`);
        await admin.unsafe(`grant all on all tables in schema public, drizzle to ${role}`);
        await admin.unsafe(`grant all on all sequences in schema public, drizzle to ${role}`);
        await admin.unsafe(`create schema if not exists pgboss`);
        await admin.unsafe(`revoke all on schema pgboss from public`);
      } finally {
        await admin.end();
      }
      url.username = role;
      url.password = "";

      const bot = startCli(["run"], { DATABASE_URL: url.toString(), BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
      const deadline = setTimeout(() => void bot.stop("SIGKILL"), 60_000);
      const code = await bot.exited;
      clearTimeout(deadline);
      const lines = bot.output().trim().split("\n");
      expect(code, bot.output()).toBe(1);
      // It got as far as serving: long polling starts with deleteWebhook, then the job queue failed.
      expect(fake.calls.some((c) => c.method === "deleteWebhook"), bot.output()).toBe(true);
      expect(lines.at(-1)).toMatch(/^vestnik run: the job queue could not set up its tables \(permission denied for schema pgboss\): the database role needs CREATE/);
      expect(bot.output()).not.toMatch(/\n\s+at /);
    },
  );
});
