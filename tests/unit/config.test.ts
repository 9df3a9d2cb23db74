import { describe, expect, it } from "vitest";
import { ConfigError, createConfig, requireBotToken } from "../../src/config.js";

function problemWith(env: Record<string, string>): ConfigError {
  try {
    createConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("createConfig", () => {
  it("fills documented defaults from an empty environment", () => {
    const config = createConfig({});
    expect(config.DATA_DIR).toBe("./data");
    expect(config.TELEGRAM_API_ROOT).toBe("https://api.telegram.org");
    expect(config.ADMIN_IDS).toEqual([]);
    expect(config.LOG_LEVEL).toBe("info");
    expect(config.DEFAULT_TIMEZONE).toBe("Europe/Moscow");
    expect(config.MAX_FEED_BYTES).toBe(20 * 1024 * 1024);
    expect(config.FETCH_TIMEOUT).toBe(15_000);
    expect(config.POLL_INTERVAL).toBe(600_000);
    expect(config.BOT_TOKEN).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset, as a copied .env.example leaves them", () => {
    const config = createConfig({ BOT_TOKEN: "", DATABASE_URL: " ", ADMIN_IDS: "" });
    expect(config.BOT_TOKEN).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("parses lists, durations and strips the API root's trailing slash", () => {
    const config = createConfig({
      ADMIN_IDS: "12345, 678 -100200",
      POLL_INTERVAL: "3s",
      FETCH_TIMEOUT: "1m30s",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
    });
    expect(config.ADMIN_IDS).toEqual([12345, 678, -100200]);
    expect(config.POLL_INTERVAL).toBe(3000);
    expect(config.FETCH_TIMEOUT).toBe(90_000);
    expect(config.TELEGRAM_API_ROOT).toBe("http://127.0.0.1:8081");
  });

  it.each([
    ["BOT_TOKEN", "not-a-token"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["TELEGRAM_API_ROOT", "ftp://example.org"],
    ["TELEGRAM_API_ROOT", "not a url"],
    ["ADMIN_IDS", "12,abc"],
    ["LOG_LEVEL", "loud"],
    ["DEFAULT_TIMEZONE", "Mars/Olympus"],
    ["MAX_FEED_BYTES", "-1"],
    ["POLL_INTERVAL", "soon"],
    ["FETCH_TIMEOUT", "0s"],
  ])("names %s when it is %j", (variable, value) => {
    const error = problemWith({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.problem.length).toBeGreaterThan(5);
  });

  it("requires the token only where asked", () => {
    const config = createConfig({});
    expect(() => requireBotToken(config)).toThrow(/BOT_TOKEN/);
    const withToken = createConfig({ BOT_TOKEN: "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    expect(requireBotToken(withToken)).toBe("123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  });
});

describe("digest settings", () => {
  it("has documented defaults", () => {
    const config = createConfig({});
    expect(config.DIGEST_TIME).toBe("08:00");
    expect(config.DIGEST_SIZE).toBe(10);
    expect(config.DIGEST_SEND_EMPTY).toBe(false);
    expect(config.DIGEST_CHECK_INTERVAL).toBe(60_000);
    expect(config.SEND_RATE).toBe(30);
    expect(config.PAID_BROADCAST).toBe(false);
    expect(config.PAID_BROADCAST_DAILY_STARS).toBe(1000);
  });

  it.each([
    ["DIGEST_TIME", "25:00"],
    ["DIGEST_TIME", "8am"],
    ["DIGEST_SIZE", "0"],
    ["DIGEST_SIZE", "500"],
    ["DIGEST_SEND_EMPTY", "maybe"],
    ["SEND_RATE", "-3"],
  ])("names %s when it is %j", (variable, value) => {
    expect(() => createConfig({ [variable]: value })).toThrow(expect.objectContaining({ variable }));
  });
});

describe("production settings", () => {
  it("defaults to long polling on port 8080 without an HTTP server", () => {
    const config = createConfig({});
    expect(config.serving).toEqual({ mode: "polling" });
    expect(config.PORT).toBe(8080);
    expect(config.HTTP_ENABLED).toBe(false);
    expect(config.HTTP_HOST).toBeUndefined();
    expect(config.METRICS_TOKEN).toBeUndefined();
  });

  it("takes a webhook URL with its secret, without a trailing slash", () => {
    const config = createConfig({ WEBHOOK_URL: "https://bot.example.com/vestnik/", WEBHOOK_SECRET: "abc_DEF-123", PORT: "3000" });
    expect(config.serving).toEqual({ mode: "webhook", url: "https://bot.example.com/vestnik", secret: "abc_DEF-123", leaseMs: 60_000 });
    expect(config).not.toHaveProperty("WEBHOOK_URL");
    expect(config.PORT).toBe(3000);
  });

  it("names WEBHOOK_SECRET when a webhook has none", () => {
    const error = problemWith({ WEBHOOK_URL: "https://bot.example.com" });
    expect(error.variable).toBe("WEBHOOK_SECRET");
    expect(error.problem).toMatch(/required when WEBHOOK_URL is set/);
  });

  it.each([
    ["WEBHOOK_URL", "http://bot.example.com"],
    ["WEBHOOK_URL", "bot.example.com"],
    ["WEBHOOK_SECRET", "has spaces"],
    ["WEBHOOK_SECRET", "x".repeat(257)],
    ["WEBHOOK_SECRET", "ключ"],
    ["PORT", "0"],
    ["PORT", "70000"],
    ["HTTP_ENABLED", "maybe"],
    ["METRICS_TOKEN", "short"],
  ])("names %s when it is %j", (variable, value) => {
    const env = variable === "WEBHOOK_URL" ? { [variable]: value, WEBHOOK_SECRET: "ok" } : { [variable]: value };
    expect(problemWith(env).variable).toBe(variable);
  });
});

describe("configuration errors in the operator's words", () => {
  it.each([
    ["POLL_CONCURRENCY", "100", 'expected a whole number from 1 to 64, got "100"'],
    ["POLL_CONCURRENCY", "0", 'expected a whole number from 1 to 64, got "0"'],
    ["POLL_CONCURRENCY", "four", 'expected a whole number from 1 to 64, got "four"'],
    ["PORT", "80.5", 'expected a whole number from 1 to 65535, got "80.5"'],
    ["DIGEST_SIZE", "51", 'expected a whole number from 1 to 50, got "51"'],
    ["SEND_RATE", "0", 'expected a number above 0, at most 1000, got "0"'],
    ["MAX_FEED_BYTES", "-1", 'expected a whole number of at least 1, got "-1"'],
    ["LOG_LEVEL", "loud", 'expected one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
  ])("%s=%s: names the allowed range and the value", (variable, value, problem) => {
    const error = problemWith({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.problem).toBe(problem);
    expect(error.problem).not.toMatch(/Too big|Too small|Invalid input|<=|>=/);
  });

  it("does not echo a malformed secret", () => {
    const error = problemWith({ BOT_TOKEN: "12345:my secret token" });
    expect(error.problem).not.toContain("secret");
  });
});

describe("paid broadcast settings", () => {
  it("reads PAID_BROADCAST and its daily Stars cap", () => {
    const config = createConfig({ PAID_BROADCAST: "true", PAID_BROADCAST_DAILY_STARS: "250" });
    expect(config.PAID_BROADCAST).toBe(true);
    expect(config.PAID_BROADCAST_DAILY_STARS).toBe(250);
  });

  it.each([
    ["PAID_BROADCAST", "maybe"],
    ["PAID_BROADCAST_DAILY_STARS", "0"],
    ["PAID_BROADCAST_DAILY_STARS", "lots"],
  ])("names %s when it is %j", (variable, value) => {
    expect(problemWith({ [variable]: value }).variable).toBe(variable);
  });
});


