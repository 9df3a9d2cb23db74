import { keyOf, type Repositories, type Subscriber, type SubscriberDefaults, type SubscriptionRef } from "../db/repositories/index.js";
import { isValidTimeZone } from "../shared/time-zone.js";
import type { Locale } from "../shared/locale.js";
import type { Topic } from "../topics/types.js";
import { checkDue, formatMinute, localClock } from "./schedule.js";


const MINUTES_PER_DAY = 1440;

/** The zones most readers live in, offered as buttons; anything else goes through `/timezone`. */
export const QUICK_TIME_ZONES: ReadonlyArray<{ zone: string; names: Record<Locale, string> }> = [
  { zone: "Europe/Moscow", names: { ru: "Москва", en: "Moscow" } },
  { zone: "Europe/Kyiv", names: { ru: "Киев", en: "Kyiv" } },
  { zone: "Asia/Almaty", names: { ru: "Алматы", en: "Almaty" } },
  { zone: "Asia/Tashkent", names: { ru: "Ташкент", en: "Tashkent" } },
  { zone: "Asia/Bishkek", names: { ru: "Бишкек", en: "Bishkek" } },
  { zone: "Asia/Dushanbe", names: { ru: "Душанбе", en: "Dushanbe" } },
  { zone: "Asia/Ashgabat", names: { ru: "Ашхабад", en: "Ashgabat" } },
  { zone: "UTC", names: { ru: "UTC", en: "UTC" } },
];

/** Digest times offered as buttons (minutes after midnight); any other goes through `/time`. */
export const QUICK_DIGEST_MINUTES: readonly number[] = [6, 7, 8, 9, 10, 12, 18, 20, 21].map((h) => h * 60);

/**
 * A time of day typed by a reader, as minutes after midnight. 24-hour `8:30`, `08:30`, `8.30`,
 * `0830`, or a bare hour `8`; 12-hour `8:30 pm`, `8pm`, `12am`. Anything else is undefined.
 */
export function parseDigestTime(input: string): number | undefined {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(?: ?([ap])\.?m\.?)?$/.exec(text) ?? /^(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? "0");
  const half = match[3];
  if (minute > 59) return undefined;
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === "p" ? 12 : 0);
  }
  if (hour > 23) return undefined;
  return hour * 60 + minute;
}

/** "08:05" — the same in both languages. */
export const formatDigestTime = formatMinute;

/** Names ICU still knows only under an older spelling; the new one is what readers expect to see. */
const MODERN_NAMES = new Map([["europe/kiev", "Europe/Kyiv"], ["europe/kyiv", "Europe/Kyiv"], ["asia/calcutta", "Asia/Kolkata"]]);

let knownZones: Map<string, string> | undefined;
/** Every zone Intl lists, by lower-case name and by lower-case city ("new_york" → America/New_York). */
function zoneIndex(): Map<string, string> {
  if (knownZones) return knownZones;
  const index = new Map<string, string>();
  const cities = new Map<string, string[]>();
  for (const zone of Intl.supportedValuesOf("timeZone")) {
    const name = MODERN_NAMES.get(zone.toLowerCase()) ?? zone;
    index.set(zone.toLowerCase(), name);
    const city = zone.split("/").at(-1)?.toLowerCase();
    if (city && zone.includes("/")) cities.set(city, [...(cities.get(city) ?? []), name]);
  }
  for (const { zone, names } of QUICK_TIME_ZONES) {
    for (const name of Object.values(names)) cities.set(name.toLowerCase().replace(/ /g, "_"), [zone]);
  }
  // A city name alone is enough when it names one zone only.
  for (const [city, zones] of cities) if (zones.length === 1 && !index.has(city)) index.set(city, zones[0] as string);
  knownZones = index;
  return index;
}

/**
 * An IANA zone typed by a reader, in its canonical spelling: `asia/almaty` → `Asia/Almaty`,
 * `Europe/Kiev` → `Europe/Kyiv`, `utc` → `UTC`, a lone city like `Almaty`, `New York` or
 * `Бишкек` → its zone. Undefined for anything Intl does not know (`Mars/Base`), for offsets
 * (`+05:00`) and for abbreviations (`EST`), which say nothing about daylight saving.
 */
export function resolveTimeZone(input: string): string | undefined {
  const text = input.trim().replace(/\s+/g, "_");
  if (text === "" || text.length > 64) return undefined;
  const key = text.toLowerCase();
  if (["utc", "gmt", "etc/utc", "etc/gmt", "z", "zulu", "etc/zulu", "universal", "etc/universal"].includes(key)) return "UTC";
  const modern = MODERN_NAMES.get(key);
  if (modern) return modern;
  const known = zoneIndex().get(key);
  if (known) return known;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2}$/.test(text) || !isValidTimeZone(text)) return undefined;
  // Names Intl accepts but does not list (America/Argentina/Buenos_Aires, US/Eastern): typed in
  // their proper case they are kept; otherwise the spelling ICU resolves them to.
  if (text.split("/").every((part) => /^[A-Z]/.test(part))) return text;
  const canonical = new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone;
  return MODERN_NAMES.get(canonical.toLowerCase()) ?? canonical;
}

