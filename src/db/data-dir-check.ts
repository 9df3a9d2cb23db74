import { accessSync, constants, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** DATA_DIR cannot hold the embedded database; the message names the folder and why, in one line. */
export class DataDirError extends Error {
  constructor(
    readonly dataDir: string,
    readonly problem: string,
  ) {
    super(`DATA_DIR ${dataDir}: ${problem}`);
    this.name = "DataDirError";
  }
}

/** What PGlite writes into a data directory it created (PostgreSQL's major version). */
export const EMBEDDED_PG_VERSION = "18";

/** Files Vestnik itself may leave in an otherwise empty DATA_DIR. */
const OWN_FILES = new Set(["vestnik.lock"]);

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? "error";
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOTDIR: "a part of the path is a file",
  ENOSPC: "no space left on the device",
};

function reason(error: unknown): string {
  const code = codeOf(error);
  return REASONS[code] ? `${REASONS[code]} (${code})` : code;
}

/**
 * Before PGlite touches DATA_DIR: it must be a writable folder that is new, empty, or holds an
 * embedded database of the right PostgreSQL version. PGlite itself would turn any folder into a
 * cluster, or abort ("RuntimeError: Aborted()") on one it cannot read.
 */
export function checkDataDir(dataDir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dataDir).isDirectory();
  } catch (error) {
    if (codeOf(error) !== "ENOENT") throw new DataDirError(dataDir, `cannot read it: ${reason(error)}`);
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (mkdirError) {
      throw new DataDirError(dataDir, `cannot create the folder: ${reason(mkdirError)}`);
    }
    return;
  }
  if (!isDirectory) throw new DataDirError(dataDir, "is a file, not a folder; point DATA_DIR at a folder for the embedded database");
  try {
    accessSync(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DataDirError(dataDir, `the folder is not writable: ${reason(error)}`);
  }
  const entries = readdirSync(dataDir).filter((name) => !OWN_FILES.has(name));
  if (entries.length === 0) return;
  let version: string;
  try {
    version = readFileSync(join(dataDir, "PG_VERSION"), "utf8").trim();
  } catch {
    throw new DataDirError(
      dataDir,
      `the folder is not empty (${entries.length} entr${entries.length === 1 ? "y" : "ies"}) and holds no Vestnik database; ` +
        "point DATA_DIR at a new or empty folder",
    );
  }
  if (version !== EMBEDDED_PG_VERSION) {
    throw new DataDirError(
      dataDir,
      `holds a PostgreSQL ${version.slice(0, 10) || "(unknown)"} database; this Vestnik's embedded database is PostgreSQL ${EMBEDDED_PG_VERSION}`,
    );
  }
}

/** PGlite's failure to open a folder that looked right (a damaged cluster), in one line. */
export function openFailure(dataDir: string, error: unknown): DataDirError {
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new DataDirError(dataDir, `the embedded database in it cannot be opened (damaged?): ${message?.slice(0, 120) ?? "unknown error"}`);
}
