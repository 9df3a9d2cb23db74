import { z } from "zod";
import { ConfigError } from "./config-error.js";
import { parseDuration } from "./duration.js";
import { isValidTimeZone } from "./shared/time-zone.js";

export { ConfigError };

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const duration = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .transform((value, ctx) => {
        const ms = parseDuration(value);
        if (ms === undefined || ms <= 0) {
          ctx.addIssue({ code: "custom", message: `expected a duration like 30s, 15m or 1h, got "${value}"` });
          return z.NEVER;
        }
        return ms;
      }),
  );

const positiveInt = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

const schema = z.object({
  BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{3,}:[A-Za-z0-9_-]{20,}$/, "expected a token from @BotFather like 123456:ABC-DEF…")
      .optional(),
  ),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "expected a postgres:// or postgresql:// URL")
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  TELEGRAM_API_ROOT: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/, error: "expected an http(s) URL" })
      .default("https://api.telegram.org")
      .transform((u) => u.replace(/\/+$/, "")),
  ),
  ADMIN_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("")
      .transform((value, ctx) => {
        const ids = value
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((part) => (/^-?\d+$/.test(part) ? Number(part) : Number.NaN));
        if (ids.some((id) => !Number.isSafeInteger(id))) {
          ctx.addIssue({ code: "custom", message: "expected comma-separated numeric Telegram user ids" });
          return z.NEVER;
        }
        return ids;
      }),
  ),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS).default("info")),
  DEFAULT_TIMEZONE: z.preprocess(
    emptyToUndefined,
    z.string().default("Europe/Moscow").refine(isValidTimeZone, "expected an IANA time zone like Europe/Moscow"),
  ),
  MAX_FEED_BYTES: positiveInt(20 * 1024 * 1024),
  FETCH_TIMEOUT: duration("15s"),
  POLL_INTERVAL: duration("10m"),
  /** Feeds one `vestnik run` process fetches at the same time. */
  POLL_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).default(4)),
  /** Operator's topics (JSON or YAML) added to or overriding the built-in taxonomy. */
  TOPICS_FILE: z.preprocess(emptyToUndefined, z.string().optional()),
  /** New readers' digest time, HH:MM in their zone (DEFAULT_TIMEZONE until they pick one). */
  DIGEST_TIME: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time of day as HH:MM, like 08:00").default("08:00"),
  ),
  /** Most articles in one digest. */
  DIGEST_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(50).default(10)),
  /** Send a short "nothing new" message instead of staying silent when a digest would be empty. */
  DIGEST_SEND_EMPTY: z.preprocess(
    emptyToUndefined,
    z.enum(["true", "false", "1", "0", "yes", "no"]).default("false").transform((v) => ["true", "1", "yes"].includes(v)),
  ),
  /** How often `vestnik run` looks for readers whose digest is due. */
  DIGEST_CHECK_INTERVAL: duration("1m"),
  /**
   * Proactive messages per second for the whole bot token, shared by every process on one database
   * (Telegram allows about 30). The pace stays 3 % under it and drops for a while after a 429.
   */
  SEND_RATE: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(1000).default(30)),
  /** Send digests with allow_paid_broadcast: up to 1,000 messages a second, 0.1 Star each. */
  PAID_BROADCAST: z.preprocess(
    emptyToUndefined,
    z.enum(["true", "false", "1", "0", "yes", "no"]).default("false").transform((v) => ["true", "1", "yes"].includes(v)),
  ),
  /** Stars the bot may spend on paid broadcasts per UTC day; past it, sends go at the free rate. */
  PAID_BROADCAST_DAILY_STARS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10_000_000).default(1000)),
  /** How long a digest delivery stays claimed without a sign of life before another run may take it over. */
  DIGEST_LEASE: duration("30s"),
  /** Instant alerts: most alert messages per chat and hour; the rest come as one summary an hour later. */
  ALERT_HOURLY_CAP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(10)),
  /** Public HTTPS base URL Telegram posts updates to; set, `vestnik run` uses a webhook instead of long polling. */
  WEBHOOK_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https$/, error: "expected the public https:// URL Telegram should post updates to" })
      .transform((u) => u.replace(/\/+$/, ""))
      .optional(),
  ),
  /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token with every update; required with WEBHOOK_URL. */
  WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "expected 1–256 characters of A-Z, a-z, 0-9, _ and -").optional(),
  ),
  /** How long an accepted webhook update stays claimed without a sign of life before another run handles it. */
  WEBHOOK_LEASE: duration("60s"),
  /** The HTTP port: the webhook, /healthz, /readyz and /metrics. */
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(8080)),
  /** Address the HTTP server binds to: 0.0.0.0 in webhook mode, 127.0.0.1 otherwise, unless set. */
  HTTP_HOST: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Serve /healthz, /readyz and /metrics on PORT in long-polling mode too. */
  HTTP_ENABLED: z.preprocess(
    emptyToUndefined,
    z.enum(["true", "false", "1", "0", "yes", "no"]).default("false").transform((v) => ["true", "1", "yes"].includes(v)),
  ),
  /** Fetch feeds from loopback, private, link-local and other inside addresses (intranet feeds); refused unless "true". */
  ALLOW_PRIVATE_FEEDS: z.preprocess(
    emptyToUndefined,
    z.enum(["true", "false", "1", "0", "yes", "no"]).default("false").transform((v) => ["true", "1", "yes"].includes(v)),
  ),
  /** Bearer token for /metrics; without it /metrics answers only requests from this machine. */
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, "expected at least 16 characters").optional()),
}).superRefine((config, ctx) => {
  if (config.WEBHOOK_URL && !config.WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["WEBHOOK_SECRET"],
      message: "is required when WEBHOOK_URL is set (1–256 characters of A-Z, a-z, 0-9, _ and -)",
    });
  }
});

