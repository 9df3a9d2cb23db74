import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.js";

/**
 * A supervisor stops the bot with SIGTERM to the process it started. Started the way the README
 * says (`npm start`, or `node bin/vestnik.js run`), that must end the bot and free the data directory.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let fake: FakeBotApi;
let dir: string;

beforeAll(async () => {
  fake = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), "vestnik-signals-"));
});

afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each([
  ["npm start", "npm", ["start"]],
  ["node bin/vestnik.js run", process.execPath, ["bin/vestnik.js", "run"]],
] as const)("SIGTERM to %s", (_name, command, args) => {
  it("ends the bot and frees the data directory", async () => {
    const dataDir = join(dir, args.join("-"));
    const lockFile = join(dataDir, "vestnik.lock");
    // No stdin: a Docker or systemd start has no terminal either.
    const child = spawn(command, [...args], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "ignore"],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn", DATA_DIR: dataDir, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url },
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let botPid = 0;
    try {
      await until(() => existsSync(lockFile) && fake.polling, "the bot to poll");
      botPid = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
      expect(alive(botPid)).toBe(true);
      child.kill("SIGTERM");
      await exited;
      await until(() => !existsSync(lockFile) && !alive(botPid), "the bot to end and free the lock", 30_000);
    } finally {
      child.kill("SIGKILL");
      if (botPid && alive(botPid)) process.kill(botPid, "SIGKILL");
    }
  }, 180_000);
});
