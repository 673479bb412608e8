import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { SHIPPING_ADDRESS } from "./test-support/shop-fixtures.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const SOURCE = ["--import", "tsx", "--conditions=@emporium/source"];
const PASSWORD = "correct horse battery staple";
const ADMIN_EMAIL = "ops@e2e.example.com";

const dir = mkdtempSync(join(tmpdir(), "emporium-e2e-"));
// Only what this test chooses: no REDIS_URL, AMQP_URL… inherited from the shell, so the embedded profile runs.
const env = {
  PATH: process.env["PATH"] ?? "",
  HOME: process.env["HOME"] ?? dir,
  DATABASE_URL: `sqlite:${join(dir, "shop.db")}`,
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "warn",
};
let server: ChildProcess | undefined;

// The parts of the API's answers this walk reads.
type Session = { accessToken: string };
type Page<T> = { items: T[]; nextCursor: string | null };
type Product = { name: string; variants: { sku: string; inStock: boolean; available: number }[] };
type Search = { hits: { slug: string }[] };
type Order = { id: string; status: string; trackingNumber: string | null; history: { from: string; event: string; to: string }[] };

afterAll(() => {
  if (server?.exitCode === null) server.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `src/main.ts` and resolves with the URL it prints once it listens. */
function startServer(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [...SOURCE, "packages/http/src/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Emporium is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) {
        child.stdout!.off("data", onData);
        child.stdout!.on("data", (more: Buffer) => (output += more.toString()));
        resolve({ child, url, output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the server exited with ${code} before listening:\n${output}`)));
  });
}

/** Runs the CLI from its sources against the same database; the password goes in on stdin. */
function createAdmin(email: string, password: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [...SOURCE, "packages/cli/src/main.ts", "users", "create-admin", "--email", email, "--password-stdin"],
    {
      cwd: ROOT,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(`${password}\n`);
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once("exit", (code) => resolve(code)));

it("serves a whole purchase over real HTTP, from registration to delivery, and stops cleanly on SIGTERM", async () => {
  const started = await startServer();
  server = started.child;
  const base = started.url;
  // The admin is made with the CLI while the server runs, as the start-up banner suggests; it starts now to overlap its own start-up.
  const adminCreated = createAdmin(ADMIN_EMAIL, PASSWORD);

  const call = async <T = unknown>(
    method: string,
    path: string,
    { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
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
    return { status: res.status, headers: res.headers, text, body: (text === "" ? null : JSON.parse(text)) as T };
  };
  const expectStatus = (res: { status: number; text: string }, status: number, what: string) =>
    expect(res.status, `${what}: ${res.text}`).toBe(status);

  expectStatus(await call("GET", "/healthz"), 200, "health");

  // Register, then browse the demo catalogue.
  const registered = await call<Session>("POST", "/v1/auth/register", {
    body: { email: "shopper@e2e.example.com", password: PASSWORD, name: "E2E Shopper" },
  });
  expectStatus(registered, 201, "register");
  const token = registered.body.accessToken;

  const categories = await call<Page<{ slug: string }>>("GET", "/v1/categories");
  expectStatus(categories, 200, "categories");
  expect(categories.body.items.length).toBeGreaterThan(0);

  const products = await call<Page<{ slug: string }>>("GET", "/v1/products?inStock=true&limit=10");
  expectStatus(products, 200, "products");
  expect(products.body.items.length).toBeGreaterThan(0);
  const slug = products.body.items[0]!.slug;
  const product = await call<Product>("GET", `/v1/products/${slug}`);
  expectStatus(product, 200, "product");
  const variant = product.body.variants.find((v) => v.inStock && v.available > 0);
  if (variant === undefined) expect.fail(`${slug} is listed as in stock but has no variant in stock: ${product.text}`);

  // The search index fills from the outbox in the background; ask until the product shows up.
  const query = encodeURIComponent(product.body.name);
  const found = (res: { status: number; body: Search }) => res.status === 200 && res.body.hits.some((hit) => hit.slug === slug);
  let search = await call<Search>("GET", `/v1/search?q=${query}`);
  for (let attempt = 0; attempt < 100 && !found(search); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    search = await call<Search>("GET", `/v1/search?q=${query}`);
  }
  expectStatus(search, 200, "search");
  expect(search.body.hits.map((hit) => hit.slug)).toContain(slug);

  // Cart, checkout (retried with the same key: the same answer, one order), payment.
  const added = await call<{ lines: { sku: string }[] }>("POST", "/v1/cart/items", { token, body: { sku: variant.sku, quantity: 1 } });
  expectStatus(added, 200, "add to cart");
  expect(added.body.lines.map((line) => line.sku)).toEqual([variant.sku]);

  const checkoutKey = randomUUID();
  const checkout = { token, headers: { "Idempotency-Key": checkoutKey }, body: { shippingAddress: SHIPPING_ADDRESS } };
  const placed = await call<Order>("POST", "/v1/checkout", checkout);
  expectStatus(placed, 201, "checkout");
  expect(placed.body.status).toBe("pending_payment");
  const replayed = await call("POST", "/v1/checkout", checkout);
  expect(replayed.status).toBe(201);
  expect(replayed.text).toBe(placed.text);
  const orderId = placed.body.id;

  const paid = await call<Order>("POST", `/v1/orders/${orderId}/pay`, {
    token,
    headers: { "Idempotency-Key": randomUUID() },
    body: { paymentMethod: "pm_card_visa" },
  });
  expectStatus(paid, 200, "pay");
  expect(paid.body.status).toBe("paid");

  const history = await call<Page<Order>>("GET", "/v1/orders", { token });
  expectStatus(history, 200, "order history");
  expect(history.body.items.map((order) => [order.id, order.status])).toEqual([[orderId, "paid"]]);

  // The admin made with the CLI ships and delivers it.
  const admin = await adminCreated;
  expect(admin.code, `emporium users create-admin:\n${admin.output}`).toBe(0);
  const login = await call<Session>("POST", "/v1/auth/login", { body: { email: ADMIN_EMAIL, password: PASSWORD } });
  expectStatus(login, 200, "admin login");
  const adminToken = login.body.accessToken;

  expectStatus(await call("POST", `/v1/orders/${orderId}/cancel`, { token: adminToken }), 404, "an admin is a customer on customer routes");
  const shipped = await call<Order>("POST", `/v1/admin/orders/${orderId}/ship`, {
    token: adminToken,
    body: { trackingNumber: "1Z999AA10123456784" },
  });
  expectStatus(shipped, 200, "ship");
  expect(shipped.body.status).toBe("shipped");
  const delivered = await call("POST", `/v1/admin/orders/${orderId}/deliver`, { token: adminToken });
  expectStatus(delivered, 200, "deliver");

  const mine = await call<Order>("GET", `/v1/orders/${orderId}`, { token });
  expectStatus(mine, 200, "the customer's order");
  expect(mine.body.status).toBe("delivered");
  expect(mine.body.trackingNumber).toBe("1Z999AA10123456784");
  expect(mine.body.history.map((step) => `${step.from} -${step.event}-> ${step.to}`)).toEqual([
    "pending_payment -payment_succeeded-> paid",
    "paid -ship-> shipped",
    "shipped -deliver-> delivered",
  ]);

  server.kill("SIGTERM");
  expect(await exited(server), `exit code after SIGTERM; output:\n${started.output()}`).toBe(0);
}, 120_000);
