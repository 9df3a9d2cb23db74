import type { Config } from "../config.js";
import { chatCommand } from "./chat.js";
import { noOptions } from "./help.js";
import { runCommand } from "./run.js";

/** `npm start`: the bot when a token is configured; otherwise how to get one, then the terminal chat. */
export async function startCommand(args: string[], config: Config): Promise<number> {
  noOptions(args);
  if (config.BOT_TOKEN) return runCommand(args, config);
  process.stderr.write(
    "No BOT_TOKEN yet: in Telegram, send /newbot to @BotFather and copy the token it gives you.\n" +
      "Put it in a .env file next to package.json as BOT_TOKEN=123456:ABC… (see .env.example) and run npm start again; meanwhile, here is the bot in your terminal.\n",
  );
  return chatCommand([], config);
}
