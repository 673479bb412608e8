import { DEFAULT_SETTINGS, type ShopSettings, type TaxRates } from "@emporium/domain";
import { z } from "zod";
import { keyring, parseDataKey, parseDataKeyList, type DataKeys } from "./sql/encryption/data-key.js";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** The whole configuration, read once from the environment at start. */
export interface Config {
  readonly nodeEnv: string;
  readonly database: {
    /** `sqlite:<file>` (or `sqlite::memory:`) or `postgres://…`. */
    readonly url: string;
    readonly dialect: "sqlite" | "postgres";
    /** PostgreSQL read replica for read-only use cases; null reads from the primary. */
    readonly replicaUrl: string | null;
    readonly poolSize: number;
    readonly statementTimeoutMs: number;
    /** PostgreSQL: run statements as named prepared statements (off behind a pooler that cannot keep them). */
    readonly preparedStatements: boolean;
  };
  readonly redisUrl: string | null;
  readonly amqpUrl: string | null;
  readonly elasticsearchUrl: string | null;
  /** Null selects the simulated payment provider. */
  readonly stripe: {
    readonly secretKey: string;
    readonly webhookSecret: string;
    /** Another API server than Stripe's (a local fake in tests); null for api.stripe.com. */
    readonly apiBase: string | null;
    /** `automatic` charges at checkout; `manual` authorizes at checkout and captures when the order ships. */
    readonly captureMethod: "automatic" | "manual";
  } | null;
  /** Null writes notifications to the mailbox table. */
  readonly smtpUrl: string | null;
  /** The sender of mails sent over SMTP. */
  readonly smtpFrom: string;
  readonly jwt: {
    /** Null in the embedded profile: the secret is generated and stored in the database on first start. */
    readonly secret: string | null;
    readonly issuer: string;
    readonly audience: string;
  };
  readonly http: {
    readonly port: number;
    readonly host: string;
    /** false: ignore X-Forwarded-For; true: trust its left-most entry; n: the entry n hops from the right. */
    readonly trustProxy: boolean | number;
    /** Exact origins allowed by CORS; empty allows none. */
    readonly corsOrigins: readonly string[];
    readonly bodyLimitBytes: number;
  };
  readonly logLevel: LogLevel;
  readonly rateLimit: {
    readonly windowMs: number;
    /** Requests per window per client on general routes. */
    readonly max: number;
    /** Requests per window per client on login, registration and password reset. */
    readonly authMax: number;
  };
  readonly cacheTtl: {
    readonly productSeconds: number;
    readonly listSeconds: number;
    readonly categorySeconds: number;
  };
  /** Shop settings for the use cases: DEFAULT_SETTINGS with the environment's overrides. */
  readonly shop: ShopSettings;
  /**
   * DATA_ENCRYPTION_KEY (current: seals personal data) and DATA_ENCRYPTION_KEYS (old: only
   * opens values sealed before a rotation). No current key: embedded SQLite keeps a generated
   * key beside the database file; PostgreSQL refuses to start.
   */
  readonly dataKeys: DataKeys;
}

export type Profile = "embedded" | "production";

/** Bad configuration; `message` is one line naming each variable at fault and what was expected. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(problems.join("; "));
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Hides the password of a URL so an error message never prints a secret. */
const redactUrl = (raw: string): string => raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");

// An empty variable (`REDIS_URL=` in a .env file) means "not set".
const variable = () =>
  z
    .string()
    .optional()
    .transform((raw) => (raw === undefined || raw.trim() === "" ? undefined : raw.trim()));

type Parse<T> = (raw: string) => { ok: true; value: T } | { ok: false; problem: string };

const field = <T>(name: string, parse: Parse<T>) =>
  variable().transform((raw, ctx): T | undefined => {
    if (raw === undefined) return undefined;
    const parsed = parse(raw);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: `${name} ${parsed.problem}` });
    return z.NEVER;
  });

const withDefault = <T>(name: string, fallback: T, parse: Parse<T>) =>
  field(name, parse).transform((value) => (value === undefined ? fallback : value));

const integer =
  (min: number, max: number): Parse<number> =>
  (raw) => {
    const value = Number(raw);
    return /^\d+$/.test(raw) && value >= min && value <= max
      ? { ok: true, value }
      : { ok: false, problem: `must be an integer from ${min} to ${max}, got "${raw}"` };
  };

