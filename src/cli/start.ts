import type { AppRoot } from "../app/root.js";
import { chatCommand } from "./chat.js";
import { noOptions } from "./help.js";
import { runCommand } from "./run.js";

/** `npm start`: the bot when a token is configured; otherwise how to get one, then the terminal chat. */
export async function startCommand(args: string[], root: AppRoot): Promise<number> {
  noOptions(args);
  if (root.hasBotToken) return runCommand(args, root);
  process.stderr.write(
    "No BOT_TOKEN yet: in Telegram, send /newbot to @BotFather and copy the token it gives you.\n" +
      "Put it in a .env file next to package.json as BOT_TOKEN=123456:ABC… (see .env.example) and run npm start again; meanwhile, here is the bot in your terminal.\n",
  );
  return chatCommand([], root);
}
