import type { Kysely, Transaction } from "kysely";
import type { Database, SqlDialect } from "../database.js";
import type { FieldCipher } from "./field-cipher.js";

export interface ResealOptions {
  /** Rows per transaction (default 500): a batch holds its rows' locks only briefly. */
  readonly batchSize?: number;
  /** Called after each batch with the rows examined so far, for progress output. */
  readonly onBatch?: (progress: { readonly table: string; readonly examined: number; readonly resealed: number }) => void;
}

export interface ResealReport {
  /** Rows whose values were sealed again, per table. */
  readonly customers: number;
  readonly orders: number;
}

/**
 * Seals every personal data value again under the cipher's current key: values under an older
 * key, and any written before encryption existed. Batched by primary key, each batch in one
 * transaction (rows locked on PostgreSQL); values already under the current key are left alone,
 * so a second run, or a run after an interruption, does only what is left.
 */
export async function resealPersonalData(
  db: Kysely<Database>,
  dialect: SqlDialect,
  cipher: FieldCipher,
  { batchSize = 500, onBatch }: ResealOptions = {},
): Promise<ResealReport> {
  const customers = await inBatches(db, "customers", batchSize, onBatch, async (trx, afterId) => {
    let select = trx.selectFrom("customers").select(["id", "phone", "addresses"]).where("id", ">", afterId).orderBy("id").limit(batchSize);
    if (dialect === "postgres") select = select.forUpdate();
    const rows = await select.execute();
    let resealed = 0;
    for (const row of rows) {
      const phone = row.phone === null ? null : reseal(cipher, row.phone, `customers.phone:${row.id}`);
      const addresses = reseal(cipher, row.addresses, `customers.addresses:${row.id}`);
      if (phone === null && addresses === null) continue;
      await trx
        .updateTable("customers")
        .set({ ...(phone === null ? {} : { phone }), ...(addresses === null ? {} : { addresses }) })
        .where("id", "=", row.id)
        .execute();
      resealed += 1;
    }
    return { ids: rows.map((row) => row.id), resealed };
  });
  const orders = await inBatches(db, "orders", batchSize, onBatch, async (trx, afterId) => {
    let select = trx.selectFrom("orders").select(["id", "shipping_address"]).where("id", ">", afterId).orderBy("id").limit(batchSize);
    if (dialect === "postgres") select = select.forUpdate();
    const rows = await select.execute();
    let resealed = 0;
    for (const row of rows) {
      const shippingAddress = reseal(cipher, row.shipping_address, `orders.shipping_address:${row.id}`);
      if (shippingAddress === null) continue;
      await trx.updateTable("orders").set({ shipping_address: shippingAddress }).where("id", "=", row.id).execute();
      resealed += 1;
    }
    return { ids: rows.map((row) => row.id), resealed };
  });
  return { customers, orders };
}

/** The value sealed under the current key, or null when it already is. */
function reseal(cipher: FieldCipher, stored: string, context: string): string | null {
  if (!cipher.isStale(stored)) return null;
  return cipher.encrypt(cipher.decrypt(stored, context), context);
}

type BatchWork = (trx: Transaction<Database>, afterId: string) => Promise<{ ids: string[]; resealed: number }>;

async function inBatches(
  db: Kysely<Database>,
  table: string,
  batchSize: number,
  onBatch: ResealOptions["onBatch"],
  work: BatchWork,
): Promise<number> {
  let afterId = "";
  let examined = 0;
  let resealed = 0;
  for (;;) {
    const batch = await db.transaction().execute((trx) => work(trx, afterId));
    examined += batch.ids.length;
    resealed += batch.resealed;
    if (batch.ids.length > 0) onBatch?.({ table, examined, resealed });
    if (batch.ids.length < batchSize) return resealed;
    afterId = batch.ids.at(-1)!;
  }
}
