import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { createTestSchema, postgresUnavailable, TEST_POSTGRES_URL, type TestSchema } from "../sql/test-support/postgres.js";
import { createContainer, type EmporiumContainer } from "./create-container.js";
import { tempSqlite, type TempSqlite } from "./test-support/sqlite-file.js";
import { Tokens, UseCases } from "./tokens.js";
import { USE_CASE_CLASSES, USE_CASE_NAMES } from "./use-case-classes.js";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
const DATA_ENCRYPTION_KEY = Buffer.alloc(32, 1).toString("base64");

describe("createContainer on SQLite", () => {
  let sqlite: TempSqlite;
  let app: EmporiumContainer | undefined;

  beforeAll(() => {
    sqlite = tempSqlite();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => sqlite.remove());

  it("resolves every use case token to an instance of its class", async () => {
    app = await createContainer(sqlite.config());
    expect(USE_CASE_NAMES.length).toBeGreaterThan(40);
    for (const name of USE_CASE_NAMES) {
      expect(app.get<object>(UseCases[name])).toBeInstanceOf(USE_CASE_CLASSES[name]);
      expect(app.useCase(name)).toBe(app.get<object>(UseCases[name]));
    }
  });

  it("resolves every service token", async () => {
    app = await createContainer(sqlite.config());
    for (const [name, token] of Object.entries(Tokens)) {
      expect(app.get<unknown>(token), name).toBeDefined();
    }
    expect(app.get(Tokens.Database).dialect).toBe("sqlite");
    expect(app.get(Tokens.EventDispatcher)).toBe(app.get(Tokens.InProcessDispatcher));
    expect(app.get(Tokens.AuthRateLimiter)).not.toBe(app.get(Tokens.RateLimiter));
    expect(app.get(Tokens.AppDeps).notifier).toBe(app.get(Tokens.OnceNotifier));
  });

  it("keeps a generated JWT secret across restarts on the same file", async () => {
    app = await createContainer(sqlite.config());
    const { token } = await app.get(Tokens.TokenService).issueAccessToken({ sub: "cus-1", role: "customer" });
    await app.close();

    app = await createContainer(sqlite.config());
    expect(await app.get(Tokens.TokenService).verifyAccessToken(token)).toEqual({ sub: "cus-1", role: "customer" });
    await app.close();

    const other = tempSqlite();
    try {
      app = await createContainer(other.config());
      expect(await app.get(Tokens.TokenService).verifyAccessToken(token)).toBeNull();
    } finally {
      await app.close();
      app = undefined;
      other.remove();
    }
  });

  it("uses JWT_SECRET when it is configured", async () => {
    app = await createContainer(sqlite.config({ JWT_SECRET: SECRET }));
    const { token } = await app.get(Tokens.TokenService).issueAccessToken({ sub: "cus-2", role: "admin" });
    await app.close();

    app = await createContainer(sqlite.config({ JWT_SECRET: `${SECRET}-rotated` }));
    expect(await app.get(Tokens.TokenService).verifyAccessToken(token)).toBeNull();
  });

  it("takes the shop settings from the configuration", async () => {
    app = await createContainer(sqlite.config({ STORE_CURRENCY: "EUR", RESERVATION_TTL_SECONDS: "600" }));
    expect(app.get(Tokens.Settings)).toMatchObject({ currency: "EUR", reservationTtlSeconds: 600 });
    expect(app.get(Tokens.AppDeps).settings).toBe(app.get(Tokens.Settings));
  });

  it("stops and closes twice without failing", async () => {
    app = await createContainer(sqlite.config());
    app.startBackgroundJobs({ outboxIntervalMs: 5, sweepIntervalMs: 5 });
    await app.stopBackgroundJobs();
    await app.close();
    await expect(app.close()).resolves.toBeUndefined();
    await expect(app.get(Tokens.Repositories).products.findById("x")).rejects.toThrow();
  });
});

describe("createContainer configuration errors", () => {
  const base = (): Config => loadConfig({ DATABASE_URL: "sqlite::memory:" });

  it("rejects a DATABASE_URL of another scheme in one line naming the variable", async () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://root:hunter2@db/shop" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://root:hunter2@db/shop" })).toThrow(
      /^DATABASE_URL must start with sqlite: or postgres:\/\//,
    );

    const config = { ...base(), database: { ...base().database, url: "mysql://root:hunter2@db/shop" } };
    const failure = await createContainer(config).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/^DATABASE_URL must start with sqlite: or postgres:\/\//);
    expect(failure?.message).not.toContain("\n");
    expect(failure?.message).not.toContain("hunter2");
  });

  it("names DATABASE_URL, without its password, when the database cannot be reached", async () => {
    const config = loadConfig({ DATABASE_URL: "postgres://app:hunter2@127.0.0.1:1/shop", JWT_SECRET: SECRET, DATA_ENCRYPTION_KEY });
    const failure = await createContainer(config).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/^cannot open the database at DATABASE_URL postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/shop: /);
    expect(failure?.message).not.toContain("\n");
    expect(failure?.message).not.toContain("hunter2");
  });

  it("requires JWT_SECRET in the production profile before touching the database", async () => {
    const config = { ...base(), database: { ...base().database, url: "postgres://app@127.0.0.1:1/shop", dialect: "postgres" as const } };
    await expect(createContainer(config)).rejects.toThrow(/^JWT_SECRET must be set/);
  });

  it("requires DATA_ENCRYPTION_KEY on PostgreSQL before touching the database, in one line", async () => {
    const config = loadConfig({ DATABASE_URL: "postgres://app@127.0.0.1:1/shop", JWT_SECRET: SECRET });
    const failure = await createContainer(config).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/^DATA_ENCRYPTION_KEY must be set \(32 bytes in base64/);
    expect(failure?.message).not.toContain("\n");
  });
});

