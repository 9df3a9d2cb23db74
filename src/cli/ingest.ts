import { parseArgs } from "node:util";
import type { AppRoot } from "../app/root.js";
import { AddressRefusedError } from "../news/address-guard.js";
import { expandInputs, loadInput, WALKED_EXTENSIONS, type LoadedInput } from "../news/ingest-inputs.js";
import { parseDocument } from "../news/parse-document.js";
import { DocumentError, type ParsedDocument } from "../news/types.js";
import { PRIVATE_HINT, UsageError } from "./errors.js";
import { createProgress } from "./progress.js";

/** An input read and parsed ahead of its turn, or why that failed (reported at its turn). */
type ReadInput = { kind: "read"; loaded: LoadedInput; doc: ParsedDocument } | { kind: "failed"; error: unknown };

/** Returns the exit status: 1 when any input failed, 0 otherwise. */
export async function ingestCommand(args: string[], root: AppRoot): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { source: { type: "string" } },
  });
  if (positionals.length === 0) throw new UsageError("ingest needs at least one file, directory or URL");

  const inputs = await expandInputs(positionals, (dir) => {
    process.stderr.write(`vestnik ingest: ${dir}: no file to read in this folder (it reads ${WALKED_EXTENSIONS})\n`);
  });
  const topics = await root.topics();
  const store = await root.openStore();
  const { input: limits, defaultTimeZone } = root.values;
  const progress = createProgress(inputs.length);
  const totals = { added: 0, known: 0, skipped: 0, failed: 0 };
  try {
    const ingestor = await root.ingestor(store, topics, root.logger());
    // The next input is read and parsed while the current document's statements run on the
    // server: its file read completes during one of their waits, and the parse runs in the gap.
    const read = async (input: string): Promise<ReadInput> => {
      try {
        const loaded = await loadInput(input, limits);
        return { kind: "read", loaded, doc: parseDocument(loaded.bytes, { contentType: loaded.contentType, defaultTimeZone }) };
      } catch (error) {
        return { kind: "failed", error };
      }
    };
    let next = inputs.length > 0 ? read(inputs[0]!) : undefined;
    for (const [index, input] of inputs.entries()) {
      progress.update(index, input);
      const current = await next!;
      next = index + 1 < inputs.length ? read(inputs[index + 1]!) : undefined;
      try {
        if (current.kind === "failed") throw current.error;
        // Stories are formed after the last document, over all of the run's new articles in time
        // order: file by file, one channel's whole week would meet the others' too late.
        const counts = await ingestor.ingestDocument(current.doc, { ...current.loaded.origin, titleOverride: values.source }, undefined, {
          deferStories: true,
        });
        totals.added += counts.added;
        totals.known += counts.known;
        totals.skipped += counts.skipped;
      } catch (error) {
        if (!(error instanceof DocumentError)) {
          // The read ahead may still be running: let it end before the store closes.
          await next;
          throw error;
        }
        totals.failed++;
        progress.clear();
        // The operator typed the address: unlike a reader or an admin in the bot, they may be told
        // how to allow it (a feed on this machine or the office network is refused by default).
        const hint = error instanceof AddressRefusedError && !limits.allowPrivate ? PRIVATE_HINT : "";
        process.stderr.write(`vestnik ingest: ${input}: ${error.reason}${hint}\n`);
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
