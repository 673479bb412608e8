import { ok, type CartLine, type DomainEventType, type Product, type StockLevel } from "@emporium/domain";
import { flag, fromJson, iso, json } from "../../sql/codec.js";
import type { SqlPersistence } from "../../sql/create-sql-persistence.js";
import { SHOP_OPENS_AT } from "./shop-operations.js";

const OPENED = new Date(SHOP_OPENS_AT);

/** One active product with a variant per SKU, each with `stock[sku]` on hand and nothing reserved. */
export async function stockProduct(persistence: SqlPersistence, stock: Readonly<Record<string, number>>): Promise<void> {
  const skus = Object.keys(stock);
  const product: Product = {
    id: `prod-${skus.join("-").toLowerCase()}`,
    slug: `things-${skus.join("-").toLowerCase()}`,
    name: "Things",
    description: "",
    brand: null,
    status: "active",
    featured: false,
    taxClass: "standard",
    categoryIds: [],
    images: [],
    attributes: {},
    variants: skus.map((sku) => ({ sku, options: { kind: sku }, price: 1000, status: "active", lowStockThreshold: 2 })),
    rating: { average: 0, count: 0 },
    relatedProductIds: [],
    createdAt: OPENED,
    updatedAt: OPENED,
  };
  await persistence.uow.run(async (tx) => {
    await tx.products.save(product);
    for (const sku of skus) {
      await tx.inventory.ensure(sku, 2);
      const level = await tx.inventory.applyDelta(sku, { onHand: stock[sku] ?? 0, reserved: 0 });
      if (level === null) throw new Error(`could not stock ${sku}`);
    }
    return ok(undefined);
  });
}

/**
 * A customer per entry of `carts`, each with a cart holding those lines; their ids, in the same order.
 * Written in a few multi-row INSERTs: row by row through the repositories, seeding 500 shoppers
 * would take longer than the checkouts under test.
 */
export async function customersWithCarts(persistence: SqlPersistence, carts: readonly (readonly CartLine[])[]): Promise<string[]> {
  const ids = carts.map((_, index) => `cust-${String(index).padStart(4, "0")}`);
  const at = iso(OPENED);
  const customers = ids.map((id) => ({
    id,
    email: `${id}@example.test`,
    name: `Shopper ${id}`,
    phone: null,
    addresses: json([]),
    password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    role: "customer",
    disabled: flag(false),
    created_at: at,
    updated_at: at,
  }));
  const cartRows = ids.map((id) => ({ id: `cart-${id}`, customer_id: id, token: null, coupon_code: null, created_at: at, updated_at: at }));
  const lineRows = ids.flatMap((id, index) =>
    (carts[index] ?? []).map((line, position) => ({ cart_id: `cart-${id}`, position, sku: line.sku, quantity: line.quantity })),
  );
  await persistence.uow.runWith(async (_tx, trx) => {
    for (const rows of chunks(customers)) await trx.insertInto("customers").values(rows).execute();
    for (const rows of chunks(cartRows)) await trx.insertInto("carts").values(rows).execute();
    for (const rows of chunks(lineRows)) await trx.insertInto("cart_lines").values(rows).execute();
    return ok(undefined);
  });
  return ids;
}

// Small enough for any limit on bound parameters per statement.
function chunks<T>(rows: readonly T[], size = 200): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

export async function stockLevel(persistence: SqlPersistence, sku: string): Promise<StockLevel> {
  const [level] = await persistence.repos.inventory.findManyBySkus([sku]);
  if (level === undefined) throw new Error(`no stock level for ${sku}`);
  return level;
}

/** Payloads of the committed outbox events of one type, oldest first. */
export async function outboxPayloads(persistence: SqlPersistence, type: DomainEventType): Promise<Record<string, unknown>[]> {
  const rows = await persistence.database.db.selectFrom("outbox").select("payload").where("type", "=", type).orderBy("seq").execute();
  return rows.map((row) => fromJson<Record<string, unknown>>(row.payload));
}

/** Every reservation, with its lines. */
export async function reservations(
  persistence: SqlPersistence,
): Promise<{ id: string; status: string; lines: { sku: string; quantity: number }[] }[]> {
  const { db } = persistence.database;
  const heads = await db.selectFrom("reservations").select(["id", "status"]).orderBy("id").execute();
  const lines = await db
    .selectFrom("reservation_lines")
    .select(["reservation_id", "sku", "quantity"])
    .orderBy("reservation_id")
    .orderBy("position")
    .execute();
  return heads.map((head) => ({
    ...head,
    lines: lines.filter((line) => line.reservation_id === head.id).map(({ sku, quantity }) => ({ sku, quantity })),
  }));
}
