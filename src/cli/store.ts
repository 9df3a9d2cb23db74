import type { Config } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { createRepositories, type Repositories } from "../db/repositories/index.js";

export interface Store {
  database: Database;
  repos: Repositories;
  close(): Promise<void>;
}

/** Opens the configured database (Postgres, or embedded PGlite in DATA_DIR) and migrates it. */
export async function openStore(config: Config): Promise<Store> {
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, repos: createRepositories(database.db), close: () => database.close() };
}