/**
 * When the next digest comes, in the reader's words. The scheduler sends a digest once the local
 * time is at or past the digest time and none went out for the local date yet, so a reader whose
 * time has passed today with no digest yet gets one at the next check ("soon").
 */
export function nextDigest(now: Date, timeZone: string, digestMinute: number, deliveredToday: boolean): "soon" | "today" | "tomorrow" {
  if (deliveredToday) return "tomorrow";
  return checkDue(now, { timeZone, digestMinute }).due ? "soon" : "today";
}

/** New readers' zone and digest time (`digestTime` is HH:MM, already validated by the config). */
export function subscriberDefaults(settings: { timeZone: string; digestTime: string }): SubscriberDefaults {
  const digestMinute = parseDigestTime(settings.digestTime);
  if (digestMinute === undefined) throw new RangeError(`digest time ${settings.digestTime} is not HH:MM`);
  return { timeZone: settings.timeZone, digestMinute };
}

/** What a reader gets and when: everything a reply or the settings menu shows. */
export interface SubscriptionSummary {
  chatId: number;
  subscribed: boolean;
  blocked: boolean;
  /** Chosen topics in taxonomy order; empty means all news. */
  topics: Topic[];
  digestMinute: number;
  /** "08:00" */
  digestTime: string;
  timeZone: string;
  /** "14:05", the reader's local time now. */
  localTime: string;
  /** Null follows the Telegram client language. */
  language: Locale | null;
  /**
   * Only while subscribed and not blocked; "not-here" where nothing sends digests on schedule
   * (the terminal chat), so no reply promises one.
   */
  next?: "soon" | "today" | "tomorrow" | "not-here";
}

/** The part of the topic service subscriptions need (`createTopicService` fits). */
export interface TopicCatalog {
  topics: readonly Topic[];
  resolveList(input: string): { topics: Topic[]; unknown: string[] };
  bySlug(slug: string): Topic | undefined;
}

/**
 * Where a subscription was made: the chat's kind. The forum topic it came from is part of the
 * subscription's key (SubscriptionRef): each topic has its own digest and settings.
 */
export interface ChatPlace {
  kind: "private" | "group" | "supergroup" | "channel";
}

export type SubscribeResult =
  | { kind: "subscribed"; summary: SubscriptionSummary; /** Topics kept from before /unsubscribe were resumed. */ resumed: boolean }
  | { kind: "unknown-topics"; unknown: string[] };

export interface SubscriptionDeps {
  subscribers: Repositories["subscribers"];
  /** The ledger: whether today's digest is taken care of already. */
  deliveries: Pick<Repositories["deliveries"], "find">;
  topics: TopicCatalog;
  /** New readers' zone and digest time (DEFAULT_TIMEZONE, DIGEST_TIME). */
  defaults: SubscriberDefaults;
  /** False where no scheduler sends digests (the terminal chat); default true. */
  scheduled?: boolean;
  /** Default: the real clock. */
  now?: () => Date;
}

/** Words that ask for all news explicitly. */
const ALL_NEWS = new Set(["all", "all news", "everything", "все", "всё", "все новости", "всё подряд"]);

