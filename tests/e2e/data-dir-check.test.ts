import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

// The embedded database only: runCli passes no DATABASE_URL, whatever this run's environment says.
let root: string;
let fresh: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "vestnik-datadir-"));
  fresh = join(root, "fresh");
  const made = await runCli(["migrate"], { DATA_DIR: fresh });
  expect(made.code, made.stderr).toBe(0);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function migrateIn(dataDir: string) {
  const result = await runCli(["migrate"], { DATA_DIR: dataDir });
  const lines = result.stderr.trim().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |RuntimeError|Aborted\(\)/);
  expect(result.code).toBe(1);
  return lines[0];
}

describe("a DATA_DIR that cannot hold the embedded database", () => {
  it("a file: one line naming it", { timeout: 60_000 }, async () => {
    const file = join(root, "a-file");
    writeFileSync(file, "not a folder\n");
    expect(await migrateIn(file)).toBe(`vestnik migrate: DATA_DIR ${file}: is a file, not a folder; point DATA_DIR at a folder for the embedded database`);
  });

  it("a path through a file, or a place nobody may write", { timeout: 60_000 }, async () => {
    const file = join(root, "another-file");
    writeFileSync(file, "x");
    expect(await migrateIn(join(file, "data"))).toMatch(/: cannot read it: a part of the path is a file \(ENOTDIR\)$/);
    // /sys refuses new folders even to root, where chmod would not.
    expect(await migrateIn("/sys/vestnik-data")).toMatch(/^vestnik migrate: DATA_DIR \/sys\/vestnik-data: cannot create the folder: (permission denied|read-only file system) \(E[A-Z]+\)$/);
  });

  it("a foreign non-empty folder is refused and left as it was", { timeout: 60_000 }, async () => {
    const foreign = join(root, "photos");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "holiday.jpg"), "jpeg");
    expect(await migrateIn(foreign)).toBe(
      `vestnik migrate: DATA_DIR ${foreign}: the folder is not empty (1 entry) and holds no Vestnik database; point DATA_DIR at a new or empty folder`,
    );
    expect(readdirSync(foreign)).toEqual(["holiday.jpg"]);
  });

  it("a cluster of another PostgreSQL version", { timeout: 60_000 }, async () => {
    const other = join(root, "pg15");
    cpSync(fresh, other, { recursive: true });
    writeFileSync(join(other, "PG_VERSION"), "15\n");
    expect(await migrateIn(other)).toBe(`vestnik migrate: DATA_DIR ${other}: holds a PostgreSQL 15 database; this Vestnik's embedded database is PostgreSQL 18`);
  });

  it("a damaged cluster", { timeout: 60_000 }, async () => {
    const broken = join(root, "broken");
    cpSync(fresh, broken, { recursive: true });
    writeFileSync(join(broken, "global", "pg_control"), Buffer.alloc(8192, 0x5a));
    expect(await migrateIn(broken)).toMatch(new RegExp(`^vestnik migrate: DATA_DIR ${broken}: the embedded database in it cannot be opened \\(damaged\\?\\): .+`));
  });

  it("still opens its own database, and an empty folder", { timeout: 180_000 }, async () => {
    expect((await runCli(["migrate"], { DATA_DIR: fresh })).code).toBe(0);
    const empty = join(root, "empty");
    mkdirSync(empty);
    const result = await runCli(["migrate"], { DATA_DIR: empty });
    expect(result.code, result.stderr).toBe(0);
  });
});
