import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../client.js";

/** The part of a postgres.js client this needs. */
interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown>;
}

const dialect = new PgDialect();

/**
 * Texts this process runs prepared, at most MAX_PREPARED: postgres.js keeps every prepared text
 * for the connection's life, and a search's text varies with the query's form (words, phrases,
 * negations), so past the bound new texts go unnamed. The common ones (a list's pages, a one-word
 * search, ingest's and the sender's statements: about 30) come first in any process. A list
 * page's statement holds about 160 kB of the server's memory per connection that prepared it, so
 * 64 texts cost at most about 10 MB a connection.
 */
const MAX_PREPARED = 64;
const preparedTexts = new Set<string>();

function mayPrepare(text: string): boolean {
  if (preparedTexts.has(text)) return true;
  if (preparedTexts.size >= MAX_PREPARED) return false;
  preparedTexts.add(text);
  return true;
}

/**
 * The postgres.js client under `db`: the pool's, or inside a transaction the transaction's own
 * connection (drizzle's session holds it); undefined on PGlite.
 */
function postgresJsClient(db: Db): PostgresJsClient | undefined {
  const handle = db as { $client?: unknown; session?: { client?: unknown } };
  const client = handle.session?.client ?? handle.$client;
  return client && typeof (client as { unsafe?: unknown }).unsafe === "function" ? (client as PostgresJsClient) : undefined;
}

/**
 * Runs a statement as a named prepared statement on Postgres; on PGlite it is `db.execute`.
 * drizzle sends every statement unnamed, and postgres.js then asks the server for the parameters'
 * types before it binds them: two round trips and a parse for every page of a list, and for every
 * statement of a story assignment. A prepared one is parsed once per connection and answers in
 * one round trip. The plan is still made for each call's values (the connection's
 * `plan_cache_mode`).
 *
 * Only for statements whose text does not vary with their data (list pages, their plan choice,
 * story writes that pass their rows as arrays): one with a VALUES list per row would fill
 * MAX_PREPARED with texts used once. A failing statement throws postgres.js' own error (its
 * SQLSTATE in `code`), not drizzle's wrapper that quotes the statement.
 */
export function executePrepared(db: Db, query: SQL): Promise<unknown> {
  const client = postgresJsClient(db);
  if (!client) return db.execute(query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  return client.unsafe(text, params, { prepare: mayPrepare(text) });
}
