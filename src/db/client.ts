import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { fileURLToPath } from "node:url";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { lockDataDir } from "./data-dir-lock.js";
import { checkDataDir, openFailure } from "./data-dir-check.js";
import { DatabaseUnreachableError } from "./errors.js";
import * as schema from "./schema.js";

const MIGRATIONS = fileURLToPath(new URL("../../drizzle", import.meta.url));
/** Arbitrary constant shared by every Vestnik process: "migrations in progress". */
const MIGRATION_LOCK = 0x7665_7374;

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Applies the committed migrations in drizzle/; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * PGlite only: raw SQL on the embedded client, for libraries that bring their own SQL (pg-boss's
   * `db` adapter). With values it is one statement; without, it may be several (the last one's rows
   * are returned). Postgres users open their own connections instead.
   */
  executeSql?(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export type DatabaseTarget =
  | { url: string; maxConnections?: number }
  | { dataDir: string }
  /** In-memory PGlite: tests and `vestnik classify`-style throwaway work. */
  | { memory: true };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ("url" in target) {
    const client = postgres(target.url, {
      max: target.maxConnections ?? 10,
      onnotice: () => {},
      // A generic plan for a prepared search walks the date index for rare words (seconds, not
      // ms): every statement is planned for its own values, per session rather than per query.
      connection: { application_name: "vestnik", plan_cache_mode: "force_custom_plan" },
    });
    try {
      await client`select 1`;
    } catch (error) {
      await client.end({ timeout: 1 });
      throw new DatabaseUnreachableError(describe(error));
    }
    const db = drizzlePostgres(client, { schema });
    return {
      db: db as unknown as Db,
      kind: "postgres",
      migrate: async () => {
        // Processes starting together would otherwise race on the same DDL.
        const conn = await client.reserve();
        try {
          await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
          await migratePostgres(db, { migrationsFolder: MIGRATIONS });
        } finally {
          await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
          conn.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  if ("dataDir" in target) {
    checkDataDir(target.dataDir);
    const lock = lockDataDir(target.dataDir);
    try {
      const client = await PGlite.create(target.dataDir, { startParams: EMBEDDED_START }).catch((error: unknown) => {
        throw openFailure(target.dataDir, error);
      });
      await customPlans(client);
      return {
        ...wrapPglite(client),
        close: async () => {
          try {
            await client.close();
          } finally {
            lock.release();
          }
        },
      };
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  const client = await PGlite.create();
  await customPlans(client);
  return { ...wrapPglite(client), close: () => client.close() };
}

/**
 * The embedded store's buffers: Postgres' default 128 MB is allocated inside PGlite's WebAssembly
 * memory up front, and a bare `vestnik sources list` took ≈ 290 MB of RSS with it. Its files are
 * ordinary files, so the operating system's page cache still holds what the buffers do not
 * (BENCHMARKS.md, "The embedded store's memory").
 */
const EMBEDDED_START = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

/** PGlite's one session plans like the server's (see plan_cache_mode above). */
async function customPlans(client: PGlite): Promise<void> {
  await client.exec("set plan_cache_mode = force_custom_plan");
}

function wrapPglite(client: PGlite): Omit<Database, "close"> {
  const db = drizzlePglite(client, { schema });
  return {
    db: db,
    kind: "pglite",
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS }),
    executeSql: async (text, values) => {
      if (values && values.length > 0) return client.query(text, values);
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

export { DatabaseUnreachableError };

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
