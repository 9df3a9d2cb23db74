import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MIGRATIONS = fileURLToPath(new URL("../../drizzle", import.meta.url));

/**
 * A copy of the committed migrations up to (not including) the one whose tag starts with `before`,
 * to build a store as an older version left it.
 */
export function migrationsBefore(before: string): string {
  const folder = mkdtempSync(join(tmpdir(), "vestnik-migrations-"));
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalFile = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.startsWith(before));
  if (at <= 0) throw new Error(`no migration before ${before}`);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return folder;
}
