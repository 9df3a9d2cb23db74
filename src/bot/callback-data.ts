import { QUICK_TIME_ZONES } from "../digest/subscriptions.js";
import type { ArticleCursor } from "../news/queries.js";
import type { Locale } from "../shared/locale.js";

/**
 * Paging buttons carry their state in callback data (≤ 64 bytes). Anyone can send any data, so
 * decoding accepts only what encoding produces: one prefix with a version digit, lower-case
 * base36 numbers without leading zeros, and values inside the ranges the bot itself uses.
 *
 *   l1:<page size>:<published ms>:<article id>   older page of /latest
 *   s1:<query id>:<published ms>:<article id>    older page of /search
 *   g1:<op>[:<arg>[:<arg>]]                      a /settings button for the chat it hangs in
 *   c1:<chat id>:<op>[:<arg>[:<arg>]]            the same for a channel managed from a private chat
 *   d1:<a|y|n>:<chat id>                         /disconnect: ask, confirm, cancel
 */
export type CallbackAction =
  | { kind: "latest"; size: number; cursor: ArticleCursor }
  | { kind: "search"; queryId: number; cursor: ArticleCursor }
  /** `chatId`: the channel these settings are for; absent means the chat the button hangs in. */
  | { kind: "settings"; action: SettingsAction; chatId?: number }
  | { kind: "disconnect"; op: DisconnectOp; chatId: number };

export type DisconnectOp = "ask" | "yes" | "no";

export type SettingsView = "main" | "time" | "zone" | "topics" | "language";

/**
 * What a /settings button does. Changes carry the value they set, never "toggle", so a double
 * tap or a stale menu cannot flip a choice back.
 */
export type SettingsAction =
  | { op: "show"; view: SettingsView }
  | { op: "time"; minute: number }
  | { op: "zone"; zone: string }
  | { op: "topic"; slug: string; on: boolean }
  | { op: "all-news" }
  | { op: "language"; locale: Locale }
  | { op: "digest"; on: boolean }
  | { op: "close" };

/** Largest /latest page; a button asking for more was not made by this bot. */
export const MAX_PAGE_SIZE = 20;

const MAX_CALLBACK_BYTES = 64;
/** The range a JavaScript Date can hold; anything outside is forged. */
const MAX_DATE_MS = 8.64e15;

const LATEST = "l1";
const SEARCH = "s1";
const SETTINGS = "g1";
const TARGETED_SETTINGS = "c1";
const DISCONNECT = "d1";
const DISCONNECT_OPS: Record<string, DisconnectOp> = { a: "ask", y: "yes", n: "no" };
/** Groups, supergroups and channels have negative ids; a managed chat is never a private one. */
const MIN_CHAT_ID = -Number.MAX_SAFE_INTEGER;
const VIEWS: Record<string, SettingsView> = { m: "main", t: "time", z: "zone", p: "topics", l: "language" };
const TOPIC_SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const QUICK_ZONES = new Set(QUICK_TIME_ZONES.map((z) => z.zone));

function num(value: number): string {
  return value.toString(36);
}

/** Parses a canonical base36 integer; undefined for anything `num` would not have written. */
function parseNum(text: string, min: number, max: number): number | undefined {
  if (!/^-?(0|[1-9a-z][0-9a-z]{0,11})$/.test(text)) return undefined;
  const value = Number.parseInt(text, 36);
  if (!Number.isSafeInteger(value) || value < min || value > max) return undefined;
  return num(value) === text ? value : undefined;
}

function encodeSettings(action: SettingsAction, prefix: string): string {
  const flag = (on: boolean) => (on ? "1" : "0");
  switch (action.op) {
    case "show":
      return `${prefix}:v:${Object.entries(VIEWS).find(([, view]) => view === action.view)?.[0] ?? ""}`;
    case "time":
      return `${prefix}:t:${num(action.minute)}`;
    case "zone":
      return `${prefix}:z:${action.zone}`;
    case "topic":
      return `${prefix}:p:${action.slug}:${flag(action.on)}`;
    case "all-news":
      return `${prefix}:a`;
    case "language":
      return `${prefix}:l:${action.locale}`;
    case "digest":
      return `${prefix}:s:${flag(action.on)}`;
    case "close":
      return `${prefix}:x`;
  }
}

