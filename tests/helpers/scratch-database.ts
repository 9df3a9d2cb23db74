import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "../../src/db/client.js";

export interface ScratchDatabase {
  database: Database;
  /** The scratch database's own URL (for a spawned process, pg-boss, or a raw client). */
  url: string;
  name: string;
  /** Closes the client and drops the database, also while others are still connected. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own on a Postgres server, for one test file or one benchmark
 * run, so several can run at once against one server. Dropped by `drop()`, and also when creating
 * or migrating it fails.
 */
export async function createScratchDatabase(
  serverUrl: string,
  opts: {
    /** Part of the database's name, so a leftover one says what made it. Default "vestnik_test". */
    prefix?: string;
    /** Pool size of the client. Default: openDatabase's. */
    maxConnections?: number;
  } = {},
): Promise<ScratchDatabase> {
  const name = `${opts.prefix ?? "vestnik_test"}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return openScratch(serverUrl, name, opts.maxConnections, true);
}

/**
 * A scratch database an earlier run kept (named by createScratchDatabase with the same `prefix`),
 * opened and migrated again. Its `drop()` drops it; a caller that keeps it again closes `database`.
 */
export async function openKeptDatabase(
  serverUrl: string,
  name: string,
  opts: { prefix: string; maxConnections?: number },
): Promise<ScratchDatabase> {
  if (!new RegExp(`^${opts.prefix}_[0-9a-f]{12}$`).test(name)) {
    throw new Error(`expected a kept database named like ${opts.prefix}_0123456789ab, not ${name}`);
  }
  // Its seed may have taken minutes: a failure to open it leaves it alone.
  return openScratch(serverUrl, name, opts.maxConnections, false);
}

async function openScratch(serverUrl: string, name: string, maxConnections: number | undefined, dropOnFailure: boolean): Promise<ScratchDatabase> {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  const drop = async () => {
    await database?.close().catch(() => undefined);
    const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
    try {
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await cleanup.end();
    }
  };
  try {
    database = await openDatabase({ url: url.toString(), maxConnections });
    await database.migrate();
  } catch (error) {
    if (dropOnFailure) await drop();
    else await database?.close().catch(() => undefined);
    throw error;
  }
  return { database, url: url.toString(), name, drop };
}
