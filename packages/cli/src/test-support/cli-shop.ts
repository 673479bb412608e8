import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createContainer, loadConfig, type EmporiumContainer } from "@emporium/adapters";
import type { Order, Result } from "@emporium/domain";
import { createTestSchema, postgresUnavailable, TEST_POSTGRES_URL } from "../../../adapters/src/sql/test-support/postgres.js";
import { runCli } from "../run-cli.js";
import { captureIo } from "./capture-io.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One empty shop for CLI tests: its environment, a directory for files, and `emporium` run in process against it. */
export interface CliShop {
  readonly dialect: "sqlite" | "postgres";
  readonly env: NodeJS.ProcessEnv;
  /** A temporary directory for the test's files; removed on close. */
  readonly dir: string;
  run(argv: readonly string[], stdin?: string): Promise<CliResult>;
  /** A container on the same database, for setting up and checking; closed with the shop. */
  container(): Promise<EmporiumContainer>;
  close(): Promise<void>;
}

export interface CliTarget {
  readonly dialect: "sqlite" | "postgres";
  /** Null when the target runs here; otherwise why not, in one line (throws under CI=true). */
  unavailable(): Promise<string | null>;
  open(): Promise<CliShop>;
}

const BASE_ENV = { LOG_LEVEL: "silent", USER: "tester" };
// PostgreSQL is the production profile, which needs a configured JWT secret and encryption key.
const PRODUCTION_ENV = {
  JWT_SECRET: "cli-test-secret-that-is-long-enough-0123456789",
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

/** SQLite in a temporary file, and PostgreSQL in a fresh schema named by DATABASE_URL's search_path. */
export function cliTargets(): CliTarget[] {
  return [
    { dialect: "sqlite", unavailable: async () => null, open: openSqliteShop },
    {
      dialect: "postgres",
      unavailable: postgresUnavailable,
      open: async () => {
        const schema = await createTestSchema("cli");
        const url = new URL(TEST_POSTGRES_URL);
        url.searchParams.set("options", `-c search_path=${schema.schema}`);
        return shopOver("postgres", { ...BASE_ENV, DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "3", ...PRODUCTION_ENV }, () =>
          schema.drop(),
        );
      },
    },
  ];
}

export function openSqliteShop(): Promise<CliShop> {
  return shopOver("sqlite", null, async () => undefined);
}

async function shopOver(dialect: CliShop["dialect"], env: NodeJS.ProcessEnv | null, cleanUp: () => Promise<void>): Promise<CliShop> {
  const dir = mkdtempSync(join(tmpdir(), "emporium-cli-"));
  const shopEnv = env ?? { ...BASE_ENV, DATABASE_URL: `sqlite:${join(dir, "shop.db")}` };
  let opened: Promise<EmporiumContainer> | undefined;
  return {
    dialect,
    env: shopEnv,
    dir,
    run: (argv, stdin = "") => runIn(shopEnv, argv, stdin),
    container: () => (opened ??= createContainer(loadConfig(shopEnv))),
    close: async () => {
      if (opened !== undefined) await (await opened).close();
      await cleanUp();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `emporium` in process with captured output. */
export async function runIn(env: NodeJS.ProcessEnv, argv: readonly string[], stdin = ""): Promise<CliResult> {
  const captured = captureIo(env, stdin);
  const code = await runCli(argv, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

const unwrap = <T>(result: Result<T, { code: string; message: string }>, what: string): T => {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** A customer who buys `quantity` of `sku`; the order is paid unless `pay` is false. */
export async function placeOrder(
  container: EmporiumContainer,
  { email, sku, quantity, pay = true }: { email: string; sku: string; quantity: number; pay?: boolean },
): Promise<Order> {
  const { customer } = unwrap(
    await container.useCase("RegisterCustomer").execute({ email, password: "correct horse battery staple", name: "Ada Buyer" }),
    "register",
  );
  unwrap(await container.useCase("AddCartItem").execute({ customerId: customer.id, sku, quantity }), "add to cart");
  const order = unwrap(
    await container.useCase("PlaceOrder").execute({
      customerId: customer.id,
      shippingAddress: { name: "Ada Buyer", line1: "1 Analytical Way", city: "London", postalCode: "N1 7AA", country: "GB" },
    }),
    "checkout",
  );
  if (!pay) return order;
  return unwrap(
    await container.useCase("PayOrder").execute({ orderId: order.id, customerId: customer.id, paymentMethod: "pm_card_visa" }),
    "pay",
  );
}
