import type { ArticleCursor } from "../news/queries.js";

/**
 * Paging buttons carry their state in callback data (≤ 64 bytes). Anyone can send any data, so
 * decoding accepts only what encoding produces: one prefix with a version digit, lower-case
 * base36 numbers without leading zeros, and values inside the ranges the bot itself uses.
 *
 *   l1:<page size>:<published ms>:<article id>   older page of /latest
 *   s1:<query id>:<published ms>:<article id>    older page of /search
 */
export type CallbackAction =
  | { kind: "latest"; size: number; cursor: ArticleCursor }
  | { kind: "search"; queryId: number; cursor: ArticleCursor };

/** Largest /latest page; a button asking for more was not made by this bot. */
export const MAX_PAGE_SIZE = 20;

const MAX_CALLBACK_BYTES = 64;
/** The range a JavaScript Date can hold; anything outside is forged. */
const MAX_DATE_MS = 8.64e15;

const LATEST = "l1";
const SEARCH = "s1";

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

export function encodeCallback(action: CallbackAction): string {
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