const urlWithScheme =
  (schemes: readonly string[]): Parse<string> =>
  (raw) => {
    const scheme = raw.slice(0, raw.indexOf(":") + 1).toLowerCase();
    const valid = schemes.includes(scheme) && URL.canParse(raw);
    return valid
      ? { ok: true, value: raw }
      : { ok: false, problem: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(" or ")}, got ${redactUrl(raw)}` };
  };

const databaseUrl: Parse<string> = (raw) => {
  if (raw.startsWith("sqlite:") && raw.length > "sqlite:".length) return { ok: true, value: raw };
  if (/^postgres(ql)?:\/\//.test(raw) && URL.canParse(raw)) return { ok: true, value: raw };
  return { ok: false, problem: `must start with sqlite: or postgres://, got ${redactUrl(raw)}` };
};

const oneOf =
  <T extends string>(values: readonly T[]): Parse<T> =>
  (raw) =>
    (values as readonly string[]).includes(raw)
      ? { ok: true, value: raw as T }
      : { ok: false, problem: `must be one of ${values.join(", ")}, got "${raw}"` };

const prefixed =
  (prefixes: readonly string[]): Parse<string> =>
  (raw) =>
    prefixes.some((p) => raw.startsWith(p))
      ? { ok: true, value: raw }
      : { ok: false, problem: `must be a key starting with ${prefixes.join(" or ")}` };

const onOff: Parse<boolean> = (raw) =>
  raw === "true" || raw === "false" ? { ok: true, value: raw === "true" } : { ok: false, problem: `must be true or false, got "${raw}"` };

const trustProxy: Parse<boolean | number> = (raw) => {
  if (raw === "true") return { ok: true, value: true };
  if (raw === "false") return { ok: true, value: false };
  if (/^\d{1,2}$/.test(raw)) return { ok: true, value: Number(raw) === 0 ? false : Number(raw) };
  return { ok: false, problem: `must be true, false or a number of proxy hops, got "${raw}"` };
};

const origins: Parse<string[]> = (raw) => {
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const bad = list.find((o) => !URL.canParse(o) || new URL(o).origin !== o);
  return bad === undefined
    ? { ok: true, value: list }
    : {
        ok: false,
        problem: `must be a comma-separated list of origins like https://shop.example.com (no path or trailing slash), got "${bad}"`,
      };
};

const taxRates: Parse<TaxRates> = (raw) => {
  const rates: Record<string, number> = {};
  for (const pair of raw.split(",").map((s) => s.trim())) {
    const match = /^([a-z][a-z0-9_-]*):(\d{1,5})$/.exec(pair);
    if (!match || Number(match[2]) > 10_000) {
      return { ok: false, problem: `must be a list like standard:2000,reduced:500 (class:basis points from 0 to 10000), got "${pair}"` };
    }
    rates[match[1]!] = Number(match[2]);
  }
  return "standard" in rates ? { ok: true, value: rates } : { ok: false, problem: `must define the standard class, got "${raw}"` };
};

const freeOver: Parse<number | null> = (raw) => (raw === "never" ? { ok: true, value: null } : integer(0, Number.MAX_SAFE_INTEGER)(raw));

const currency: Parse<string> = (raw) =>
  /^[A-Z]{3}$/.test(raw) ? { ok: true, value: raw } : { ok: false, problem: `must be an ISO 4217 code like USD, got "${raw}"` };

const text: Parse<string> = (raw) => ({ ok: true, value: raw });

const MIN_JWT_SECRET = 32;

