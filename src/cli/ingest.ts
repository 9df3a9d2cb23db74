import { parseArgs } from "node:util";
import type { AppRoot } from "../app/root.js";
import { expandInputs, loadInput } from "../news/ingest-inputs.js";
import { parseDocument } from "../news/parse-document.js";
import { DocumentError } from "../news/types.js";
import { UsageError } from "./errors.js";
import { createProgress } from "./progress.js";

/** Returns the exit status: 1 when any input failed, 0 otherwise. */
export async function ingestCommand(args: string[], root: AppRoot): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: "string" } },
  });
  if (positionals.length === 0) throw new UsageError("ingest needs at least one file, directory or URL");

  const inputs = await expandInputs(positionals);
  const topics = await root.topics();
  const store = await root.openStore();
  const { input: limits, defaultTimeZone } = root.values;
  const progress = createProgress(inputs.length);
  const totals = { added: 0, known: 0, skipped: 0, failed: 0 };
  try {
    const ingestor = await root.ingestor(store, topics, root.logger());
    for (const [index, input] of inputs.entries()) {
      progress.update(index, input);
      try {
        const loaded = await loadInput(input, limits);
        const doc = parseDocument(loaded.bytes, {
          contentType: loaded.contentType,
          defaultTimeZone,
        });
        // Stories are formed after the last document, over all of the run's new articles in time
        // order: file by file, one channel's whole week would meet the others' too late.
        const counts = await ingestor.ingestDocument(doc, { ...loaded.origin, titleOverride: values.source }, undefined, {
          deferStories: true,
        });
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
    // Also settles what an earlier, killed run left waiting.
    await ingestor.settleStories((settled) => progress.update(inputs.length - 1, `stories: ${settled} articles grouped`));
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
