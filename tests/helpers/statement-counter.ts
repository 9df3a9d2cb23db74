import type { Db } from "../../src/db/client.js";

/**
 * `db` (or a transaction) that calls `onStatement` for every statement it sends: through drizzle's
 * `execute`, or on Postgres as a prepared statement through the postgres.js client that drizzle's
 * session holds (`unsafe`). Everything else passes through.
 */
export function countingStatements<T extends Db>(db: T, onStatement: () => void): T {
  const counting = <O extends object>(target: O, method: string): O =>
    new Proxy(target, {
      get: (object, prop, receiver) => {
        const value: unknown = Reflect.get(object, prop, receiver);
        if (prop === "session" && value && typeof value === "object") return counting(value, "");
        if ((prop === "$client" || prop === "client") && value && (typeof value === "object" || typeof value === "function")) return counting(value, "unsafe");
        if (prop !== method || typeof value !== "function") return value;
        return (...args: unknown[]) => {
          onStatement();
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return counting(db, "execute");
}
