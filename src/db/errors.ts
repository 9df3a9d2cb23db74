// Errors the command line reports in one line. Kept apart from the database client so that a
// command without a database (`vestnik stories`, `classify`) does not load PGlite and postgres.js
// just to recognise them.

export class DatabaseUnreachableError extends Error {
  constructor(detail: string) {
    super(`cannot connect to DATABASE_URL: ${detail}`);
    this.name = "DatabaseUnreachableError";
  }
}
