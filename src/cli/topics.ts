import type { AppRoot } from "../app/root.js";
import { createTopicService } from "../topics/service.js";
import { UsageError } from "./errors.js";
import { noOptions } from "./help.js";
import { createProgress } from "./progress.js";
import { sourceRegionLookup } from "../app/topics.js";

/** `vestnik topics` lists the taxonomy with article counts; `vestnik topics retag` re-tags the store. */
export async function topicsCommand(args: string[], root: AppRoot): Promise<number> {
  const [sub, ...rest] = noOptions(args, true);
  if (rest.length > 0 || (sub !== undefined && sub !== "list" && sub !== "retag")) {
    throw new UsageError(`unknown topics subcommand "${rest[0] ?? sub}"; one of list, retag`);
  }
  const topics = await root.topics();
  const store = await root.openStore();
  try {
    const service = createTopicService({ topics, repos: store.repos });
    if (sub === "retag") {
      const total = await store.repos.articles.count();
      const progress = createProgress(total);
      const result = await service.retag((done) => progress.update(done - 1, `${done} articles`), sourceRegionLookup(store, topics));
      progress.done();
      process.stdout.write(`topics retag: ${result.articles} articles read, ${result.tagged} have at least one topic\n`);
      return 0;
    }
    const rows = (await service.summaries()).map(({ topic, articles }) => [
      topic.slug,
      topic.names.ru,
      topic.names.en,
      String(articles),
    ]);
    const header = ["SLUG", "RUSSIAN", "ENGLISH", "ARTICLES"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    for (const row of [header, ...rows]) {
      process.stdout.write(`${row.map((cell, i) => (i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ")}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
