import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContainer, loadConfig, Tokens, type EmporiumContainer } from "@emporium/adapters";
import { SYSTEM_ACTOR, type CustomerView, type Result } from "@emporium/domain";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Logger } from "pino";
import type { AppEnv } from "../app-env.js";
import { createApp } from "../app.js";
import { createLogger } from "../logger.js";
import type { RouteModule } from "../routes/route-context.js";
import { TEST_COUPONS, testCatalogRows } from "./test-catalog.js";

export const TEST_JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
export const TEST_PASSWORD = "correct horse battery staple";

export interface TestAppOptions {
  /** Environment on top of the test defaults (DATABASE_URL, JWT_SECRET, high rate limits). */
  readonly env?: NodeJS.ProcessEnv;
  /** Seed the test catalogue and coupons (default true). */
  readonly seed?: boolean;
  /** Silent by default. */
  readonly logger?: Logger;
  /** Only these route groups (default: every registered one). */
  readonly modules?: readonly RouteModule[];
  /** An existing SQLite file to open instead of a fresh one; it is left in place on close. */
  readonly databaseUrl?: string;
}

export interface RegisteredCustomer {
  readonly customer: CustomerView;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly email: string;
  readonly password: string;
}

// Tests read whatever shape a route answers; `any` by default spares every test a cast.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface JsonResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON for JSON and problem responses, the text otherwise, null when empty. */
  readonly body: T;
}

export interface RequestOptions {
  readonly token?: string;
  /** Sent as JSON unless it is a string (sent as it is). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TestApp {
  readonly app: OpenAPIHono<AppEnv>;
  readonly container: EmporiumContainer;
  /** `sqlite:<file>` of this app's database. */
  readonly databaseUrl: string;
  /** Registers a customer through the use case (no rate limit) and returns its session. */
  registerCustomer(email?: string, name?: string): Promise<RegisteredCustomer>;
  /** An access token of the admin `admin@example.com`, created on first use. */
  adminToken(): Promise<string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json<T = any>(method: string, path: string, options?: RequestOptions): Promise<JsonResponse<T>>;
  /** Delivers every committed outbox event (search index, mails, stock events). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const unwrap = <T>(result: Result<T, { code: string; message: string }>, what: string): T => {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
};

/**
 * The whole HTTP app over real SQLite adapters in a fresh temporary file, seeded with the
 * test catalogue (see test-catalog.ts) and indexed for search, plus helpers for tokens and
 * JSON requests. Rate limits are high unless `env` sets RATE_LIMIT_*. Close it after the test.
 */
export async function createTestApp({ env = {}, seed = true, logger, modules, databaseUrl }: TestAppOptions = {}): Promise<TestApp> {
  const dir = databaseUrl === undefined ? mkdtempSync(join(tmpdir(), "emporium-http-")) : undefined;
  const url = databaseUrl ?? `sqlite:${join(dir!, "shop.db")}`;
  const config = loadConfig({
    DATABASE_URL: url,
    JWT_SECRET: TEST_JWT_SECRET,
    RATE_LIMIT_MAX: "1000000",
    RATE_LIMIT_AUTH_MAX: "1000000",
    LOG_LEVEL: "silent",
    ...env,
  });
  const container = await createContainer(config);
  const processor = container.get(Tokens.OutboxProcessor);
  try {
    if (seed) await seedTestCatalog(container);
    await processor.drain();
  } catch (error) {
    await container.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const app = createApp({ container, logger: logger ?? createLogger({ level: "silent" }), ...(modules ? { modules } : {}) });

  let customers = 0;
  let admin: Promise<string> | undefined;

  const registerCustomer = async (email = `customer-${++customers}@example.com`, name = "Test Customer"): Promise<RegisteredCustomer> => {
    const registered = unwrap(await container.useCase("RegisterCustomer").execute({ email, password: TEST_PASSWORD, name }), "register");
    const { customer, accessToken, refreshToken } = registered;
    return { customer, accessToken, refreshToken, email, password: TEST_PASSWORD };
  };

  const adminToken = () => {
    admin ??= (async () => {
      const email = "admin@example.com";
      unwrap(await container.useCase("CreateAdmin").execute({ email, password: TEST_PASSWORD, name: "Test Admin" }), "create admin");
      const session = unwrap(await container.useCase("AuthenticateCustomer").execute({ email, password: TEST_PASSWORD }), "admin login");
      return session.accessToken;
    })();
    return admin;
  };

  const json = async <T>(method: string, path: string, { token, body, headers = {} }: RequestOptions = {}): Promise<JsonResponse<T>> => {
    const init: RequestInit = {
      method,
      headers: {
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    };
    const res = await app.request(path, init);
    const text = await res.text();
    const type = res.headers.get("Content-Type") ?? "";
    const parsed = text === "" ? null : /json/.test(type) ? (JSON.parse(text) as unknown) : text;
    return { status: res.status, headers: res.headers, body: parsed as T };
  };

  return {
    app,
    container,
    databaseUrl: url,
    registerCustomer,
    adminToken,
    json,
    drain: () => processor.drain(),
    close: async () => {
      await container.close();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Imports the test catalogue and creates its coupons. */
export async function seedTestCatalog(container: EmporiumContainer): Promise<void> {
  const report = unwrap(await container.useCase("ImportProducts").execute({ actor: SYSTEM_ACTOR, rows: testCatalogRows() }), "import");
  const rejected = report.rows.filter((row) => typeof row.outcome !== "string");
  if (rejected.length > 0) throw new Error(`test catalogue rows rejected: ${JSON.stringify(rejected)}`);
  const promotions = container.useCase("CreatePromotion");
  unwrap(await promotions.execute({ actor: SYSTEM_ACTOR, code: TEST_COUPONS.percentOff, kind: "percent_off", value: 1000 }), "coupon");
  unwrap(await promotions.execute({ actor: SYSTEM_ACTOR, code: TEST_COUPONS.freeShipping, kind: "free_shipping" }), "coupon");
}
