import { resolve } from "node:path";
import type { Config } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { createRepositories, type Repositories } from "../db/repositories/index.js";

export interface Store {
  database: Database;
  repos: Repositories;
  /** Registers background work to stop before the database closes (timers that would query it). */
  onClose(stop: () => void): void;
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
  const stops: (() => void)[] = [];
  return {
    database,
    repos: createRepositories(database.db),
    onClose: (stop) => void stops.push(stop),
    close: async () => {
      for (const stop of stops.splice(0)) stop();
      await database.close();
    },
  };
}

/**
 * Where `vestnik chat` keeps its own embedded database: next to DATA_DIR, never in it and never in
 * DATABASE_URL. Its invented sample news and its reader (chat id 1) stay out of the store a real
 * bot serves, so `run` and `digest` cannot show them to anyone.
 */
export function consoleDataDir(config: Pick<Config, "DATA_DIR">): string {
  return `${resolve(config.DATA_DIR)}-console`;
}

/** The console's store (see consoleDataDir). */
export function openConsoleStore(config: Config): Promise<Store> {
  return openStore({ ...config, DATABASE_URL: undefined, DATA_DIR: consoleDataDir(config) });
}
