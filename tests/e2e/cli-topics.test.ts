import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";

const GOOD = fileURLToPath(new URL("../fixtures/ingest/good", import.meta.url));

let dir: string;
let server: TestDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vestnik-topics-"));
  if (process.env.DATABASE_URL) {
    server = await createTestDatabase();
    env = { DATABASE_URL: server.url ?? "" };
  } else {
    env = { DATA_DIR: join(dir, "data") };
  }
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("vestnik classify", () => {
  it("tags JSON Lines in input order without a database", async () => {
    const input = [
      { id: "a", title: "Токаев провёл переговоры в Ташкенте", text: "Президент Казахстана встретился с Мирзиёевым." },
      { id: 2, title: "В Астраханской области открыли мост", text: "Мост через Волгу построили за два года.", lang: "ru" },
      { id: { nested: true }, title: "Armenia and Azerbaijan resume border talks", text: "Delegations met in Yerevan." },
      // «CША» with a Latin C: repaired as ingest repairs it.
      { id: "mixed", title: "Госдеп CША сделал заявление", text: "" },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n");
    // No DATABASE_URL and a DATA_DIR that does not exist: classify must not touch either.
    const result = await runCli(["classify"], { DATA_DIR: join(dir, "never-created") }, `${input}\n`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: unknown; topics: string[] });
    expect(out.map((o) => o.id)).toEqual(["a", 2, { nested: true }, "mixed"]);
    expect(out[3]?.topics).toContain("usa");
    expect(out[0]?.topics).toContain("central-asia");
    expect(out[1]?.topics).not.toContain("central-asia");
    expect(out[2]?.topics).toContain("caucasus");
  });

  it("keeps output aligned with input when a line is bad, and exits 1", async () => {
    const input = '{"id":1,"title":"Бишкек","text":""}\nnot json\n[1,2]\n{"title":"no id"}\n{"id":5,"title":"Сочи","text":""}\n';
    const result = await runCli(["classify"], {}, input);
    expect(result.code).toBe(1);
    const out = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: unknown; error?: string });
    expect(out.map((o) => o.id)).toEqual([1, null, null, null, 5]);
    expect(out.filter((o) => o.error)).toHaveLength(3);
    expect(result.stderr).toMatch(/line 2: not valid JSON/);
    expect(result.stderr).toMatch(/line 4: missing "id"/);
  });
  it("answers every line, blank ones too, and echoes the id of an otherwise invalid line", async () => {
    const input = '{"id":1,"title":"Бишкек","text":""}\n\n   \n{"id":4,"title":5}\n{"id":"e","title":"Ереван","text":""}\n';
    const result = await runCli(["classify"], {}, input);
    expect(result.code).toBe(1);
    const out = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { id: unknown; error?: string; topics: string[] });
    expect(out).toHaveLength(5);
    expect(out.map((o) => o.id)).toEqual([1, null, null, 4, "e"]);
    expect(out.map((o) => o.error !== undefined)).toEqual([false, true, true, true, false]);
    expect(out[4]?.topics).toContain("caucasus");
    expect(result.stderr.trim().split("\n")).toEqual([
      "vestnik classify: line 2: empty line",
      "vestnik classify: line 3: empty line",
      'vestnik classify: line 4: "title" and "text" must be strings',
    ]);
  });
});

describe("vestnik topics", () => {
  it("lists the taxonomy with article counts after an ingest tagged the articles", async () => {
    expect((await runCli(["ingest", GOOD], env)).code).toBe(0);
    const result = await runCli(["topics"], env);
    expect(result.code).toBe(0);
    const rows = result.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^SLUG\s+RUSSIAN\s+ENGLISH\s+ARTICLES$/);
    const centralAsia = rows.find((r) => r.startsWith("central-asia "));
    expect(centralAsia).toMatch(/Центральная Азия\s+Central Asia\s+[1-9]\d*$/);
    expect(rows.length).toBeGreaterThanOrEqual(13);
  });

  it("re-tags the store with a changed taxonomy from TOPICS_FILE", async () => {
    const file = join(dir, "topics.yaml");
    writeFileSync(
      file,
      [
        "topics:",
        "  - slug: transport",
        "    names: { ru: Транспорт, en: Transport }",
        "    terms:",
        "      - { match: [метро, аэропорт, терминал], weight: 3 }",
      ].join("\n"),
    );
    const retag = await runCli(["topics", "retag"], { ...env, TOPICS_FILE: file });
    expect(retag.code).toBe(0);
    expect(retag.stdout).toMatch(/6 articles read/);
    const list = await runCli(["topics"], { ...env, TOPICS_FILE: file });
    expect(list.stdout).toMatch(/^transport\s+Транспорт\s+Transport\s+2$/m);
  });

  it("refuses a broken TOPICS_FILE naming the variable and the place, exit 2", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify({ topics: [{ slug: "Bad Slug!", names: { ru: "x", en: "x" }, terms: [] }] }));
    const result = await runCli(["classify"], { TOPICS_FILE: file }, "");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/TOPICS_FILE/);
    expect(result.stderr).toMatch(/slug/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
