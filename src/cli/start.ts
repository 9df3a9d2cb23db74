import type { Config } from "../config.js";
import { runCommand } from "./run.js";

/** `npm start`: the bot when a token is configured; otherwise how to get one. */
export async function startCommand(args: string[], config: Config): Promise<number> {
  if (config.BOT_TOKEN) return runCommand(args, config);
  process.stderr.write(
    "No BOT_TOKEN yet: talk to @BotFather in Telegram, send /newbot and copy the token it gives you.\n" +
      "Put it in a .env file next to package.json as BOT_TOKEN=123456:ABC… (see .env.example), then run npm start again.\n",
  );
  return 2;
}
