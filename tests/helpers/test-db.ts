import { openDatabase, type Database } from "../../src/db/client.js";
import { createScratchDatabase } from "./scratch-database.js";

export interface TestDatabase extends Database {
  /** The URL of this test's own database on the server, when running against Postgres. */
  url?: string;
}

/**
 * A migrated, empty database for one test file: in-process PGlite, or — when DATABASE_URL is set —
 * a fresh database of its own on that server (dropped on close), so files can run in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ memory: true });
    await database.migrate();
    return database;
  }
  const scratch = await createScratchDatabase(serverUrl, { maxConnections: 4 });
  return { ...scratch.database, url: scratch.url, close: scratch.drop };
}
