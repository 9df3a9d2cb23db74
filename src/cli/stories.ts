import { createStoryClusterer } from "../stories/cluster.js";
import { deriveHeadline } from "../stories/headline.js";
import { fixMixedScripts } from "../news/mixed-script.js";
import { UsageError } from "./errors.js";
import { noOptions } from "./help.js";
import { mapJsonLines } from "./json-lines.js";

interface StoryLine {
  id: unknown;
  title: string;
  text: string;
  source?: string;
  publishedAt?: Date;
}

/**
 * Below this a number is Unix time in seconds, above it in milliseconds: 10^11 seconds is the year
 * 5138, 10^11 milliseconds March 1973, so no date of news is read the wrong way.
 */
const SECONDS_BELOW = 1e11;

function readTime(value: unknown): Date | undefined {
  if (typeof value === "string") return new Date(value);
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return new Date(value < SECONDS_BELOW ? value * 1000 : value);
  return undefined;
}

function readLine(value: unknown): StoryLine | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected a JSON object";
  const record = value as Record<string, unknown>;
  if (!("id" in record)) return 'missing "id"';
  const title = record.title ?? "";
  const text = record.text ?? "";
  if (typeof title !== "string" || typeof text !== "string") return '"title" and "text" must be strings';
  if (title.trim() === "" && text.trim() === "") return 'no "title" or "text"';
  const source = typeof record.source === "string" ? record.source : undefined;
  // Two-alphabet words are repaired as ingest repairs them: the same stories for the same news.
  const [fixedTitle, fixedText] = [fixMixedScripts(title), fixMixedScripts(text)];
  if (record.published_at === undefined || record.published_at === null) return { id: record.id, title: fixedTitle, text: fixedText, source };
  const publishedAt = readTime(record.published_at);
  if (!publishedAt || Number.isNaN(publishedAt.getTime())) return '"published_at" must be an ISO 8601 date or Unix time';
  return { id: record.id, title: fixedTitle, text: fixedText, source, publishedAt };
}

/**
 * JSON Lines of articles in (time order), `{"id", "story"}` out in input order: equal `story` values
 * mean one story. The same engine as ingest, without a database. Bad lines as in `classify`.
 */
export async function storiesCommand(args: string[]): Promise<number> {
  if (noOptions(args, true).length > 0) throw new UsageError("stories reads JSON Lines on stdin and takes no arguments");
  const clusterer = createStoryClusterer();
  // An article without a date is taken to come right after the one before it (input is in time order).
  let clock = Date.now();
  return mapJsonLines({
    command: "stories",
    read: readLine,
    write: (input) => {
      if (input.publishedAt) clock = input.publishedAt.getTime();
      const title = input.title.trim() || deriveHeadline(input.text);
      const { storyId } = clusterer.assign({
        title,
        text: input.text,
        source: input.source,
        publishedAt: new Date(clock),
      });
      return { id: input.id, story: storyId };
    },
    errorLine: (error, id) => ({ id, story: null, error }),
  });
}
