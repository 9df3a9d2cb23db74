// The source prior as an operator and a script use it: `sources add --region`, `sources set-region`,
// `topics retag`, and `classify` lines with and without `source`.
import { join } from "node:path";
import { describe, expect } from "vitest";
import { feed, rss, type FeedServer } from "../helpers/feed-server.js";
import { it, test } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

let feeds: FeedServer;
let dir: string;
let env: Record<string, string>;

// Local news of a Kyrgyz outlet that never names the country.
const LOCAL = {
  title: "Ботанический сад будут поливать артезианской водой",
  description: "На строительство скважины правительство выделило 3 млн сомов. Ежегодно сад платит за полив 140 тыс. сомов.",
};
const WORLD = { title: "Мировые цены на нефть снизились", description: "Цены на нефть на биржах Лондона и Нью-Йорка снизились." };

test.beforeAll(async ({ feeds: feedServer, cliStore }) => {
  feeds = feedServer;
  dir = cliStore.dir;
  env = { ...cliStore.env };
  // The feeds are served from this machine: the test opts in to private addresses, as an operator would.
  env.ALLOW_PRIVATE_FEEDS = "true";
  const items = (prefix: string) => [
    { ...LOCAL, link: `https://example.org/${prefix}/1` },
    { ...WORLD, link: `https://example.org/${prefix}/2` },
  ];
  feeds.route("/kg.xml", feed(() => rss({ title: "Местные новости", items: items("kg") })));
  feeds.route("/other.xml", feed(() => rss({ title: "Другие новости", items: items("other") })));
  expect((await runCli(["migrate"], env)).code).toBe(0);
}, 300_000);

interface Listed {
  id: number;
  title: string;
}

async function centralAsiaCount(): Promise<number> {
  const listed = await runCli(["topics"], env);
  const row = listed.stdout.split("\n").find((l) => l.startsWith("central-asia"));
  return Number(row?.trim().split(/\s+/).at(-1));
}

// Each test starts several `vestnik` processes; on a busy machine one can take seconds.
describe("sources and the home region", { timeout: 600_000 }, () => {
  it("tags a local article of a source added with --region, and not the same article elsewhere", async () => {
    const added = await runCli(["sources", "add", feeds.at("/kg.xml"), "--region", "central-asia"], env);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(await centralAsiaCount()).toBe(1);
    expect((await runCli(["sources", "add", feeds.at("/other.xml")], env)).code).toBe(0);
    // The other source's copy of the local article and both world articles stay without the region.
    expect(await centralAsiaCount()).toBe(1);
  });

  it("changes a source's region with set-region and applies it on retag", async () => {
    const list = JSON.parse((await runCli(["sources", "list", "--format", "json"], env)).stdout) as Listed[];
    const other = list.find((s) => s.title === "Другие новости")!;
    const set = await runCli(["sources", "set-region", String(other.id), "central-asia"], env);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/home region central-asia/);
    expect((await runCli(["topics", "retag"], env)).code).toBe(0);
    expect(await centralAsiaCount()).toBe(2);

    // By URL this time; "none" overrides the region given with --region.
    expect((await runCli(["sources", "set-region", feeds.at("/kg.xml"), "none"], env)).stdout).toMatch(/home region none/);
    expect((await runCli(["topics", "retag"], env)).code).toBe(0);
    expect(await centralAsiaCount()).toBe(1);
  });

  it("refuses an unknown region or source with one clear line", async () => {
    const bad = await runCli(["sources", "set-region", "1", "sport"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/home region is one of the region topics \(central-asia, .*\), none or auto, not "sport"/);
    expect(bad.stderr).not.toMatch(/at .*\.js/);
    const missing = await runCli(["sources", "set-region", "999", "china"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no source #999/);
    const misplaced = await runCli(["sources", "list", "--region", "china"], env);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/--region only applies to sources add/);
  });
});

describe("vestnik classify with sources", { timeout: 120_000 }, () => {
  const run = async (lines: object[]) => {
    const result = await runCli(["classify"], { DATA_DIR: join(dir, "never-created") }, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    return result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: unknown; topics: string[] });
  };
  const local = { title: LOCAL.title, text: LOCAL.description };
  // A source's history: a dozen lines about Kyrgyzstan.
  const history = Array.from({ length: 12 }, (_, i) => ({
    id: `h${i}`, source: "kg", title: `Кыргызстан: новость ${i}`, text: "Правительство Кыргызстана обсудило вопрос в Бишкеке.",
  }));

  it("without `source`, tags as before: the local article has no region", async () => {
    const out = await run([{ id: "x", ...local }]);
    expect(out[0]!.topics).not.toContain("central-asia");
  });

  it("measures a source's home region from its own lines and lends it to its local ones", async () => {
    const out = await run([{ id: "x", source: "kg", ...local }, ...history, { id: "y", source: "elsewhere", ...local }]);
    expect(out.map((o) => o.id)).toEqual(["x", ...history.map((h) => h.id), "y"]);
    expect(out[0]!.topics).toContain("central-asia");
    expect(out.at(-1)!.topics).not.toContain("central-asia");
  });

  it("takes `source_region` from the caller, and 'none' overrides the history", async () => {
    const given = await run([{ id: "x", source: "new", source_region: "central-asia", ...local }]);
    expect(given[0]!.topics).toContain("central-asia");
    const none = await run([...history, { id: "x", source: "kg", source_region: "none", ...local }]);
    expect(none.at(-1)!.topics).not.toContain("central-asia");
  });

  it("reports a non-string `source` on its line", async () => {
    const result = await runCli(["classify"], {}, '{"id":1,"source":5,"title":"a","text":""}\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 1: "source" must be a string/);
  });
});
