import { DEFAULT_ALERT_SETTINGS, type AlertSettings, type AlertWatch } from "../db/repositories/alerts.js";
import type { Repositories, SubscriberDefaults, SubscriptionRef } from "../db/repositories/index.js";
import { cleanQuery } from "../news/queries.js";
import type { Topic } from "../topics/types.js";
import { normalizeName } from "../topics/resolve.js";
import { tokenize } from "../topics/stem.js";
import { parseAlertQuery } from "./query.js";
import { quietUntil } from "./timing.js";
import type { Locale } from "../shared/locale.js";

/** Quiet hours of a chat that never chose (23:00–08:00). */
export const DEFAULT_QUIET_HOURS = DEFAULT_ALERT_SETTINGS.quiet!;

/** Watches one chat may have. */
export const MAX_WATCHES_PER_CHAT = 20;

/** Leading words that say "the rest is a topic name": `/alert topic energy`, `/alert тема энергетика`. */
const TOPIC_PREFIX = /^(?:topic|тема)\s+/i;

export type AddAlertResult =
  | { kind: "added"; watch: AlertWatch; topic?: Topic }
  | { kind: "duplicate"; watch: AlertWatch }
  | { kind: "limit"; limit: number }
  /** Nothing left to look for (empty, stop words only, exclusions only). */
  | { kind: "empty" }
  /** `topic <name>` named no topic. */
  | { kind: "unknown-topic"; name: string };

export interface AlertOverview {
  watches: AlertWatch[];
  settings: AlertSettings;
  timeZone: string;
  limit: number;
}

export interface AlertServiceDeps {
  repos: Pick<Repositories, "alerts" | "subscribers">;
  topics: { resolve(phrase: string): Topic | undefined; bySlug(slug: string): Topic | undefined };
  defaults: SubscriberDefaults;
  /** Clock for releasing held alerts; default the system clock. */
  now?: () => Date;
}

function namesTopic(text: string, topic: Topic): boolean {
  const key = (s: string) => tokenize(normalizeName(s)).join(" ");
  const wanted = key(text);
  return [topic.slug, topic.names.ru, topic.names.en].some((name) => normalizeName(name) === normalizeName(text) || key(name) === wanted);
}

/**
 * What a chat can do with its alerts; every change is scoped to that chat's own rows. A chat is a
 * subscription (SubscriptionRef): a forum topic has alerts of its own, as it has its own digest.
 */
export function createAlertService(deps: AlertServiceDeps) {
  const { alerts, subscribers } = deps.repos;
  const subscriberOf = async (ref: SubscriptionRef) => (await subscribers.ensure(ref, deps.defaults)).id;

  return {
    limit: MAX_WATCHES_PER_CHAT,

    /** A watch from `/alert <input>`: a topic when the input names one, else a word query. */
    async add(ref: SubscriptionRef, input: string): Promise<AddAlertResult> {
      const text = cleanQuery(input);
      const explicit = TOPIC_PREFIX.exec(text);
      let topic: Topic | undefined;
      let name = text;
      if (explicit) {
        name = text.slice(explicit[0].length);
        topic = deps.topics.resolve(name);
        if (!topic) return { kind: "unknown-topic", name };
      } else {
        // Only a topic's own name makes a bare query a topic watch: «Казахстан» is an alias of
        // Central Asia for /topic, but a reader watching it wants the word.
        const named = deps.topics.resolve(text);
        if (named && namesTopic(text, named)) topic = named;
      }
      if (!topic && parseAlertQuery(text).kind === "empty") return { kind: "empty" };
      const id = await subscriberOf(ref);
      const result = await alerts.addWatch(id, name, topic?.slug ?? null, MAX_WATCHES_PER_CHAT);
      return result.kind === "added" && topic ? { ...result, topic } : result;
    },

    async overview(ref: SubscriptionRef): Promise<AlertOverview> {
      const row = await subscribers.ensure(ref, deps.defaults);
      const [watches, settings] = await Promise.all([alerts.listWatches(row.id), alerts.settings(row.id)]);
      return { watches, settings, timeZone: row.timeZone, limit: MAX_WATCHES_PER_CHAT };
    },

    /** The watch removed, or undefined when this chat has no such watch. */
    async remove(ref: SubscriptionRef, watchId: number): Promise<AlertWatch | undefined> {
      const id = await subscriberOf(ref);
      const watch = (await alerts.listWatches(id)).find((w) => w.id === watchId);
      if (!watch || !(await alerts.removeWatch(id, watchId))) return undefined;
      return watch;
    },

    async setMuted(ref: SubscriptionRef, watchId: number, muted: boolean): Promise<AlertWatch | undefined> {
      return alerts.setMuted(await subscriberOf(ref), watchId, muted);
    },

    async setPaused(ref: SubscriptionRef, paused: boolean): Promise<AlertSettings> {
      return alerts.updateSettings(await subscriberOf(ref), { paused });
    },

    /**
     * null turns quiet hours off. Alerts already waiting for the old quiet hours to end come
     * forward to the end of the new ones (or now): a reader who switches quiet hours off at night
     * expects what was held to arrive, not to wait for the morning.
     */
    async setQuiet(ref: SubscriptionRef, quiet: AlertSettings["quiet"]): Promise<AlertSettings> {
      const row = await subscribers.ensure(ref, deps.defaults);
      const settings = await alerts.updateSettings(row.id, { quiet });
      const now = deps.now?.() ?? new Date();
      await alerts.bringForward(row.id, quietUntil(now, row.timeZone, quiet) ?? now);
      return settings;
    },

    /** How a watch reads in lists: a topic by its name in the reader's language. */
    describe(watch: Pick<AlertWatch, "query" | "topic">, locale: Locale): string {
      const topic = watch.topic ? deps.topics.bySlug(watch.topic) : undefined;
      return topic ? topic.names[locale] : watch.query;
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