const EnvSchema = z
  .object({
    NODE_ENV: withDefault("NODE_ENV", "development", text),
    DATABASE_URL: withDefault("DATABASE_URL", "sqlite:./data/emporium.db", databaseUrl),
    DATABASE_REPLICA_URL: field("DATABASE_REPLICA_URL", urlWithScheme(["postgres:", "postgresql:"])),
    DATABASE_POOL_SIZE: withDefault("DATABASE_POOL_SIZE", 10, integer(1, 1000)),
    DATABASE_STATEMENT_TIMEOUT_MS: withDefault("DATABASE_STATEMENT_TIMEOUT_MS", 5000, integer(1, 3_600_000)),
    DATABASE_PREPARED_STATEMENTS: withDefault("DATABASE_PREPARED_STATEMENTS", true, onOff),
    REDIS_URL: field("REDIS_URL", urlWithScheme(["redis:", "rediss:"])),
    AMQP_URL: field("AMQP_URL", urlWithScheme(["amqp:", "amqps:"])),
    ELASTICSEARCH_URL: field("ELASTICSEARCH_URL", urlWithScheme(["http:", "https:"])),
    STRIPE_SECRET_KEY: field("STRIPE_SECRET_KEY", prefixed(["sk_", "rk_"])),
    STRIPE_WEBHOOK_SECRET: field("STRIPE_WEBHOOK_SECRET", prefixed(["whsec_"])),
    STRIPE_API_BASE: field("STRIPE_API_BASE", urlWithScheme(["http:", "https:"])),
    STRIPE_CAPTURE_METHOD: withDefault<"automatic" | "manual">("STRIPE_CAPTURE_METHOD", "automatic", oneOf(["automatic", "manual"])),
    SMTP_URL: field("SMTP_URL", urlWithScheme(["smtp:", "smtps:"])),
    SMTP_FROM: withDefault("SMTP_FROM", "Emporium <no-reply@localhost>", text),
    JWT_SECRET: field("JWT_SECRET", (raw) =>
      raw.length >= MIN_JWT_SECRET
        ? { ok: true, value: raw }
        : { ok: false, problem: `must be at least ${MIN_JWT_SECRET} characters, got ${raw.length}` },
    ),
    JWT_ISSUER: withDefault("JWT_ISSUER", "emporium", text),
    JWT_AUDIENCE: withDefault("JWT_AUDIENCE", "emporium-api", text),
    PORT: withDefault("PORT", 3000, integer(0, 65_535)),
    HOST: withDefault("HOST", "127.0.0.1", text),
    LOG_LEVEL: withDefault<LogLevel>("LOG_LEVEL", "info", oneOf(LOG_LEVELS)),
    TRUST_PROXY: withDefault("TRUST_PROXY", false, trustProxy),
    CORS_ORIGINS: withDefault<string[]>("CORS_ORIGINS", [], origins),
    RATE_LIMIT_WINDOW_MS: withDefault("RATE_LIMIT_WINDOW_MS", 60_000, integer(1, 86_400_000)),
    RATE_LIMIT_MAX: withDefault("RATE_LIMIT_MAX", 300, integer(1, 1_000_000)),
    RATE_LIMIT_AUTH_MAX: withDefault("RATE_LIMIT_AUTH_MAX", 10, integer(1, 1_000_000)),
    CACHE_TTL_PRODUCT_SECONDS: withDefault("CACHE_TTL_PRODUCT_SECONDS", 120, integer(0, 86_400)),
    CACHE_TTL_LIST_SECONDS: withDefault("CACHE_TTL_LIST_SECONDS", 60, integer(0, 86_400)),
    CACHE_TTL_CATEGORY_SECONDS: withDefault("CACHE_TTL_CATEGORY_SECONDS", 3600, integer(0, 86_400)),
    STORE_CURRENCY: withDefault("STORE_CURRENCY", DEFAULT_SETTINGS.currency, currency),
    BODY_LIMIT_BYTES: withDefault("BODY_LIMIT_BYTES", 1_048_576, integer(1, 100 * 1_048_576)),
    RESERVATION_TTL_SECONDS: withDefault("RESERVATION_TTL_SECONDS", DEFAULT_SETTINGS.reservationTtlSeconds, integer(1, 86_400)),
    SHIPPING_FLAT_RATE: withDefault("SHIPPING_FLAT_RATE", DEFAULT_SETTINGS.shipping.flatRate, integer(0, Number.MAX_SAFE_INTEGER)),
    SHIPPING_FREE_OVER: withDefault("SHIPPING_FREE_OVER", DEFAULT_SETTINGS.shipping.freeOver, freeOver),
    // Every class the catalogue may name is defined, so a product on "reduced" prices even before rates are set.
    TAX_RATES: withDefault("TAX_RATES", DEFAULT_SETTINGS.taxRates, taxRates),
    DATA_ENCRYPTION_KEY: field("DATA_ENCRYPTION_KEY", parseDataKey),
    DATA_ENCRYPTION_KEYS: withDefault("DATA_ENCRYPTION_KEYS", [], parseDataKeyList),
  })
  .transform((env, ctx): Config => {
    const problem = (message: string) => ctx.addIssue({ code: "custom", message });
    const dialect = env.DATABASE_URL.startsWith("sqlite:") ? "sqlite" : "postgres";
    if (env.NODE_ENV === "production" && env.JWT_SECRET === undefined) {
      problem(`JWT_SECRET must be set (at least ${MIN_JWT_SECRET} characters) when NODE_ENV=production`);
    }
    if (env.DATABASE_REPLICA_URL !== undefined && dialect !== "postgres") {
      problem("DATABASE_REPLICA_URL needs a postgres:// DATABASE_URL; unset it with SQLite");
    }
    if (env.DATA_ENCRYPTION_KEYS.length > 0 && env.DATA_ENCRYPTION_KEY === undefined) {
      problem("DATA_ENCRYPTION_KEYS only opens data sealed under old keys; set DATA_ENCRYPTION_KEY to the current key too");
    }
    if (env.DATA_ENCRYPTION_KEY !== undefined) {
      try {
        keyring([env.DATA_ENCRYPTION_KEY, ...env.DATA_ENCRYPTION_KEYS]);
      } catch (error) {
        problem(`DATA_ENCRYPTION_KEYS: ${(error as Error).message}`);
      }
    }
    if ((env.STRIPE_SECRET_KEY === undefined) !== (env.STRIPE_WEBHOOK_SECRET === undefined)) {
      problem("STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together (or neither, for simulated payments)");
    }
    return {
      nodeEnv: env.NODE_ENV,
      database: {
        url: env.DATABASE_URL,
        dialect,
        replicaUrl: env.DATABASE_REPLICA_URL ?? null,
        poolSize: env.DATABASE_POOL_SIZE,
        statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
        preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
      },
      redisUrl: env.REDIS_URL ?? null,
      amqpUrl: env.AMQP_URL ?? null,
      elasticsearchUrl: env.ELASTICSEARCH_URL ?? null,
      stripe:
        env.STRIPE_SECRET_KEY !== undefined && env.STRIPE_WEBHOOK_SECRET !== undefined
          ? {
              secretKey: env.STRIPE_SECRET_KEY,
              webhookSecret: env.STRIPE_WEBHOOK_SECRET,
              apiBase: env.STRIPE_API_BASE ?? null,
              captureMethod: env.STRIPE_CAPTURE_METHOD,
            }
          : null,
      smtpUrl: env.SMTP_URL ?? null,
      smtpFrom: env.SMTP_FROM,
      jwt: { secret: env.JWT_SECRET ?? null, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE },
      http: {
        port: env.PORT,
        host: env.HOST,
        trustProxy: env.TRUST_PROXY,
        corsOrigins: env.CORS_ORIGINS,
        bodyLimitBytes: env.BODY_LIMIT_BYTES,
      },
      logLevel: env.LOG_LEVEL,
      rateLimit: { windowMs: env.RATE_LIMIT_WINDOW_MS, max: env.RATE_LIMIT_MAX, authMax: env.RATE_LIMIT_AUTH_MAX },
      cacheTtl: {
        productSeconds: env.CACHE_TTL_PRODUCT_SECONDS,
        listSeconds: env.CACHE_TTL_LIST_SECONDS,
        categorySeconds: env.CACHE_TTL_CATEGORY_SECONDS,
      },
      shop: {
        ...DEFAULT_SETTINGS,
        currency: env.STORE_CURRENCY,
        taxRates: env.TAX_RATES,
        shipping: { flatRate: env.SHIPPING_FLAT_RATE, freeOver: env.SHIPPING_FREE_OVER },
        reservationTtlSeconds: env.RESERVATION_TTL_SECONDS,
      },
      dataKeys: { current: env.DATA_ENCRYPTION_KEY ?? null, old: env.DATA_ENCRYPTION_KEYS },
    };
  });

/**
 * Reads the configuration from environment variables (`.env` is loaded by
 * `node --env-file-if-exists`). Unset or empty variables take their embedded
 * defaults. Throws ConfigError naming every variable at fault.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  return parsed.data;
}

/**
 * The profile the configuration describes: "production" as soon as a shared
 * server is configured — a postgres DATABASE_URL, REDIS_URL or AMQP_URL —
 * because state then lives outside this process and several instances may run.
 * Otherwise "embedded". Each adapter is still chosen by its own variable alone;
 * the profile names the deployment (in logs, /readyz) and nothing else.
 */
export function profileOf(config: Config): Profile {
  const shared = config.database.dialect === "postgres" || config.redisUrl !== null || config.amqpUrl !== null;
  return shared ? "production" : "embedded";
}