type ParsedEnv = z.infer<typeof schema>;

/** How `vestnik run` gets updates: the webhook's settings exist only in webhook mode. */
export type Serving =
  | { mode: "polling" }
  | {
      mode: "webhook";
      /** WEBHOOK_URL without a trailing slash: the public base URL; the unguessable path is appended. */
      url: string;
      /** WEBHOOK_SECRET, checked on every update Telegram posts. */
      secret: string;
      /** WEBHOOK_LEASE in ms: how long a claimed update may go without a sign of life. */
      leaseMs: number;
    };

/** The validated environment, with the serving mode's settings gathered in `serving`. */
export type Config = Omit<ParsedEnv, "WEBHOOK_URL" | "WEBHOOK_SECRET" | "WEBHOOK_LEASE"> & { serving: Serving };

interface NumberRule {
  int: boolean;
  min: number;
  minInclusive: boolean;
  max: number;
}

/** The number a variable's schema expects (through its preprocess and default), if it is one. */
function numberRule(variable: string): NumberRule | undefined {
  let node: unknown = (schema.shape as Record<string, unknown>)[variable];
  for (let depth = 0; depth < 5 && node; depth++) {
    const zod = node as { def: { type: string; out?: unknown; innerType?: unknown }; minValue: number; maxValue: number; isInt: boolean };
    if (zod.def.type === "number") {
      // A "positive" minimum is exclusive: 0 itself is refused.
      const minInclusive = !(zod.def as { checks?: { _zod: { def: { check: string; inclusive?: boolean } } }[] }).checks?.some(
        (c) => c._zod.def.check === "greater_than" && c._zod.def.inclusive === false,
      );
      return { int: zod.isInt, min: zod.minValue, minInclusive, max: zod.maxValue };
    }
    node = zod.def.out ?? zod.def.innerType;
  }
  return undefined;
}

/** "a whole number from 1 to 64", "a number above 0, at most 1000", "a whole number of at least 1". */
function describeRule(rule: NumberRule): string {
  const kind = rule.int ? "a whole number" : "a number";
  const min = rule.int && !rule.minInclusive ? rule.min + 1 : rule.min;
  const inclusive = rule.int || rule.minInclusive;
  const bounded = rule.max < Number.MAX_SAFE_INTEGER;
  if (inclusive) return bounded ? `${kind} from ${min} to ${rule.max}` : `${kind} of at least ${min}`;
  return bounded ? `${kind} above ${min}, at most ${rule.max}` : `${kind} above ${min}`;
}

/** The library's words ("Too big: expected number to be <=64") in the operator's, with the value and the allowed range. */
function describeIssue(variable: string, issue: z.core.$ZodIssue | undefined, value: string | undefined): string {
  const got = value === undefined ? "" : `, got "${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;
  const rule = numberRule(variable);
  if (rule && issue && ["too_big", "too_small", "invalid_type"].includes(issue.code)) return `expected ${describeRule(rule)}${got}`;
  if (issue?.code === "invalid_value" && Array.isArray(issue.values)) return `expected one of ${issue.values.join(", ")}${got}`;
  return issue?.message ?? "invalid value";
}

/** Validates an environment once; throws ConfigError naming the first bad variable. */
export function createConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (result.success) {
    const { WEBHOOK_URL: url, WEBHOOK_SECRET: secret, WEBHOOK_LEASE: leaseMs, ...rest } = result.data;
    // The schema refuses a URL without a secret, so both or neither are here.
    return { ...rest, serving: url && secret ? { mode: "webhook", url, secret, leaseMs } : { mode: "polling" } };
  }
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? "configuration");
  throw new ConfigError(variable, describeIssue(variable, issue, env[variable]));
}

/** For commands that talk to Telegram: the token is required there and nowhere else. */
export function requireBotToken(config: Config): string {
  if (!config.BOT_TOKEN) {
    throw new ConfigError("BOT_TOKEN", "is required for this command (get one from @BotFather; see .env.example)");
  }
  return config.BOT_TOKEN;
}
