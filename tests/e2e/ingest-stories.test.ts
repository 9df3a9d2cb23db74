import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { articles, storyBacklog } from "../../src/db/schema.js";
import { describe, expect, it } from "../helpers/fixtures.js";
import { runCli } from "../helpers/run-cli.js";

/**
 * `vestnik ingest` of several channel files, each holding a week of one channel's posts: the stories
 * must come out as they do when the same posts are clustered in time order (`vestnik stories`), not
 * file by file — where the first channel's whole week would be grouped before any other channel's
 * post exists, with window statistics of one channel.
 */

interface Post {
  channel: string;
  /** Minutes after 2024-11-20 09:00 UTC. */
  at: number;
  text: string;
  event: string;
}

const POSTS: Post[] = [
  { channel: "north", at: 0, event: "fire", text: "⚡️ В Подольске горит склад стройматериалов на площади 2 тысячи квадратных метров, на месте работают 40 пожарных расчётов" },
  { channel: "south", at: 6, event: "fire", text: "Крупный пожар на складе стройматериалов в Подольске: огонь охватил 2 тысячи квадратных метров, сообщает МЧС.\n\n👉 Южный канал. Подписаться" },
  { channel: "east", at: 11, event: "fire", text: "❗️В Подольске загорелся склад стройматериалов, площадь пожара достигла 2 тысяч квадратных метров" },
  { channel: "north", at: 65, event: "rate", text: "Банк России повысил ключевую ставку до 21% годовых, говорится в сообщении регулятора" },
  { channel: "east", at: 66, event: "rate", text: "⚡️ЦБ повысил ключевую ставку до 21% годовых — максимум с 2003 года" },
  { channel: "south", at: 70, event: "rate", text: "Совет директоров Банка России поднял ключевую ставку до 21% годовых" },
  { channel: "south", at: 150, event: "metro", text: "В Казани открыли новую станцию метро «Суконная слобода», первые пассажиры проехали по ней утром" },
  { channel: "north", at: 1500, event: "bridge", text: "В Саратове закрыли на ремонт мост через Волгу до конца марта, движение пустят в объезд" },
  { channel: "east", at: 1504, event: "bridge", text: "Мост через Волгу в Саратове закроют на ремонт до конца марта, транспорт пойдёт в объезд" },
  { channel: "south", at: 3000, event: "fire-again", text: "В Подольске снова горит склад: пожар на соседней улице, площадь 300 квадратных метров" },
];

const START = Date.parse("2024-11-20T09:00:00Z");
const idOf = (post: Post) => `https://t.me/${post.channel}/${post.at}`;
const at = (post: Post) => new Date(START + post.at * 60_000).toISOString();

function channelFeed(channel: string): string {
  const items = POSTS.filter((p) => p.channel === channel)
    // Newest first, as channels and feeds list them.
    .sort((a, b) => b.at - a.at)
    .map((p) => ({ id: idOf(p), url: idOf(p), content_html: `<p>${p.text.replaceAll("\n", "<br>\n")}</p>`, date_published: at(p) }));
  return JSON.stringify({ version: "https://jsonfeed.org/version/1.1", title: `Канал ${channel}`, home_page_url: `https://t.me/${channel}`, items });
}

/** Story ids → the sets of ids they hold, as sorted lists (ids are arbitrary, the partition is not). */
function partition(pairs: [string, unknown][]): string[][] {
  const groups = new Map<unknown, string[]>();
  for (const [id, story] of pairs) groups.set(story, [...(groups.get(story) ?? []), id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe("stories of a multi-file ingest", () => {
  it("groups the run's articles in time order across files, exactly as `vestnik stories` does", { timeout: 120_000 }, async ({ cliStore }) => {
    const dir = join(cliStore.dir, "feeds");
    mkdirSync(dir);
    for (const channel of ["north", "south", "east"]) writeFileSync(join(dir, `${channel}.json`), channelFeed(channel));
    const ingest = await runCli(["ingest", dir], cliStore.env);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/ingest: 10 new, 0 already known, 0 failed/);

    const database = await cliStore.open();
    let stored: [string, unknown][];
    try {
      const rows = await database.db.select({ url: articles.url, storyId: articles.storyId }).from(articles).orderBy(asc(articles.id));
      expect(rows.every((r) => r.storyId !== null)).toBe(true);
      expect(await database.db.select().from(storyBacklog)).toEqual([]);
      stored = rows.map((r) => [r.url, r.storyId]);
    } finally {
      await database.close();
    }

    const lines = [...POSTS]
      .sort((a, b) => a.at - b.at)
      .map((p) => JSON.stringify({ id: idOf(p), text: p.text, source: p.channel, published_at: at(p) }));
    const command = await runCli(["stories"], {}, `${lines.join("\n")}\n`);
    expect(command.code, command.stderr).toBe(0);
    const clustered = command.stdout.trim().split("\n").map((l) => JSON.parse(l) as { id: string; story: number });

    const byEvent = partition(POSTS.map((p) => [idOf(p), p.event]));
    // The engine tells these events apart (the fire a day later is another story)…
    expect(partition(clustered.map((c) => [c.id, c.story]))).toEqual(byEvent);
    // …and ingest, reading the channels one file after another, forms the same stories.
    expect(partition(stored)).toEqual(byEvent);
  });
});
