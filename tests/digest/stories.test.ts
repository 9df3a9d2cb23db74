import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import { createDigestBuilder } from "../../src/digest/build.js";
import { digestTranslate } from "../../src/digest/texts.js";
import { parseTelegramHtml } from "../helpers/telegram-html.js";
import { seedStory } from "../helpers/story-seed.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.js";
import { seedArticles, seedSubscribers, TEST_TOPICS, type ArticleSpec } from "./seed.js";

/**
 * Digests of stories: ranked by importance (outlets, growth, freshness), each story once with its
 * other outlets, still at most DIGEST_SIZE lines and 4096 characters a message.
 */

const DAY = 86_400_000;
// Each scenario has a day of its own, so their 24-hour windows never overlap.
const QUIET = new Date("2025-06-10T05:00:00Z");
const BUSY = new Date(QUIET.getTime() + 3 * DAY);

let database: TestDatabase;
let repos: Repositories;
let chat = 500;

beforeAll(async () => {
  database = await createTestDatabase();
  repos = createRepositories(database.db);
});

afterAll(async () => database.close());

/** One story reported by each of `outlets` in turn, `spacing` minutes apart, the last `age` minutes ago; returns its id. */
async function story(now: Date, headline: string, outlets: string[], age: number, extra: Partial<ArticleSpec> = {}, spacing = 7): Promise<number> {
  const ids: number[] = [];
  for (const [i, outlet] of outlets.entries()) {
    const [id] = await seedArticles(database.db, now, [{ title: `${headline} (${outlet})`, age: age + (outlets.length - 1 - i) * spacing, ...extra }], outlet);
    ids.push(id!);
  }
  return seedStory(database.db, ids, headline);
}

const linked = (messages: string[]) => [...messages.join("\n").matchAll(/">([^<]+)<\/a>/g)].map((m) => m[1]!);

async function digest(now: Date, size: number, locale: "ru" | "en", topics: string[] = []) {
  chat += 1;
  const [subscriber] = await seedSubscribers(database.db, [{ chatId: chat, topics }]);
  return createDigestBuilder({ repos, topics: TEST_TOPICS, size }).build({ subscriber: subscriber!, locale, now });
}

describe("a digest of stories", () => {
  beforeAll(async () => {
    await story(QUIET, "Парламент проголосовал за отмену военного положения", ["ТАСС", "РИА Новости", "BBC", "Mash", "Интерфакс"], 300, {
      summary: "Депутаты собрались ночью.",
    });
    // Newer, but one report each and no story (stored before stories existed); equal but for freshness.
    await seedArticles(database.db, QUIET, [{ title: "Свежая заметка одного канала", age: 5 }], "Топор");
    await seedArticles(database.db, QUIET, [{ title: "Заметка постарше", age: 50 }], "Топор");
  });

  it("leads with the story five outlets reported, over newer single reports, then by freshness", async () => {
    const built = await digest(QUIET, 10, "ru");
    expect(linked(built.messages)).toEqual([
      "Парламент проголосовал за отмену военного положения",
      "Свежая заметка одного канала",
      "Заметка постарше",
    ]);
    expect(built.articleCount).toBe(3);
    // The story is one line, linked to its first report, with the others named once.
    const text = built.messages.join("\n");
    expect(text).toContain("— <i>ТАСС · +4 источника: РИА Новости, BBC, Mash…</i>");
    expect(text.match(/военного положения/g)).toHaveLength(1);
    // The cutoff is the newest report of anything included, not only the linked one.
    expect(built.cutoff).toEqual(new Date(QUIET.getTime() - 5 * 60_000));
  });

  it("names the other outlets in English, with English plurals", async () => {
    const built = await digest(QUIET, 10, "en");
    expect(built.messages.join("\n")).toContain("— <i>ТАСС · +4 outlets: РИА Новости, BBC, Mash…</i>");
  });

  it("uses Fluent plural forms for the outlet count", () => {
    const t = digestTranslate();
    expect(t("ru", "digest-others", { count: 1, names: "BBC" })).toBe("+1 источник: BBC");
    expect(t("ru", "digest-others", { count: 3, names: "BBC" })).toBe("+3 источника: BBC");
    expect(t("ru", "digest-others", { count: 11, names: "BBC" })).toBe("+11 источников: BBC");
    expect(t("ru", "digest-others", { count: 21, names: "BBC" })).toBe("+21 источник: BBC");
    expect(t("en", "digest-others", { count: 1, names: "BBC" })).toBe("+1 outlet: BBC");
    expect(t("en", "digest-others", { count: 2, names: "BBC" })).toBe("+2 outlets: BBC");
  });
});

describe("a busy day's digest", () => {
  const OUTLETS = Array.from({ length: 12 }, (_, i) => `Канал ${i + 1}`);
  const big = (i: number) => `Большая история ${i}`;

  beforeAll(async () => {
    // Six big stories of 12 down to 7 outlets, 40 single reports, 20 two-outlet stories; long
    // summaries with characters that grow when escaped, so the messages fill up.
    const summary = `${"Подробности «в тексте» & <цифры>. ".repeat(6)}`;
    for (let i = 0; i < 6; i += 1) await story(BUSY, big(i), OUTLETS.slice(0, 12 - i), 60 + i * 90, { summary, topics: ["energy"] }, 3);
    for (let i = 0; i < 20; i += 1) await story(BUSY, `Средняя история ${i}`, OUTLETS.slice(0, 2), 10 + i * 20, { summary, topics: ["energy"] });
    await seedArticles(
      database.db,
      BUSY,
      Array.from({ length: 40 }, (_, i) => ({ title: `Одиночная новость ${i}`, age: 1 + i * 15, summary, topics: ["energy"] })),
      "Канал 1",
    );
  });

  it("leads with its biggest stories, each once, and keeps to DIGEST_SIZE and 4096 characters", async () => {
    for (const topics of [[], ["energy"]]) {
      const built = await digest(BUSY, 10, "ru", topics);
      const lines = linked(built.messages);
      expect(built.articleCount).toBe(10);
      expect(lines).toHaveLength(10);
      expect(new Set(lines).size).toBe(10);
      // The six big stories, biggest first (they were also spaced out in time), then the best of the rest.
      expect(lines.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5].map(big));
      expect(lines.slice(6).every((l) => l.startsWith("Средняя история"))).toBe(true);
      for (const message of built.messages) {
        expect(message.length).toBeLessThanOrEqual(4096);
        expect(parseTelegramHtml(message).length).toBeLessThanOrEqual(4096);
      }
      expect(built.messages.join("\n")).toContain(`${big(0)}</a> — <i>Канал 1 · +11 источников: Канал 2, Канал 3, Канал 4…</i>`);
    }
  });

  it("gets more messages, not more lines, with a larger digest size", async () => {
    const built = await digest(BUSY, 40, "en");
    expect(built.articleCount).toBe(40);
    expect(built.messages.length).toBeGreaterThan(1);
    const lines = linked(built.messages);
    expect(new Set(lines).size).toBe(40);
    for (const message of built.messages) expect(message.length).toBeLessThanOrEqual(4096);
  });
});
