import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";
import { runCli, startCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const POSTGRES = Boolean(process.env.DATABASE_URL);

let fake: FakeBotApi | undefined;
let server: TestDatabase | undefined;
const roles: string[] = [];

afterAll(async () => {
  await fake?.close();
  await server?.close();
  if (roles.length > 0 && process.env.DATABASE_URL) {
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      for (const role of roles) await admin.unsafe(`drop role if exists ${role}`);
    } finally {
      await admin.end();
    }
  }
});

/** A new login role (dropped after the file) and the test database's URL as that role. */
async function roleUrl(database: TestDatabase, grants: (role: string, databaseName: string) => string[]): Promise<string> {
  const url = new URL(database.url ?? "");
  const name = url.pathname.slice(1);
  const role = `vestnik_limited_${randomBytes(4).toString("hex")}`;
  roles.push(role);
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create role ${role} login`);
    for (const statement of grants(role, name)) await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
  url.username = role;
  url.password = "";
  return url.toString();
}

describe("vestnik run when start-up fails after polling began", () => {
  // The job queue starts after long polling: a database role that may use Vestnik's tables but
  // not create the queue's own makes start-up fail there. Postgres only: PGlite has no roles.
  it.skipIf(!POSTGRES)(
    "stops what had started and exits 1 with one line, instead of living on with its store closed",
    { timeout: 90_000 },
    async () => {
      server ??= await createTestDatabase();
      fake = await startFakeBotApi();
      // Enough for the migrations' "create … if not exists" checks and for every table of Vestnik;
      // the queue's schema exists but belongs to someone else.
      const url = await roleUrl(server, (role, database) => [
        `grant create on database ${database} to ${role}`,
        `grant usage, create on schema public, drizzle to ${role}`,
        `grant all on all tables in schema public, drizzle to ${role}`,
        `grant all on all sequences in schema public, drizzle to ${role}`,
        `create schema if not exists pgboss`,
        `revoke all on schema pgboss from public`,
      ]);

      const bot = startCli(["run"], { DATABASE_URL: url, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url });
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

describe("a database role without the rights a command needs", () => {
  it.skipIf(!POSTGRES)("gets one line naming the refusal, not the statement or a stack trace, exit 1", { timeout: 60_000 }, async () => {
    server ??= await createTestDatabase();
    const url = await roleUrl(server, () => []);
    const migrate = await runCli(["migrate"], { DATABASE_URL: url });
    expect(migrate.code, migrate.stderr).toBe(1);
    expect(migrate.stderr.trim()).toMatch(/^vestnik migrate: the database refused: permission denied for [^\n]+ \(the role in DATABASE_URL lacks a privilege\)$/);
    const list = await runCli(["sources", "list"], { DATABASE_URL: url });
    expect(list.code, list.stderr).toBe(1);
    expect(list.stderr).toMatch(/the database refused: permission denied/);
    expect(list.stderr).not.toMatch(/Failed query|\n\s+at /);
  });
});