const pgSkip = await postgresUnavailable();
if (pgSkip !== null) console.warn(`skipping createContainer on PostgreSQL: ${pgSkip}`);

describe.skipIf(pgSkip !== null)("createContainer on PostgreSQL", () => {
  let schema: TestSchema;
  let app: EmporiumContainer;

  beforeAll(async () => {
    schema = await createTestSchema("container");
    app = await createContainer(loadConfig({ DATABASE_URL: TEST_POSTGRES_URL, JWT_SECRET: SECRET, DATA_ENCRYPTION_KEY }), {
      schema: schema.schema,
    });
  });
  afterAll(async () => {
    await app?.close();
    await schema?.drop();
  });

  it("resolves every use case and runs one against the database", async () => {
    expect(app.get(Tokens.Database).dialect).toBe("postgres");
    for (const name of USE_CASE_NAMES) expect(app.useCase(name)).toBeInstanceOf(USE_CASE_CLASSES[name]);

    const registered = await app
      .useCase("RegisterCustomer")
      .execute({ email: "pg@example.com", password: "correct horse battery", name: "Pg" });
    expect(registered.ok).toBe(true);
    await app.useCase("RequestPasswordReset").execute({ email: "pg@example.com" });
    await app.get(Tokens.OutboxProcessor).drain();
    const mailbox = await app.get(Tokens.Mailbox).list({ limit: 10 });
    expect(mailbox.items.map((m) => [m.to, m.template])).toEqual([["pg@example.com", "password_reset"]]);
  });

  it("searches with the PostgreSQL adapter, fed through the outbox", async () => {
    const created = await app.useCase("CreateProduct").execute({
      actor: { id: "admin", role: "admin" },
      name: "Brass Lamp",
      variants: [{ sku: "PG-LAMP", price: 4900 }],
    });
    expect(created.ok).toBe(true);
    await app.get(Tokens.OutboxProcessor).drain();
    const found = await app.get(Tokens.SearchIndex).search({ q: "brass lamp", page: 1, limit: 10 });
    expect(found.total).toBe(1);
    expect((await app.get(Tokens.OutboxRelay).status()).pending).toBe(0);
  });
});
