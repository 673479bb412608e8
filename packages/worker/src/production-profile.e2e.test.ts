import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createContainer, loadConfig, seedDemo } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { shareBroker } from "../../adapters/src/messaging/rabbitmq/test-support/broker-lock.js";
import { rabbitMqUnavailable, TEST_AMQP_URL } from "../../adapters/src/messaging/rabbitmq/test-support/rabbitmq.js";
import {
  dropPrefixAndClose,
  redisUnavailable,
  testPrefix,
  testRedisClient,
  testRedisUrl,
} from "../../adapters/src/redis/test-support/test-redis.js";
import { postgresAdmin, postgresUnavailable, TEST_POSTGRES_URL } from "../../adapters/src/sql/test-support/postgres.js";

// The production profile end to end (DESIGN §7, §8): two HTTP servers and one worker, each a
// process of its own started from the sources, over PostgreSQL, Redis and RabbitMQ. Only the
// worker relays the outbox, consumes the queues and sweeps reservations, so a mail or an expiry
// seen here went through it.

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SOURCE = ["--conditions=@emporium/source", "--import", "tsx"];
const run = promisify(execFile);

const PASSWORD = "correct horse battery staple";
const ADMIN_EMAIL = "ops@production-e2e.example.com";
const CUSTOMER_EMAIL = "shopper@production-e2e.example.com";
const SHIPPING_ADDRESS = { name: "Ada Lovelace", line1: "12 St James's Square", city: "London", postalCode: "SW1Y 4JH", country: "GB" };
// Short enough that the unpaid checkout lapses within the test, long enough for a checkout to be paid right after it is placed.
const RESERVATION_TTL_SECONDS = 12;
const DEADLINE_MS = 45_000;

const missing = (await postgresUnavailable()) ?? (await redisUnavailable()) ?? (await rabbitMqUnavailable());
if (missing !== null) console.warn(`skipping the production profile end to end: ${missing}`);

// The parts of the API's answers this test reads.
type Session = { accessToken: string };
type Money = { amount: number; currency: string };
type Product = { id: string; slug: string; name: string; variants: { sku: string; price: Money; available: number }[] };
type StockLevel = { sku: string; onHand: number; reserved: number; available: number };
type Order = { id: string; number: string; status: string; history: { from: string; event: string; to: string }[] };
type Mail = { to: string; template: string; subject: string; data: Record<string, unknown> };
type Page<T> = { items: T[]; nextCursor: string | null };

interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  output(): string;
}

const children: Child[] = [];
// Should vitest itself go down, the children go with it.
const killChildren = () => {
  for (const child of children) if (child.process.exitCode === null) child.process.kill("SIGKILL");
};
process.once("exit", killChildren);

