import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "vestnik-stories-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (value: unknown) => JSON.stringify(value);

describe("vestnik stories", () => {
  it("gives one story id per line, equal for reports of one event, in input order, without a database", async () => {
    const input = [
      line({ id: "a", text: "⚡️Президент Южной Кореи объявил о введении военного положения, — агентство Yonhap.\n\n👉 Топор Live. Подписаться", source: "Топор Live", published_at: "2024-12-03T13:42:00Z" }),
      line({ id: 2, text: "Стрельба в центре Москвы: неизвестный открыл огонь возле «Кофемании» на Большой Никитской.", published_at: "2024-12-03T13:50:00Z" }),
      line({ id: "c", title: "Президент Южной Кореи объявил военное положение", text: "Президент Южной Кореи Юн Сок Ёль объявил военное положение в стране.", published_at: "2024-12-03T14:27:00Z" }),
    ].join("\n");
    const result = await runCli(["stories"], { DATA_DIR: join(dir, "never-created") }, `${input}\n`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: unknown; story: number });
    expect(out.map((o) => o.id)).toEqual(["a", 2, "c"]);
    expect(out[0]!.story).toBe(out[2]!.story);
    expect(out[1]!.story).not.toBe(out[0]!.story);
    expect(existsSync(join(dir, "never-created"))).toBe(false);
  });

  it("answers a bad line with an error line, keeps alignment and exits 1", async () => {
    const input = [
      line({ id: 1, text: "Курс евро на Forex превысил 115 рублей впервые с марта 2022 года.", published_at: "2024-11-27T10:49:00Z" }),
      "{not json",
      line({ id: 3 }),
      line({ id: 4, text: "Евро на Forex превысил 115 рублей впервые с марта 2022 года.", published_at: "yesterday" }),
      "",
      line({ id: 6, text: "Курс евро на внебиржевом рынке Forex превысил 115 рублей впервые с марта 2022 года.", published_at: "2024-11-27T10:51:00Z" }),
    ].join("\n");
    const result = await runCli(["stories"], { DATA_DIR: join(dir, "never-created") }, `${input}\n`);
    expect(result.code).toBe(1);
    const out = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: unknown; story: unknown; error?: string });
    // Six lines in (one blank), six lines out; a bad line keeps its id when it has one.
    expect(out).toHaveLength(6);
    expect(out[1]).toEqual({ id: null, story: null, error: "not valid JSON" });
    expect(out[2]).toEqual({ id: 3, story: null, error: 'no "title" or "text"' });
    expect(out[3]).toEqual({ id: 4, story: null, error: '"published_at" must be an ISO 8601 date or Unix time' });
    expect(out[4]).toEqual({ id: null, story: null, error: "empty line" });
    expect(out[0]!.story).toBe(out[5]!.story);
    expect(result.stderr).toContain("vestnik stories: line 2: not valid JSON");
    expect(result.stderr).toContain("vestnik stories: line 4:");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("takes published_at as Unix time in seconds or milliseconds too", async () => {
    // 3 December 2024 13:42 and 14:27 UTC, and a report of another event a day later.
    const input = [
      line({ id: 1, text: "⚡️Президент Южной Кореи объявил о введении военного положения, — агентство Yonhap.", published_at: 1733233320 }),
      line({ id: 2, text: "Президент Южной Кореи Юн Сок Ёль объявил военное положение в стране.", published_at: 1733236020000 }),
      line({ id: 3, text: "Курс евро на Forex превысил 115 рублей впервые с марта 2022 года.", published_at: 1733322420 }),
      line({ id: 4, text: "Курс евро на Forex превысил 115 рублей.", published_at: -5 }),
    ].join("\n");
    const result = await runCli(["stories"], { DATA_DIR: join(dir, "never-created") }, `${input}\n`);
    expect(result.code).toBe(1);
    const out = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: unknown; story: unknown; error?: string });
    expect(out[0]!.story).toBe(out[1]!.story);
    expect(out[2]!.story).not.toBe(out[0]!.story);
    expect(out[3]).toEqual({ id: 4, story: null, error: '"published_at" must be an ISO 8601 date or Unix time' });
  });

  it("reads no configuration: a malformed environment does not stop it, while commands that read it still refuse", async () => {
    const env = { DATA_DIR: join(dir, "never-created"), DEFAULT_TIMEZONE: "Mars/Base" };
    const input = line({ id: 1, text: "Курс евро на Forex превысил 115 рублей впервые с марта 2022 года.", published_at: "2024-11-27T10:49:00Z" });
    const result = await runCli(["stories"], env, `${input}\n`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({ id: 1, story: 1 });
    const classify = await runCli(["classify"], env, `${input}\n`);
    expect(classify.code).toBe(2);
    expect(classify.stderr).toContain("vestnik: configuration error: DEFAULT_TIMEZONE");
  });
});
