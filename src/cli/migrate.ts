import type { Config } from "../config.js";
import { noOptions } from "./help.js";
import { openStore } from "../app/store.js";

export async function migrateCommand(args: string[], config: Config): Promise<number> {
  noOptions(args);
  const store = await openStore(config);
  await store.close();
  const where = config.DATABASE_URL ? "Postgres" : `embedded database in ${config.DATA_DIR}`;
  process.stdout.write(`migrate: ${where} is up to date\n`);
  return 0;
}