/** Starts a program from its sources and resolves with what `ready` finds in its output. */
function start(name: string, main: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: Child; match: RegExpExecArray }> {
  const proc = spawn(process.execPath, [...SOURCE, main], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const child: Child = { name, process: proc, output: () => output };
  children.push(child);
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match !== null) resolve({ child, match });
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    proc.once("exit", (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
}

async function stop(child: Child): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

const rabbitmqctl = (...args: string[]) => run("rabbitmqctl", args, { timeout: 60_000 });

/** Asks `probe` until it answers something other than undefined, or fails with `what` once DEADLINE_MS has passed. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Response<T> {
  readonly status: number;
  readonly text: string;
  readonly body: T;
}

/** One HTTP server's API. */
function client(base: string) {
  return async <T = unknown>(
    method: string,
    path: string,
    { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response<T>> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: (text !== "" && text.startsWith("{") ? JSON.parse(text) : text) as T };
  };
}

const outputs = () => children.map((c) => `--- ${c.name}:\n${c.output()}`).join("\n");

const expectStatus = (res: { status: number; text: string }, status: number, what: string) =>
  expect(res.status, `${what}: ${res.text}`).toBe(status);

describe.skipIf(missing !== null)("the production profile: two HTTP servers and a worker over PostgreSQL, Redis and RabbitMQ", () => {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const database = `emporium_e2e_${id}`;
  const vhost = `emporium-e2e-${id}`;
  const redisPrefix = testPrefix("production-e2e");
  const cleanups: (() => Promise<unknown>)[] = [];
  let one: ReturnType<typeof client>;
  let two: ReturnType<typeof client>;
  let adminToken: string;

  beforeAll(async () => {
    const release = await shareBroker();
    cleanups.push(async () => release());

    await postgresAdmin(`create database ${database}`);
    cleanups.push(() => postgresAdmin(`drop database if exists ${database} with (force)`));
    cleanups.push(async () => dropPrefixAndClose(await testRedisClient(), redisPrefix));
    await rabbitmqctl("add_vhost", vhost);
    cleanups.push(() => rabbitmqctl("delete_vhost", vhost));
    await rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");

    const databaseUrl = new URL(TEST_POSTGRES_URL);
    databaseUrl.pathname = `/${database}`;
    // Only what this test chooses: nothing inherited from the shell but where to find programs.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? ROOT,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: testRedisUrl(redisPrefix),
      AMQP_URL: `${TEST_AMQP_URL}/${encodeURIComponent(vhost)}`,
      JWT_SECRET: randomBytes(32).toString("base64url"),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      RESERVATION_TTL_SECONDS: String(RESERVATION_TTL_SECONDS),
      CACHE_TTL_PRODUCT_SECONDS: "3600",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "warn",
      WORKER_METRICS_PORT: "0",
      WORKER_SWEEP_INTERVAL_MS: "500",
    };

    // Migrate and seed once, before any server starts (each would otherwise seed an empty shop).
    const setup = await createContainer(loadConfig(env));
    try {
      const seeded = await seedDemo(setup, { products: 12 });
      expect(seeded.seeded).toBe(true);
      const admin = await setup.useCase("CreateAdmin").execute({ email: ADMIN_EMAIL, name: "Ops", password: PASSWORD });
      expect(admin.ok, JSON.stringify(admin)).toBe(true);
    } finally {
      await setup.close();
    }

    const running = /Emporium is running at (http:\/\/\S+)/;
    const [first, second] = await Promise.all([
      start("server 1", "packages/http/src/main.ts", env, running),
      start("server 2", "packages/http/src/main.ts", env, running),
      start("worker", "packages/worker/src/main.ts", env, /Emporium worker consuming \d+ queues/),
    ]);
    one = client(first.match[1]!);
    two = client(second.match[1]!);

    const login = await one<Session>("POST", "/v1/auth/login", { body: { email: ADMIN_EMAIL, password: PASSWORD } });
    expectStatus(login, 200, "admin login");
    adminToken = login.body.accessToken;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(children.map(stop));
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.warn(`cleanup failed: ${String(error)}`));
  }, 60_000);

  /** The stock level of a SKU, read by an admin from the database (catalogue reads may be cached). */
  async function stockOf(sku: string): Promise<StockLevel> {
    let cursor: string | null = null;
    do {
      const page: Response<Page<StockLevel>> = await one<Page<StockLevel>>(
        "GET",
        `/v1/admin/inventory?limit=100${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`,
        { token: adminToken },
      );
      expectStatus(page, 200, "admin inventory");
      const level = page.body.items.find((item) => item.sku === sku);
      if (level !== undefined) return level;
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    throw new Error(`${sku} is not in the low-stock list although its threshold is above its stock`);
  }

  it("serves an admin's change from the other server, mails the confirmation and expires an unpaid checkout through the worker", async () => {
    onTestFailed(() => console.error(`what the servers and the worker wrote:\n${outputs()}`));
    // (a) Server 2 caches a product in Redis; an admin changes it through server 1; server 2 serves the change.
    const listed = await two<Page<{ slug: string }>>("GET", "/v1/products?inStock=true&limit=20");
    expectStatus(listed, 200, "product list");
    const candidates = await Promise.all(listed.body.items.map((item) => two<Product>("GET", `/v1/products/${item.slug}`)));
    const product = candidates.map((res) => res.body).find((p) => p.variants.some((v) => v.available >= 5));
    if (product === undefined) expect.fail(`no listed product has a variant with 5 units to sell: ${listed.text}`);
    const variant = product.variants.find((v) => v.available >= 5)!;
    // Read until server 2 answers it from Redis (a cache write may time out on a busy machine; the next read stores it).
    await eventually("server 2 to serve the product from its cache", async () => {
      const cached = await two<Product>("GET", `/v1/products/${product.slug}`);
      expect(cached.body.name).toBe(product.name);
      const metrics = await two<string>("GET", "/metrics");
      return /^cache_hits_total\{cache="product"\} [1-9]/m.test(metrics.text) ? true : undefined;
    });

    const newName = `${product.name} (revised)`;
    const newPrice = variant.price.amount + 111;
    expectStatus(await one("PATCH", `/v1/admin/products/${product.id}`, { token: adminToken, body: { name: newName } }), 200, "rename");
    // The threshold puts the SKU on the admin's low-stock list, where its figures are read below.
    const repriced = await one("PATCH", `/v1/admin/products/${product.id}/variants/${encodeURIComponent(variant.sku)}`, {
      token: adminToken,
      body: { price: { amount: newPrice, currency: variant.price.currency }, lowStockThreshold: 1_000_000 },
    });
    expectStatus(repriced, 200, "reprice");

    // The entry cached before the change would live on for CACHE_TTL_PRODUCT_SECONDS (an hour here): only the
    // version bump made by server 1 retires it. A bump that times out is retried until it lands, hence the polling.
    const fresh = await eventually("server 2 to serve the changed product", async () => {
      const res = await two<Product>("GET", `/v1/products/${product.slug}`);
      expectStatus(res, 200, "the product from server 2 after the change");
      return res.body.name === newName ? res.body : undefined;
    });
    expect(fresh.variants.find((v) => v.sku === variant.sku)?.price.amount).toBe(newPrice);

    // (b) A customer registers on one server and checks out on the other; the worker relays order.placed and mails the confirmation.
    const before = await stockOf(variant.sku);
    const registered = await two<Session>("POST", "/v1/auth/register", {
      body: { email: CUSTOMER_EMAIL, password: PASSWORD, name: "Shopper" },
    });
    expectStatus(registered, 201, "register");
    const token = registered.body.accessToken;
    expectStatus(await two("POST", "/v1/cart/items", { token, body: { sku: variant.sku, quantity: 1 } }), 200, "add to cart");
    const placed = await one<Order>("POST", "/v1/checkout", {
      token,
      headers: { "Idempotency-Key": randomUUID() },
      body: { shippingAddress: SHIPPING_ADDRESS },
    });
    expectStatus(placed, 201, "checkout");
    // Paid on the other server: a payment must not depend on the instance that created it.
    const paid = await two<Order>("POST", `/v1/orders/${placed.body.id}/pay`, {
      token,
      headers: { "Idempotency-Key": randomUUID() },
      body: { paymentMethod: "pm_card_visa" },
    });
    expectStatus(paid, 200, "pay");
    expect(paid.body.status).toBe("paid");

    const confirmation = await eventually("the order confirmation in the mailbox", async () => {
      const mailbox = await one<Page<Mail>>("GET", "/v1/admin/mailbox?limit=100", { token: adminToken });
      expectStatus(mailbox, 200, "mailbox");
      const mails = mailbox.body.items.filter((mail) => mail.to === CUSTOMER_EMAIL && mail.template === "order_confirmation");
      return mails.length > 0 ? mails : undefined;
    });
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]!.data["orderNumber"]).toBe(placed.body.number);

    const sold = await stockOf(variant.sku);
    expect(sold).toMatchObject({ onHand: before.onHand - 1, reserved: before.reserved, available: before.available - 1 });

    // (c) A checkout left unpaid holds its units until the worker expires it; then they come back.
    expectStatus(await one("POST", "/v1/cart/items", { token, body: { sku: variant.sku, quantity: 2 } }), 200, "add to cart again");
    const unpaid = await two<Order>("POST", "/v1/checkout", {
      token,
      headers: { "Idempotency-Key": randomUUID() },
      body: { shippingAddress: SHIPPING_ADDRESS },
    });
    expectStatus(unpaid, 201, "second checkout");
    expect(unpaid.body.status).toBe("pending_payment");
    const held = await stockOf(variant.sku);
    const afterHeld = await one<Order>("GET", `/v1/orders/${unpaid.body.id}`, { token });
    // Expiry releases the units and cancels the order in one transaction: still pending after the read means held during it.
    if (afterHeld.body.status === "pending_payment") {
      expect(held).toMatchObject({ onHand: sold.onHand, reserved: sold.reserved + 2, available: sold.available - 2 });
    }

    const expired = await eventually("the unpaid order to expire", async () => {
      const order = await one<Order>("GET", `/v1/orders/${unpaid.body.id}`, { token });
      expectStatus(order, 200, "the unpaid order");
      return order.body.status === "pending_payment" ? undefined : order.body;
    });
    expect(expired.status).toBe("cancelled");
    expect(expired.history.map((step) => `${step.from} -${step.event}-> ${step.to}`)).toEqual([
      "pending_payment -reservation_expired-> cancelled",
    ]);
    expect(await stockOf(variant.sku)).toMatchObject({ onHand: sold.onHand, reserved: sold.reserved, available: sold.available });
  }, 120_000);
});
