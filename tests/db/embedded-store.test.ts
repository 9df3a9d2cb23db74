import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { rowsOf } from "../../src/db/repositories/raw-rows.js";

const dir = mkdtempSync(join(tmpdir(), "vestnik-embedded-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function settings(): Promise<Record<string, string>> {
  const database = await openDatabase({ dataDir: dir });
  try {
    const result = await database.db.execute(sql`
      select current_setting('shared_buffers') as shared_buffers, current_setting('TimeZone') as "TimeZone",
             current_setting('max_parallel_workers') as max_parallel_workers`);
    return rowsOf<Record<string, string>>(result)[0] ?? {};
  } finally {
    await database.close();
  }
}

describe("the embedded store (DATA_DIR)", () => {
  it("starts with 32 MB of shared buffers and PGlite's own settings otherwise, every time it opens", async () => {
    for (let open = 0; open < 2; open++) {
      expect(await settings()).toEqual({ shared_buffers: "32MB", TimeZone: "UTC", max_parallel_workers: "0" });
    }
  }, 60_000);
});
