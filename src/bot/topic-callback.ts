import type { ArticleCursor } from "../news/queries.js";

/**
 * Topic buttons, kept apart from callback-data.ts's list kinds but just as strict:
 *   tp1:<slug>                               open a topic from the /topics keyboard
 *   t1:<slug>:<published ms>:<article id>    older page of a topic
 */
export type TopicAction = { kind: "open"; slug: string } | { kind: "older"; slug: string; cursor: ArticleCursor };

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const NUMBER = /^-?(0|[1-9a-z][0-9a-z]{0,11})$/;
const MAX_DATE_MS = 8.64e15;

function parseNum(text: string, min: number, max: number): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number.parseInt(text, 36);
  return Number.isSafeInteger(value) && value >= min && value <= max && value.toString(36) === text ? value : undefined;
}

export function encodeTopicAction(action: TopicAction): string {
  if (!SLUG.test(action.slug)) throw new RangeError(`topic slug not usable in a button: ${action.slug}`);
  if (action.kind === "open") return `tp1:${action.slug}`;
  return `t1:${action.slug}:${action.cursor.publishedAt.getTime().toString(36)}:${action.cursor.id.toString(36)}`;
}

export function decodeTopicAction(data: string): TopicAction | undefined {
  if (data.length > 64) return undefined;
  const parts = data.split(":");
  const [prefix, slug] = parts;
  if (slug === undefined || !SLUG.test(slug)) return undefined;
  if (prefix === "tp1" && parts.length === 2) return { kind: "open", slug };
  if (prefix !== "t1" || parts.length !== 4) return undefined;
  const ms = parseNum(parts[2] ?? "", -MAX_DATE_MS, MAX_DATE_MS);
  const id = parseNum(parts[3] ?? "", 1, Number.MAX_SAFE_INTEGER);
  if (ms === undefined || id === undefined) return undefined;
  return { kind: "older", slug, cursor: { publishedAt: new Date(ms), id } };
}
