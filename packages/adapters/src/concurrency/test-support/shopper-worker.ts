import { parentPort } from "node:worker_threads";
import { createSqlPersistence } from "../../sql/create-sql-persistence.js";
import { runShopCommand, ShopContext, type ShopCommand } from "./shop-operations.js";

/** What the test thread asks a shopper worker. */
export type ShopperCall =
  { readonly kind: "open"; readonly url: string } | { readonly kind: "run"; readonly command: ShopCommand } | { readonly kind: "close" };

/** A call with the id its one response carries back. */
export type ShopperRequest = ShopperCall & { readonly id: number };

export type ShopperResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

// A shopper thread: its own better-sqlite3 connection to the shared file, running use cases as the test thread asks.
const port = parentPort;
if (port === null) throw new Error("shopper-worker.ts runs as a worker thread; start it through SqliteShoppers");

let context: ShopContext | null = null;

async function handle(request: ShopperRequest): Promise<unknown> {
  switch (request.kind) {
    case "open":
      await context?.persistence.close();
      context = null;
      // The test thread has migrated the file already; migrating again from every thread would only queue on the lock.
      context = new ShopContext(await createSqlPersistence({ url: request.url, migrate: false }));
      return null;
    case "run":
      if (context === null) throw new Error("open a database before running commands");
      return runShopCommand(context, request.command);
    case "close":
      await context?.persistence.close();
      context = null;
      return null;
  }
}

port.on("message", (request: ShopperRequest) => {
  handle(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies ShopperResponse),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies ShopperResponse),
  );
});
