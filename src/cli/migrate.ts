import type { AppRoot } from "../app/root.js";
import { noOptions } from "./help.js";

export async function migrateCommand(args: string[], root: AppRoot): Promise<number> {
  noOptions(args);
  const store = await root.openStore();
  await store.close();
  process.stdout.write(`migrate: ${root.values.database} is up to date\n`);
  return 0;
}