/** Only what encodeSettings writes: known views, minutes of a day, quick-pick zones, slug-shaped topics. */
function decodeSettings(parts: string[]): SettingsAction | undefined {
  const [op, arg, extra] = parts;
  const flag = (text: string | undefined) => (text === "1" ? true : text === "0" ? false : undefined);
  if (parts.length === 1) {
    if (op === "a") return { op: "all-news" };
    if (op === "x") return { op: "close" };
    return undefined;
  }
  if (arg === undefined) return undefined;
  if (parts.length === 3) {
    const on = flag(extra);
    return op === "p" && TOPIC_SLUG.test(arg) && on !== undefined ? { op: "topic", slug: arg, on } : undefined;
  }
  if (parts.length !== 2) return undefined;
  switch (op) {
    case "v": {
      const view = Object.hasOwn(VIEWS, arg) ? VIEWS[arg] : undefined;
      return view && { op: "show", view };
    }
    case "t": {
      const minute = parseNum(arg, 0, 24 * 60 - 1);
      return minute === undefined ? undefined : { op: "time", minute };
    }
    case "z":
      return QUICK_ZONES.has(arg) ? { op: "zone", zone: arg } : undefined;
    case "l":
      return arg === "ru" || arg === "en" ? { op: "language", locale: arg } : undefined;
    case "s": {
      const on = flag(arg);
      return on === undefined ? undefined : { op: "digest", on };
    }
    default:
      return undefined;
  }
}

export function encodeCallback(action: CallbackAction): string {
  if (action.kind === "settings" || action.kind === "disconnect") {
    const data =
      action.kind === "disconnect"
        ? `${DISCONNECT}:${action.op[0]}:${num(action.chatId)}`
        : encodeSettings(action.action, action.chatId === undefined ? SETTINGS : `${TARGETED_SETTINGS}:${num(action.chatId)}`);
    if (decodeCallback(data) === undefined) throw new RangeError(`cannot encode callback ${JSON.stringify(action)}`);
    return data;
  }
  const { cursor } = action;
  const head = action.kind === "latest" ? [LATEST, num(action.size)] : [SEARCH, num(action.queryId)];
  const data = [...head, num(cursor.publishedAt.getTime()), num(cursor.id)].join(":");
  // Only a bug (a non-integer or absurd value) can get here; better to fail loudly than send a dead button.
  if (decodeCallback(data) === undefined) throw new RangeError(`cannot encode callback ${JSON.stringify(action)}`);
  return data;
}

export function decodeCallback(data: string): CallbackAction | undefined {
  if (data.length > MAX_CALLBACK_BYTES) return undefined;
  const parts = data.split(":");
  if (parts[0] === SETTINGS) {
    const action = decodeSettings(parts.slice(1));
    return action && { kind: "settings", action };
  }
  if (parts[0] === TARGETED_SETTINGS) {
    const chatId = parseNum(parts[1] ?? "", MIN_CHAT_ID, -1);
    const action = chatId === undefined ? undefined : decodeSettings(parts.slice(2));
    return action && chatId !== undefined ? { kind: "settings", action, chatId } : undefined;
  }
  if (parts[0] === DISCONNECT) {
    const op = parts.length === 3 && Object.hasOwn(DISCONNECT_OPS, parts[1] ?? "") ? DISCONNECT_OPS[parts[1] ?? ""] : undefined;
    const chatId = parseNum(parts[2] ?? "", MIN_CHAT_ID, -1);
    return op && chatId !== undefined ? { kind: "disconnect", op, chatId } : undefined;
  }
  if (parts.length !== 4) return undefined;
  const [prefix, first, ms, id] = parts as [string, string, string, string];
  const publishedAt = parseNum(ms, -MAX_DATE_MS, MAX_DATE_MS);
  const articleId = parseNum(id, 1, Number.MAX_SAFE_INTEGER);
  if (publishedAt === undefined || articleId === undefined) return undefined;
  const cursor = { publishedAt: new Date(publishedAt), id: articleId };
  if (prefix === LATEST) {
    const size = parseNum(first, 1, MAX_PAGE_SIZE);
    return size === undefined ? undefined : { kind: "latest", size, cursor };
  }
  if (prefix === SEARCH) {
    const queryId = parseNum(first, 1, Number.MAX_SAFE_INTEGER);
    return queryId === undefined ? undefined : { kind: "search", queryId, cursor };
  }
  return undefined;
}
