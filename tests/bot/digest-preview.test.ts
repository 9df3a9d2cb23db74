import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestDeliveries } from "../../src/db/schema.js";
import { message, seedArticles, sentText } from "../helpers/bot-harness.js";
import { createSubscriptionWorld, type SubscriptionWorld } from "./subscribe-setup.js";

/** 15:00 in Moscow. */
const NOW = new Date("2025-06-10T12:00:00Z");
const HOUR = 3_600_000;

let world: SubscriptionWorld;
let nextUser = 9100;
const newReader = () => nextUser++;

beforeAll(async () => {
  world = await createSubscriptionWorld(NOW);
});
afterAll(async () => world.database.close());

const send = (text: string, userId: number, languageCode = "en") => world.harness.handleUpdate(message(text, { userId, languageCode }));
const texts = (calls: Awaited<ReturnType<typeof send>>) => calls.filter((c) => c.method === "sendMessage").map((c) => c.payload.text as string);

describe("/digest on an empty store", () => {
  it("says there is nothing new yet", async () => {
    const user = newReader();
    expect(sentText(await send("/digest", user))).toBe("Nothing new in the last 24 hours yet. Please check back later.");
    expect(sentText(await send("/digest", user, "ru"))).toBe("За последние сутки пока ничего нового. Загляните чуть позже.");
  });
});

describe("/digest with news", () => {
  beforeAll(async () => {
    const ids = await seedArticles(world.repos, { url: "https://wire.example/", title: "Steppe & Wire" }, [
      { title: "Pipeline to China opens", url: "https://wire.example/1", publishedAt: new Date(NOW.getTime() - 1 * HOUR), summary: "Gas flows east." },
      { title: "Tashkent metro grows", url: "https://wire.example/2", publishedAt: new Date(NOW.getTime() - 2 * HOUR), summary: "Three new stations." },
      { title: "Football <final>", url: "https://wire.example/3", publishedAt: new Date(NOW.getTime() - 3 * HOUR), summary: "A & B drew." },
      { title: "Old energy news", url: "https://wire.example/4", publishedAt: new Date(NOW.getTime() - 30 * HOUR) },
    ]);
    const at = (i: number) => new Date(NOW.getTime() - [1, 2, 3, 30][i]! * HOUR);
    await world.repos.articleTopics.assign([
      { articleId: ids[0]!, publishedAt: at(0), topics: ["energy", "china"] },
      { articleId: ids[1]!, publishedAt: at(1), topics: ["central-asia"] },
      { articleId: ids[2]!, publishedAt: at(2), topics: ["sport"] },
      { articleId: ids[3]!, publishedAt: at(3), topics: ["energy"] },
    ]);
  });

  it("shows a subscriber the day's articles in their topics, as the digest would, without counting as the digest", async () => {
    const user = newReader();
    await send("/subscribe energy, central asia", user);
    const calls = await send("/digest", user);
    const sent = texts(calls);
    expect(sent).toHaveLength(1);
    const [digest] = sent as [string];
    expect(digest).toContain("Pipeline to China opens");
    expect(digest).toContain("Tashkent metro grows");
    expect(digest).toContain("Steppe &amp; Wire");
    expect(digest).not.toContain("Football");
    expect(digest).not.toContain("Old energy news");
    expect(calls[0]?.payload).toMatchObject({ parse_mode: "HTML", link_preview_options: { is_disabled: true } });

    const subscriber = await world.repos.subscribers.find(user);
    expect(subscriber?.lastDigestAt).toBeNull();
    expect(await world.database.db.select().from(digestDeliveries)).toEqual([]);
    // Asking again shows the same: nothing was used up.
    expect(texts(await send("/digest", user))).toEqual(sent);
  });

  it("previews all news for a reader who has not subscribed, in their language, and invites them to subscribe", async () => {
    const user = newReader();
    const sent = texts(await send("/digest", user, "ru"));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain("Football &lt;final&gt;");
    expect(sent[0]).toContain("Pipeline to China opens");
    expect(sent[1]).toBe("Это был предпросмотр. Отправьте /subscribe, и такой дайджест будет приходить каждый день в 08:00.");
    expect(await world.repos.subscribers.find(user)).toBeUndefined();
  });

  it("starts after the reader's last digest, and says so when nothing came since", async () => {
    const user = newReader();
    await send("/subscribe ecology", user);
    const subscriber = await world.repos.subscribers.find(user);
    await world.repos.subscribers.setLastDigestAt(subscriber!.id, new Date(NOW.getTime() - 5 * HOUR));
    const text = sentText(await send("/digest", user));
    expect(text).toContain("Nothing new since your last digest yet.");
    expect(text).toContain("Your topics: <b>Ecology &amp; climate</b>.");
  });
});
