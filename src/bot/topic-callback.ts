import type { ArticleCursor } from "../news/queries.js";
import { buttonRoute, date, decodeFirst, defineButton, int, text } from "../shared/buttons.js";
import { SLUG_SHAPE } from "../topics/types.js";

/**
 * Topic buttons, kept apart from callback-data.ts's list kinds but just as strict:
 *   tp1:<slug>                               open a topic from the /topics keyboard
 *   t1:<slug>:<published ms>:<article id>    older page of a topic
 */
export type TopicAction = { kind: "open"; slug: string } | { kind: "older"; slug: string; cursor: ArticleCursor };

const slug = text("slug", SLUG_SHAPE);
const OPEN = defineButton("tp1", slug);
const OLDER = defineButton("t1", slug, date("publishedAt"), int("id", 1, Number.MAX_SAFE_INTEGER));

export function encodeTopicAction(action: TopicAction): string {
  if (action.kind === "open") return OPEN.encode({ slug: action.slug });
  return OLDER.encode({ slug: action.slug, ...action.cursor });
}

export function decodeTopicAction(data: string): TopicAction | undefined {
  return decodeFirst<TopicAction>(data, [
    (d) => {
      const v = OPEN.decode(d);
      return v && { kind: "open", slug: v.slug };
    },
    (d) => {
      const v = OLDER.decode(d);
      return v && { kind: "older", slug: v.slug, cursor: { publishedAt: v.publishedAt, id: v.id } };
    },
  ]);
}

/** Every topic button, for the topics feature. */
export const TOPIC_BUTTONS = buttonRoute([OPEN, OLDER], decodeTopicAction);