export function createSubscriptions(deps: SubscriptionDeps) {
  const { subscribers, deliveries, topics: catalog, defaults } = deps;
  const now = deps.now ?? (() => new Date());
  const order = new Map(catalog.topics.map((t, i) => [t.slug, i]));

  /** Known slugs only, in taxonomy order, each once. */
  const normalizeTopics = (slugs: Iterable<string>) =>
    [...new Set(slugs)].filter((s) => order.has(s)).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));

  async function summarize(ref: SubscriptionRef, row: Subscriber | undefined): Promise<SubscriptionSummary> {
    const { chatId } = keyOf(ref);
    const at = now();
    const timeZone = row?.timeZone ?? defaults.timeZone;
    const digestMinute = row?.digestMinute ?? defaults.digestMinute;
    const subscribed = row?.subscribed ?? false;
    const blocked = row?.blockedAt != null;
    const clock = localClock(at, timeZone);
    const summary: SubscriptionSummary = {
      chatId,
      subscribed,
      blocked,
      topics: (row?.topics ?? []).flatMap((slug) => catalog.bySlug(slug) ?? []),
      digestMinute,
      digestTime: formatDigestTime(digestMinute),
      timeZone,
      localTime: formatDigestTime(clock.minute),
      language: row?.language === "ru" || row?.language === "en" ? row.language : null,
    };
    if (row && subscribed && !blocked) {
      const delivered = (await deliveries.find(row.id, clock.date)) !== undefined;
      summary.next = deps.scheduled === false ? "not-here" : nextDigest(at, timeZone, digestMinute, delivered);
    }
    return summary;
  }

  const change = async (ref: SubscriptionRef, changes: Parameters<typeof subscribers.update>[2]) =>
    summarize(ref, await subscribers.update(ref, defaults, changes));

  return {
    catalog,

    async summary(ref: SubscriptionRef): Promise<SubscriptionSummary> {
      return summarize(ref, await subscribers.find(ref));
    },

    /**
     * `/subscribe [topics]`. No topics: a reader coming back after /unsubscribe resumes their kept
     * topics, anyone else gets all news ("all"/"все" asks for all news explicitly). Any unknown
     * name changes nothing.
     */
    /** `clientLocale`: what the reader's Telegram client speaks, for digests in that language. */
    async subscribe(ref: SubscriptionRef, input: string, clientLocale?: Locale, place?: ChatPlace): Promise<SubscribeResult> {
      const text = input.trim().replace(/\s+/g, " ");
      let slugs: string[];
      let resumed = false;
      if (text === "" || ALL_NEWS.has(text.toLowerCase())) {
        const row = await subscribers.find(ref);
        const kept = normalizeTopics(row?.topics ?? []);
        resumed = text === "" && row !== undefined && !row.subscribed && kept.length > 0;
        slugs = resumed ? kept : [];
      } else {
        const resolved = catalog.resolveList(text);
        if (resolved.unknown.length > 0) return { kind: "unknown-topics", unknown: resolved.unknown };
        slugs = normalizeTopics(resolved.topics.map((t) => t.slug));
      }
      await subscribers.update(ref, defaults, {
        subscribed: true,
        topics: slugs,
        ...(clientLocale ? { clientLanguage: clientLocale } : {}),
        ...(place ? { chatKind: place.kind } : {}),
      });
      await subscribers.reactivate(ref);
      return { kind: "subscribed", summary: await this.summary(ref), resumed };
    },

    /** Stops digests and keeps every choice; false when there was nothing to stop. */
    async unsubscribe(ref: SubscriptionRef): Promise<boolean> {
      const row = await subscribers.find(ref);
      if (!row?.subscribed) return false;
      await subscribers.update(ref, defaults, { subscribed: false });
      return true;
    },

    /** The settings menu's on/off switch; switching on also lifts a block, like /subscribe. */
    async setSubscribed(ref: SubscriptionRef, on: boolean): Promise<SubscriptionSummary> {
      await subscribers.update(ref, defaults, { subscribed: on });
      if (on) await subscribers.reactivate(ref);
      return this.summary(ref);
    },

    async setDigestTime(ref: SubscriptionRef, minute: number): Promise<SubscriptionSummary> {
      if (!Number.isInteger(minute) || minute < 0 || minute >= MINUTES_PER_DAY) throw new RangeError(`digest minute ${minute}`);
      return change(ref, { digestMinute: minute });
    },

    /** Undefined when the zone is not one `resolveTimeZone` accepts. */
    async setTimeZone(ref: SubscriptionRef, input: string): Promise<SubscriptionSummary | undefined> {
      const zone = resolveTimeZone(input);
      return zone === undefined ? undefined : change(ref, { timeZone: zone });
    },

    /** Adds or removes one topic; removing the last one means all news. Undefined for an unknown slug. */
    async setTopic(ref: SubscriptionRef, slug: string, on: boolean): Promise<SubscriptionSummary | undefined> {
      if (!order.has(slug)) return undefined;
      const current = (await subscribers.find(ref))?.topics ?? [];
      const next = on ? [...current, slug] : current.filter((s) => s !== slug);
      return change(ref, { topics: normalizeTopics(next) });
    },

    async setAllNews(ref: SubscriptionRef): Promise<SubscriptionSummary> {
      return change(ref, { topics: [] });
    },

    async setLanguage(ref: SubscriptionRef, language: Locale): Promise<SubscriptionSummary> {
      return change(ref, { language });
    },

    /** The reader talks to the bot again (/start, unblocking it). */
    async reactivate(ref: SubscriptionRef): Promise<void> {
      await subscribers.reactivate(ref);
    },

    /** The bot was added back to a group or channel: every topic of it that still exists takes digests again. */
    async reactivateChat(chatId: number): Promise<void> {
      await subscribers.reactivateChat(chatId);
    },

    /** Telegram says the bot can no longer write to this chat (any of its topics); true if this call deactivated it. */
    async markBlocked(chatId: number, reason: string): Promise<boolean> {
      return subscribers.markChatBlocked(chatId, reason);
    },

    /** The group became a supergroup with a new id: its subscriptions follow it (see subscribers.moveChat). */
    async moveChat(from: number, to: number): Promise<number> {
      return subscribers.moveChat(from, to);
    },

    /** The reader's row for a digest preview, or what a new reader's would be (never stored). */
    async previewSubscriber(ref: SubscriptionRef): Promise<Subscriber> {
      const row = await subscribers.find(ref);
      if (row) return row;
      const at = now();
      const { chatId, threadId } = keyOf(ref);
      return {
        id: 0,
        chatId,
        language: null,
        clientLanguage: null,
        timeZone: defaults.timeZone,
        digestMinute: defaults.digestMinute,
        topics: [],
        subscribed: false,
        blockedAt: null,
        blockedReason: null,
        chatKind: null,
        messageThreadId: threadId,
        chatTitle: null,
        lastDigestAt: null,
        nextDueAt: at,
        createdAt: at,
        updatedAt: at,
      };
    },

    now,
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
