import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { createIngestor } from "../news/ingest.js";
import { expandInputs, loadInput } from "../news/ingest-inputs.js";
import { parseDocument } from "../news/parse-document.js";
import { DocumentError } from "../news/types.js";
import { createTagger } from "../topics/tag.js";
import { createLogger } from "../logger.js";
import { createArticleAlerts } from "../app/alerts.js";
import { UsageError } from "./errors.js";
import { createProgress } from "./progress.js";
import { openStore } from "../app/store.js";
import { configuredTopics, sourceRegionLookup } from "../app/topics.js";

/** Returns the exit status: 1 when any input failed, 0 otherwise. */
export async function ingestCommand(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: "string" } },
  });
  if (positionals.length === 0) throw new UsageError("ingest needs at least one file, directory or URL");

  const inputs = await expandInputs(positionals);
  const topics = await configuredTopics(config);
  const store = await openStore(config);
  // Alerts filed here go out from whichever `vestnik run` shares the database.
  const alerts = createArticleAlerts(store, createLogger(config.LOG_LEVEL));
  const ingestor = createIngestor({
    repos: store.repos, tagger: createTagger(topics), sourceRegion: sourceRegionLookup(store, topics), alerts,
  });
  const progress = createProgress(inputs.length);
  const totals = { added: 0, known: 0, skipped: 0, failed: 0 };
  try {
    for (const [index, input] of inputs.entries()) {
      progress.update(index, input);
      try {
        const loaded = await loadInput(input, { maxBytes: config.MAX_FEED_BYTES, timeoutMs: config.FETCH_TIMEOUT, allowPrivate: config.ALLOW_PRIVATE_FEEDS });
        const doc = parseDocument(loaded.bytes, {
          contentType: loaded.contentType,
          defaultTimeZone: config.DEFAULT_TIMEZONE,
        });
        const counts = await ingestor.ingestDocument(doc, { ...loaded.origin, titleOverride: values.source });
        totals.added += counts.added;
        totals.known += counts.known;
        totals.skipped += counts.skipped;
      } catch (error) {
        if (!(error instanceof DocumentError)) throw error;
        totals.failed++;
        progress.clear();
        process.stderr.write(`vestnik ingest: ${input}: ${error.reason}\n`);
      }
    }
  } finally {
    progress.done();
    await store.close();
  }
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped (no title or text)` : "";
  process.stdout.write(
    `ingest: ${totals.added} new, ${totals.known} already known, ${totals.failed} failed${skipped} ` +
      `(${inputs.length} input${inputs.length === 1 ? "" : "s"})\n`,
  );
  return totals.failed > 0 ? 1 : 0;
}
