import { createServer } from "node:net";
import type { Update } from "grammy/types";
import type { FakeBotApi } from "./fake-bot-api.js";
import { startCli, type RunningCli } from "./run-cli.js";

export const SECRET = "webhook_Secret-123";
export const PUBLIC_URL = "https://bot.example.test/vestnik";

export interface Instance {
  cli: RunningCli;
  base: string;
  /** The path Telegram was told to post to (after PUBLIC_URL). */
  path: string;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `vestnik run` in webhook mode against the fake Bot API, once it says it is running. */
export async function startInstance(fake: FakeBotApi, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const cli = startCli(["run"], {
    ...env,
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    WEBHOOK_URL: PUBLIC_URL,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    HTTP_HOST: "127.0.0.1",
    // For the "running" line, which comes after setWebhook.
    LOG_LEVEL: "info",
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (cli.output().includes("Vestnik is running (webhook)")) break;
    if (Date.now() > deadline || cli.child.exitCode !== null) throw new Error(`instance did not start:\n${cli.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const call = fake.calls.findLast((c) => c.method === "setWebhook" && c.status === 200)!;
  return { cli, base, path: String(call.payload.url).slice(PUBLIC_URL.length) };
}

/** Posts an update the way Telegram does. */
export function post(instance: Instance, update: Update | string, secret: string | null = SECRET): Promise<Response> {
  return fetch(`${instance.base}${instance.path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }) },
    body: typeof update === "string" ? update : JSON.stringify(update),
  });
}
