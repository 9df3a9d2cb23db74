import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, createServer, type Server, type Socket } from "node:net";
import { Writable } from "node:stream";
import { Api, HttpError } from "grammy";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBotApi, networkRetry } from "../../src/cli/bot-api-check.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";
import { runCli, startCli } from "../helpers/run-cli.js";

const TOKEN = "123456:AAHstartupCheckTokenThatMustNeverBePrinted";

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sockets = new Set<Socket>();
let silent: Server;
let silentPort: number;

beforeAll(async () => {
  // Accepts connections and never answers: a firewall that swallows packets, a hung proxy.
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  silentPort = await listen(silent);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function runAgainst(apiRoot: string) {
  const started = Date.now();
  const result = await runCli(["run"], { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATA_DIR: "/nonexistent/vestnik-startup" });
  return { ...result, seconds: (Date.now() - started) / 1000, lines: result.stderr.trim().split("\n") };
}

describe("vestnik run when the Bot API cannot be reached", () => {
  it("says what it is doing and fails with one line naming the URL and the cause (closed port), exit 1", { timeout: 90_000 }, async () => {
    const apiRoot = `http://127.0.0.1:${await closedPort()}`;
    const result = await runAgainst(apiRoot);
    expect(result.code, result.stderr).toBe(1);
    expect(result.lines[0]).toBe(`vestnik run: Checking BOT_TOKEN with the Bot API at ${apiRoot} …`);
    expect(result.lines.at(-1)).toBe(`vestnik run: cannot reach the Bot API at ${apiRoot}: connection refused (ECONNREFUSED) (tried 3 times)`);
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.seconds).toBeLessThan(60);
  });

  it("gives up on a server that never answers within about 30 s, exit 1", { timeout: 90_000 }, async () => {
    const apiRoot = `http://127.0.0.1:${silentPort}`;
    const result = await runAgainst(apiRoot);
    expect(result.code, result.stderr).toBe(1);
    expect(result.lines).toContain(`vestnik run: ${apiRoot}: no answer within 5s; trying again in 1s (attempt 2 of 3) …`);
    expect(result.lines.at(-1)).toBe(`vestnik run: cannot reach the Bot API at ${apiRoot}: no answer within 5s (tried 3 times)`);
    expect(result.stderr).not.toContain(TOKEN);
    // Not minutes: the bound is loose because a busy machine can take long to start node itself;
    // the check's own time is measured in-process below.
    expect(result.seconds).toBeLessThan(75);
  });

  it("bounds the check itself to 3 × 5 s plus 3 s of pauses", { timeout: 60_000 }, async () => {
    const said: string[] = [];
    const started = Date.now();
    const check = checkBotApi({ token: TOKEN, apiRoot: `http://127.0.0.1:${silentPort}`, say: (line) => said.push(line) });
    await expect(check).rejects.toThrow(`cannot reach the Bot API at http://127.0.0.1:${silentPort}: no answer within 5s (tried 3 times)`);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(17.5);
    expect(seconds).toBeLessThan(25);
    expect(said).toHaveLength(3);
  });

  it("names a Bot API that refuses the token", { timeout: 60_000 }, async () => {
    const fake = await startFakeBotApi();
    try {
      const result = await runCli(["run"], { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, DATA_DIR: "/nonexistent/vestnik-startup" });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split("\n").at(-1)).toMatch(/^vestnik run: Telegram rejected BOT_TOKEN \(401 Unauthorized\)/);
    } finally {
      await fake.close();
    }
  });
});

/** Polls `output()` until it contains `text`. */
async function outputContains(output: () => string, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`never printed ${JSON.stringify(text)}:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("vestnik run stopped while it starts", () => {
  it("ends a hanging Bot API check at once on SIGTERM, exit 0", { timeout: 60_000 }, async () => {
    const bot = startCli(["run"], { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${silentPort}`, DATA_DIR: "/nonexistent/vestnik-startup" });
    await outputContains(bot.output, "Checking BOT_TOKEN");
    const sent = Date.now();
    const code = await bot.stop("SIGTERM", 20_000);
    expect(code, bot.output()).toBe(0);
    // Not the check's own 5 s limit: the request is aborted with the stop.
    expect(Date.now() - sent).toBeLessThan(4_000);
    expect(bot.output().trim().split("\n").at(-1)).toBe("vestnik run: stopped by SIGTERM during start-up; nothing was left running.");
  });

  it("stops cleanly on a SIGTERM that arrives once the token is checked, exit 0", { timeout: 60_000 }, async () => {
    const fake = await startFakeBotApi();
    const dataDir = mkdtempSync(join(tmpdir(), "vestnik-stop-early-"));
    try {
      const bot = startCli(["run"], { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, DATA_DIR: dataDir });
      await outputContains(bot.output, "Bot API answered");
      // Now the store opens, migrations run and polling starts: a stop at any of these points must end cleanly.
      const code = await bot.stop("SIGTERM", 30_000);
      expect(code, bot.output()).toBe(0);
      expect(bot.output()).not.toMatch(/\n\s+at /);
      // Whatever had started was stopped: a second run can open the same data directory.
      const again = await runCli(["sources", "list"], { DATA_DIR: dataDir });
      expect(again.code, again.stderr).toBe(0);
    } finally {
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("after start-up, lost connections", () => {
  it("are retried with growing pauses and logged, until the Bot API answers again", { timeout: 30_000 }, async () => {
    const fake = await startFakeBotApi();
    const target = Number(new URL(fake.url).port);
    let drops = 3;
    // A proxy that hangs up on the first connections, then passes traffic to the fake Bot API.
    const proxy = createServer((socket) => {
      socket.on("error", () => {});
      if (drops-- > 0) return socket.destroy();
      const upstream = connect(target, "127.0.0.1").on("error", () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    });
    const port = await listen(proxy);
    const logged: { msg: string; method: string; cause: string; retryInMs: number }[] = [];
    const logger = pino({ level: "warn" }, new Writable({ write: (chunk, _enc, done) => (logged.push(JSON.parse(String(chunk))), done()) }));
    try {
      const api = new Api(fake.token, { apiRoot: `http://127.0.0.1:${port}` });
      api.config.use(networkRetry(logger, { initialDelayMs: 50 }));
      const me = await api.getMe();
      expect(me.username).toBe(fake.botInfo.username);
      expect(logged).toHaveLength(3);
      expect(logged.map((l) => l.retryInMs)).toEqual([50, 100, 200]);
      for (const line of logged) {
        expect(line.msg).toBe("Bot API unreachable; retrying");
        expect(line.method).toBe("getMe");
        expect(line.cause).toMatch(/connection (reset|closed)|network error/);
      }
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
      await fake.close();
    }
  });

  it("stop when the caller aborts (shutdown)", async () => {
    const api = new Api(TOKEN, { apiRoot: `http://127.0.0.1:${await closedPort()}` });
    api.config.use(networkRetry(pino({ level: "silent" }), { initialDelayMs: 60_000 }));
    const controller = new AbortController();
    const call = api.getMe(controller.signal as Parameters<typeof api.getMe>[0]);
    setTimeout(() => controller.abort(), 300);
    await expect(call).rejects.toBeInstanceOf(HttpError);
  });
});
