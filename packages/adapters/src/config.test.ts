import { DEFAULT_SETTINGS } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, profileOf } from "./config.js";

const SECRET = "s".repeat(32);
const KEY_A = Buffer.alloc(32, 0xa).toString("base64");
const KEY_B = Buffer.alloc(32, 0xb).toString("base64");

/** The single-line message loadConfig throws for this environment. */
const failure = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected loadConfig to throw");
};

describe("loadConfig", () => {
  it("gives the embedded defaults for an empty environment", () => {
    const config = loadConfig({});
    expect(config).toEqual({
      nodeEnv: "development",
      database: {
        url: "sqlite:./data/emporium.db",
        dialect: "sqlite",
        replicaUrl: null,
        poolSize: 10,
        statementTimeoutMs: 5000,
        preparedStatements: true,
      },
      redisUrl: null,
      amqpUrl: null,
      elasticsearchUrl: null,
      stripe: null,
      smtpUrl: null,
      smtpFrom: "Emporium <no-reply@localhost>",
      jwt: { secret: null, issuer: "emporium", audience: "emporium-api" },
      http: { port: 3000, host: "127.0.0.1", trustProxy: false, corsOrigins: [], bodyLimitBytes: 1_048_576 },
      logLevel: "info",
      rateLimit: { windowMs: 60_000, max: 300, authMax: 10 },
      cacheTtl: { productSeconds: 120, listSeconds: 60, categorySeconds: 3600 },
      shop: DEFAULT_SETTINGS,
      dataKeys: { current: null, old: [] },
    });
    expect(profileOf(config)).toBe("embedded");
  });

  it("treats empty variables as unset", () => {
    const config = loadConfig({ REDIS_URL: "", PORT: " ", DATABASE_URL: "" });
    expect(config.redisUrl).toBeNull();
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBe("sqlite:./data/emporium.db");
  });

  it("reads a production environment", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://app:pw@db/emporium",
      DATABASE_REPLICA_URL: "postgresql://app@replica/emporium",
      DATABASE_POOL_SIZE: "25",
      DATABASE_STATEMENT_TIMEOUT_MS: "2000",
      DATABASE_PREPARED_STATEMENTS: "false",
      REDIS_URL: "redis://cache:6379",
      AMQP_URL: "amqp://guest:guest@mq:5672",
      ELASTICSEARCH_URL: "http://search:9200",
      STRIPE_SECRET_KEY: "sk_test_123",
      STRIPE_WEBHOOK_SECRET: "whsec_456",
      STRIPE_CAPTURE_METHOD: "manual",
      SMTP_URL: "smtp://mail:587",
      SMTP_FROM: "Shop <shop@example.com>",
      JWT_SECRET: SECRET,
      JWT_ISSUER: "shop",
      JWT_AUDIENCE: "shop-api",
      PORT: "8080",
      HOST: "0.0.0.0",
      LOG_LEVEL: "warn",
      TRUST_PROXY: "2",
      CORS_ORIGINS: "https://shop.example.com, http://localhost:5173",
      RATE_LIMIT_WINDOW_MS: "1000",
      RATE_LIMIT_MAX: "50",
      RATE_LIMIT_AUTH_MAX: "3",
      CACHE_TTL_PRODUCT_SECONDS: "300",
      CACHE_TTL_LIST_SECONDS: "0",
      CACHE_TTL_CATEGORY_SECONDS: "600",
      STORE_CURRENCY: "EUR",
      BODY_LIMIT_BYTES: "2048",
      RESERVATION_TTL_SECONDS: "600",
      SHIPPING_FLAT_RATE: "499",
      SHIPPING_FREE_OVER: "never",
      TAX_RATES: "standard:2000,reduced:500,zero:0",
    });
    expect(config.database).toEqual({
      url: "postgres://app:pw@db/emporium",
      dialect: "postgres",
      replicaUrl: "postgresql://app@replica/emporium",
      poolSize: 25,
      statementTimeoutMs: 2000,
      preparedStatements: false,
    });
    expect(config.redisUrl).toBe("redis://cache:6379");
    expect(config.amqpUrl).toBe("amqp://guest:guest@mq:5672");
    expect(config.elasticsearchUrl).toBe("http://search:9200");
    expect(config.stripe).toEqual({ secretKey: "sk_test_123", webhookSecret: "whsec_456", apiBase: null, captureMethod: "manual" });
    expect(config.smtpUrl).toBe("smtp://mail:587");
    expect(config.smtpFrom).toBe("Shop <shop@example.com>");
    expect(config.jwt).toEqual({ secret: SECRET, issuer: "shop", audience: "shop-api" });
    expect(config.http).toEqual({
      port: 8080,
      host: "0.0.0.0",
      trustProxy: 2,
      corsOrigins: ["https://shop.example.com", "http://localhost:5173"],
      bodyLimitBytes: 2048,
    });
    expect(config.logLevel).toBe("warn");
    expect(config.rateLimit).toEqual({ windowMs: 1000, max: 50, authMax: 3 });
    expect(config.cacheTtl).toEqual({ productSeconds: 300, listSeconds: 0, categorySeconds: 600 });
    expect(config.shop).toEqual({
      ...DEFAULT_SETTINGS,
      currency: "EUR",
      taxRates: { standard: 2000, reduced: 500, zero: 0 },
      shipping: { flatRate: 499, freeOver: null },
      reservationTtlSeconds: 600,
    });
    expect(profileOf(config)).toBe("production");
  });

  it.each([
    ["true", true],
    ["false", false],
    ["0", false],
    ["1", 1],
  ])("reads TRUST_PROXY=%s", (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).http.trustProxy).toBe(expected);
  });

  it("reads the personal data keys, deriving an id where none is given", () => {
    const { dataKeys } = loadConfig({ DATA_ENCRYPTION_KEY: KEY_A, DATA_ENCRYPTION_KEYS: ` 2024:${KEY_B} , ` });
    expect(dataKeys.current).toEqual({ id: expect.stringMatching(/^[0-9a-f]{8}$/), material: Buffer.alloc(32, 0xa) });
    expect(dataKeys.old).toEqual([{ id: "2024", material: Buffer.alloc(32, 0xb) }]);
    expect(loadConfig({ DATA_ENCRYPTION_KEY: KEY_A }).dataKeys.current?.id).toBe(dataKeys.current?.id);
  });

  it("never prints a data encryption key", () => {
    const short = Buffer.alloc(16, 0xc).toString("base64");
    expect(failure({ DATA_ENCRYPTION_KEY: `k1:${short}` })).not.toContain(short);
    expect(failure({ DATA_ENCRYPTION_KEY: KEY_A, DATA_ENCRYPTION_KEYS: `${KEY_B},${short}` })).not.toContain(short);
  });

  it("reads SHIPPING_FREE_OVER as minor units", () => {
    expect(loadConfig({ SHIPPING_FREE_OVER: "10000" }).shop.shipping.freeOver).toBe(10_000);
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL must start with sqlite: or postgres://, got mysql://x"],
    [{ DATABASE_URL: "mysql://root:hunter2@db/x" }, "DATABASE_URL must start with sqlite: or postgres://, got mysql://root:***@db/x"],
    [
      { DATABASE_URL: "postgres://db/x", DATABASE_REPLICA_URL: "mysql://r" },
      "DATABASE_REPLICA_URL must be a URL starting with postgres:// or postgresql://, got mysql://r",
    ],
    [{ DATABASE_REPLICA_URL: "postgres://r/x" }, "DATABASE_REPLICA_URL needs a postgres:// DATABASE_URL; unset it with SQLite"],
    [{ DATABASE_POOL_SIZE: "many" }, 'DATABASE_POOL_SIZE must be an integer from 1 to 1000, got "many"'],
    [{ DATABASE_PREPARED_STATEMENTS: "yes" }, 'DATABASE_PREPARED_STATEMENTS must be true or false, got "yes"'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: "-5" }, 'DATABASE_STATEMENT_TIMEOUT_MS must be an integer from 1 to 3600000, got "-5"'],
    [{ REDIS_URL: "localhost:6379" }, "REDIS_URL must be a URL starting with redis:// or rediss://, got localhost:6379"],
    [{ AMQP_URL: "http://mq" }, "AMQP_URL must be a URL starting with amqp:// or amqps://, got http://mq"],
    [{ ELASTICSEARCH_URL: "search:9200" }, "ELASTICSEARCH_URL must be a URL starting with http:// or https://, got search:9200"],
    [{ STRIPE_SECRET_KEY: "pk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" }, "STRIPE_SECRET_KEY must be a key starting with sk_ or rk_"],
    [{ STRIPE_SECRET_KEY: "sk_1", STRIPE_WEBHOOK_SECRET: "secret" }, "STRIPE_WEBHOOK_SECRET must be a key starting with whsec_"],
    [
      { STRIPE_SECRET_KEY: "sk_1" },
      "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together (or neither, for simulated payments)",
    ],
    [
      { STRIPE_SECRET_KEY: "sk_1", STRIPE_WEBHOOK_SECRET: "whsec_1", STRIPE_CAPTURE_METHOD: "later" },
      'STRIPE_CAPTURE_METHOD must be one of automatic, manual, got "later"',
    ],
    [{ STRIPE_API_BASE: "127.0.0.1:12111" }, "STRIPE_API_BASE must be a URL starting with http:// or https://, got 127.0.0.1:12111"],
    [{ SMTP_URL: "mail:25" }, "SMTP_URL must be a URL starting with smtp:// or smtps://, got mail:25"],
    [{ JWT_SECRET: "short" }, "JWT_SECRET must be at least 32 characters, got 5"],
    [{ NODE_ENV: "production" }, "JWT_SECRET must be set (at least 32 characters) when NODE_ENV=production"],
    [{ PORT: "70000" }, 'PORT must be an integer from 0 to 65535, got "70000"'],
    [{ PORT: "3.5" }, 'PORT must be an integer from 0 to 65535, got "3.5"'],
    [{ LOG_LEVEL: "verbose" }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
    [{ TRUST_PROXY: "yes" }, 'TRUST_PROXY must be true, false or a number of proxy hops, got "yes"'],
    [
      { CORS_ORIGINS: "https://ok.example, https://shop.example.com/" },
      'CORS_ORIGINS must be a comma-separated list of origins like https://shop.example.com (no path or trailing slash), got "https://shop.example.com/"',
    ],
    [{ RATE_LIMIT_WINDOW_MS: "0" }, 'RATE_LIMIT_WINDOW_MS must be an integer from 1 to 86400000, got "0"'],
    [{ RATE_LIMIT_MAX: "x" }, 'RATE_LIMIT_MAX must be an integer from 1 to 1000000, got "x"'],
    [{ RATE_LIMIT_AUTH_MAX: "0" }, 'RATE_LIMIT_AUTH_MAX must be an integer from 1 to 1000000, got "0"'],
    [{ CACHE_TTL_PRODUCT_SECONDS: "1m" }, 'CACHE_TTL_PRODUCT_SECONDS must be an integer from 0 to 86400, got "1m"'],
    [{ CACHE_TTL_LIST_SECONDS: "-1" }, 'CACHE_TTL_LIST_SECONDS must be an integer from 0 to 86400, got "-1"'],
    [{ CACHE_TTL_CATEGORY_SECONDS: "99999" }, 'CACHE_TTL_CATEGORY_SECONDS must be an integer from 0 to 86400, got "99999"'],
    [{ STORE_CURRENCY: "usd" }, 'STORE_CURRENCY must be an ISO 4217 code like USD, got "usd"'],
    [{ BODY_LIMIT_BYTES: "1MB" }, 'BODY_LIMIT_BYTES must be an integer from 1 to 104857600, got "1MB"'],
    [{ RESERVATION_TTL_SECONDS: "0" }, 'RESERVATION_TTL_SECONDS must be an integer from 1 to 86400, got "0"'],
    [{ SHIPPING_FLAT_RATE: "4.99" }, `SHIPPING_FLAT_RATE must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got "4.99"`],
    [{ SHIPPING_FREE_OVER: "free" }, `SHIPPING_FREE_OVER must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got "free"`],
    [
      { TAX_RATES: "standard:20%" },
      'TAX_RATES must be a list like standard:2000,reduced:500 (class:basis points from 0 to 10000), got "standard:20%"',
    ],
    [
      { TAX_RATES: "standard:20000" },
      'TAX_RATES must be a list like standard:2000,reduced:500 (class:basis points from 0 to 10000), got "standard:20000"',
    ],
    [{ TAX_RATES: "reduced:500" }, 'TAX_RATES must define the standard class, got "reduced:500"'],
    [
      { DATA_ENCRYPTION_KEY: "c2hvcnQ=" },
      "DATA_ENCRYPTION_KEY must be 32 bytes in base64, optionally after a key id and ':' (make one with `openssl rand -base64 32`), got 5 bytes",
    ],
    [
      { DATA_ENCRYPTION_KEY: "not base64!" },
      "DATA_ENCRYPTION_KEY must be 32 bytes in base64, optionally after a key id and ':' (make one with `openssl rand -base64 32`), got text that is not base64",
    ],
    [{ DATA_ENCRYPTION_KEY: `bad id:${KEY_A}` }, "DATA_ENCRYPTION_KEY has a key id before ':' that is not 1 to 32 letters, digits, - or _"],
    [
      { DATA_ENCRYPTION_KEY: KEY_A, DATA_ENCRYPTION_KEYS: `old:${KEY_B},x` },
      "DATA_ENCRYPTION_KEYS entry 2 must be 32 bytes in base64, optionally after a key id and ':' (make one with `openssl rand -base64 32`), got 0 bytes",
    ],
    [
      { DATA_ENCRYPTION_KEYS: `old:${KEY_B}` },
      "DATA_ENCRYPTION_KEYS only opens data sealed under old keys; set DATA_ENCRYPTION_KEY to the current key too",
    ],
    [
      { DATA_ENCRYPTION_KEY: `k1:${KEY_A}`, DATA_ENCRYPTION_KEYS: `k1:${KEY_B}` },
      "DATA_ENCRYPTION_KEYS: two different data encryption keys share the id k1; give each its own id",
    ],
  ])("rejects %o with one clear line", (env, message) => {
    const text = failure(env);
    expect(text).toBe(message);
    expect(text).not.toContain("\n");
  });

  it("names every variable at fault in one line", () => {
    const text = failure({ PORT: "x", LOG_LEVEL: "loud" });
    expect(text).toBe(
      'PORT must be an integer from 0 to 65535, got "x"; LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    );
  });

  it("never prints the JWT secret", () => {
    expect(failure({ JWT_SECRET: "hunter2-but-short" })).not.toContain("hunter2");
  });
});

describe("profileOf", () => {
  it.each([
    [{ DATABASE_URL: "postgres://db/x" }, "production"],
    [{ REDIS_URL: "redis://cache:6379" }, "production"],
    [{ AMQP_URL: "amqp://mq" }, "production"],
    [{ ELASTICSEARCH_URL: "http://search:9200" }, "embedded"],
    [{ DATABASE_URL: "sqlite::memory:" }, "embedded"],
  ])("%o is %s", (env, profile) => {
    expect(profileOf(loadConfig(env))).toBe(profile);
  });
});
