import { QUICK_TIME_ZONES } from "../digest/subscriptions.js";
import type { ArticleCursor } from "../news/queries.js";
import { buttonRoute, date, decodeFirst, defineButton, flag, int, oneOf, text, type AnyField } from "../shared/buttons.js";
import type { Locale } from "../shared/locale.js";
import { SLUG_SHAPE } from "../topics/types.js";

/**
 * Paging and settings buttons carry their state in callback data, declared with shared/buttons.ts:
 * decoding accepts only what encoding produces (one prefix with a version digit, lower-case base36
 * numbers without leading zeros, values inside the ranges the bot itself uses, ≤ 64 bytes).
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

/** Groups, supergroups and channels have negative ids; a managed chat is never a private one. */
const MIN_CHAT_ID = -Number.MAX_SAFE_INTEGER;
const VIEWS: Record<string, SettingsView> = { m: "main", t: "time", z: "zone", p: "topics", l: "language" };
const QUICK_ZONES = new Set(QUICK_TIME_ZONES.map((z) => z.zone));

const articleId = int("id", 1, Number.MAX_SAFE_INTEGER);
const managedChat = int("chatId", MIN_CHAT_ID, -1);
const LATEST = defineButton("l1", int("size", 1, MAX_PAGE_SIZE), date("publishedAt"), articleId);
const SEARCH = defineButton("s1", int("queryId", 1, Number.MAX_SAFE_INTEGER), date("publishedAt"), articleId);
const DISCONNECT = defineButton("d1", oneOf<"op", DisconnectOp>("op", { a: "ask", y: "yes", n: "no" }), managedChat);

/**
 * /settings buttons: one code and the fields of each op. Changes carry the value they set, so
 * the decoder accepts known views, minutes of a day, quick-pick zones and slug-shaped topics only.
 */
const SETTINGS_OPS: ReadonlyArray<{ op: SettingsAction["op"]; code: string; fields: readonly AnyField[] }> = [
  { op: "show", code: "v", fields: [oneOf("view", VIEWS)] },
  { op: "time", code: "t", fields: [int("minute", 0, 24 * 60 - 1)] },
  { op: "zone", code: "z", fields: [text("zone", QUICK_ZONES)] },
  { op: "topic", code: "p", fields: [text("slug", SLUG_SHAPE), flag("on")] },
  { op: "all-news", code: "a", fields: [] },
  { op: "language", code: "l", fields: [oneOf<"locale", Locale>("locale", { ru: "ru", en: "en" })] },
  { op: "digest", code: "s", fields: [flag("on")] },
  { op: "close", code: "x", fields: [] },
];

type Values = Record<string, unknown>;
type LooseCodec = { encode(values: Values): string; decode(data: string): Values | undefined; readonly filter: RegExp };

/** `g1:<op>…` for the chat the button hangs in, `c1:<chat id>:<op>…` for a managed channel. */
const SETTINGS = new Map<SettingsAction["op"], { here: LooseCodec; managed: LooseCodec }>(
  SETTINGS_OPS.map(({ op, code, fields }) => [
    op,
    { here: defineButton("g1", code, ...fields), managed: defineButton("c1", managedChat, code, ...fields) },
  ]),
);

function settingsCodec(op: SettingsAction["op"]) {
  const codec = SETTINGS.get(op);
  if (!codec) throw new RangeError(`no settings button for ${op}`);
  return codec;
}

export function encodeCallback(action: CallbackAction): string {
  switch (action.kind) {
    case "latest":
      return LATEST.encode({ size: action.size, ...action.cursor });
    case "search":
      return SEARCH.encode({ queryId: action.queryId, ...action.cursor });
    case "disconnect":
      return DISCONNECT.encode({ op: action.op, chatId: action.chatId });
    case "settings": {
      const { op, ...fields } = action.action;
      const codec = settingsCodec(op);
      return action.chatId === undefined ? codec.here.encode(fields) : codec.managed.encode({ ...fields, chatId: action.chatId });
    }
  }
}

function decodeSettings(data: string): CallbackAction | undefined {
  for (const [op, codec] of SETTINGS) {
    const here = codec.here.decode(data);
    if (here) return { kind: "settings", action: { op, ...here } as SettingsAction };
    const managed = codec.managed.decode(data);
    if (managed) {
      const { chatId, ...fields } = managed;
      return { kind: "settings", action: { op, ...fields } as SettingsAction, chatId: chatId as number };
    }
  }
  return undefined;
}

type ActionOf<K extends CallbackAction["kind"]> = Extract<CallbackAction, { kind: K }>;

/** Older pages of /latest. */
export const LATEST_BUTTONS = buttonRoute([LATEST], (data): ActionOf<"latest"> | undefined => {
  const v = LATEST.decode(data);
  return v && { kind: "latest", size: v.size, cursor: { publishedAt: v.publishedAt, id: v.id } };
});

/** Older pages of /search. */
export const SEARCH_BUTTONS = buttonRoute([SEARCH], (data): ActionOf<"search"> | undefined => {
  const v = SEARCH.decode(data);
  return v && { kind: "search", queryId: v.queryId, cursor: { publishedAt: v.publishedAt, id: v.id } };
});

/** /disconnect: ask, confirm, cancel. */
export const DISCONNECT_BUTTONS = buttonRoute([DISCONNECT], (data): ActionOf<"disconnect"> | undefined => {
  const v = DISCONNECT.decode(data);
  return v && { kind: "disconnect", op: v.op, chatId: v.chatId };
});

/** /settings, in the chat or for a managed channel. */
export const SETTINGS_BUTTONS = buttonRoute(
  [...SETTINGS.values()].flatMap((codec) => [codec.here, codec.managed]),
  (data) => decodeSettings(data) as ActionOf<"settings"> | undefined,
);

export function decodeCallback(data: string): CallbackAction | undefined {
  return decodeFirst<CallbackAction>(data, [LATEST_BUTTONS.decode, SEARCH_BUTTONS.decode, DISCONNECT_BUTTONS.decode, decodeSettings]);
}
