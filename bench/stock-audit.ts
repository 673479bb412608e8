import Database from "better-sqlite3";
import pg from "pg";

export interface StockSnapshot {
  /** sku → units on hand and reserved. */
  readonly levels: ReadonlyMap<string, { readonly onHand: number; readonly reserved: number }>;
  /** sku → units in orders by status (paid, pending_payment, cancelled …). */
  readonly orderedUnits: ReadonlyMap<string, Readonly<Record<string, number>>>;
  readonly ordersByStatus: Readonly<Record<string, number>>;
}

export interface OversellAudit {
  /** Units paid for, by the database. */
  readonly paidUnits: number;
  readonly paidOrders: number;
  readonly pendingOrders: number;
  /** Units that left stock (on hand before − after) over the checkout SKUs. */
  readonly unitsOutOfStock: number;
  /** Each SKU whose stock does not add up: on hand must have dropped by exactly its paid units and stay at or above its reservations. */
  readonly problems: readonly string[];
}

/** Reads stock and order lines straight from the database, behind the API's back. */
export async function stockSnapshot(databaseUrl: string, skus: readonly string[]): Promise<StockSnapshot> {
  const levelsSql = `select sku, on_hand, reserved from stock_levels where sku in (${skus.map((_, i) => placeholder(databaseUrl, i)).join(", ")})`;
  const unitsSql = `select l.sku as sku, o.status as status, sum(l.quantity) as units from order_lines l join orders o on o.id = l.order_id group by l.sku, o.status`;
  const ordersSql = `select status, count(*) as orders from orders group by status`;
  type Level = { sku: string; on_hand: number; reserved: number };
  type Units = { sku: string; status: string; units: number | string };
  type Orders = { status: string; orders: number | string };
  let levelRows: Level[];
  let unitRows: Units[];
  let orderRows: Orders[];
  if (databaseUrl.startsWith("sqlite:")) {
    const db = new Database(databaseUrl.slice("sqlite:".length), { readonly: true, fileMustExist: true });
    try {
      levelRows = db.prepare(levelsSql).all(...skus) as Level[];
      unitRows = db.prepare(unitsSql).all() as Units[];
      orderRows = db.prepare(ordersSql).all() as Orders[];
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      levelRows = (await client.query<Level>(levelsSql, [...skus])).rows;
      unitRows = (await client.query<Units>(unitsSql)).rows;
      orderRows = (await client.query<Orders>(ordersSql)).rows;
    } finally {
      await client.end();
    }
  }
  const orderedUnits = new Map<string, Record<string, number>>();
  for (const row of unitRows) {
    const bySku = orderedUnits.get(row.sku) ?? {};
    bySku[row.status] = Number(row.units);
    orderedUnits.set(row.sku, bySku);
  }
  return {
    levels: new Map(levelRows.map((row) => [row.sku, { onHand: Number(row.on_hand), reserved: Number(row.reserved) }])),
    orderedUnits,
    ordersByStatus: Object.fromEntries(orderRows.map((row) => [row.status, Number(row.orders)])),
  };
}

/** Compares stock before and after the checkout loop with the orders the database holds. */
export function auditOversell(before: StockSnapshot, after: StockSnapshot, skus: readonly string[]): OversellAudit {
  const problems: string[] = [];
  let paidUnits = 0;
  let unitsOutOfStock = 0;
  for (const sku of skus) {
    const was = before.levels.get(sku);
    const now = after.levels.get(sku);
    if (was === undefined || now === undefined) {
      problems.push(`${sku}: no stock level`);
      continue;
    }
    const units = (snapshot: StockSnapshot, status: string) => snapshot.orderedUnits.get(sku)?.[status] ?? 0;
    const paid = units(after, "paid") - units(before, "paid");
    const pending = units(after, "pending_payment");
    paidUnits += paid;
    unitsOutOfStock += was.onHand - now.onHand;
    if (was.onHand - now.onHand !== paid) problems.push(`${sku}: on hand fell by ${was.onHand - now.onHand} but ${paid} units were paid`);
    if (now.reserved !== pending) problems.push(`${sku}: ${now.reserved} units reserved but ${pending} are in orders awaiting payment`);
    if (now.onHand < now.reserved || now.onHand < 0) problems.push(`${sku}: ${now.onHand} on hand for ${now.reserved} reserved`);
  }
  const orders = (snapshot: StockSnapshot, status: string) => snapshot.ordersByStatus[status] ?? 0;
  return {
    paidUnits,
    paidOrders: orders(after, "paid") - orders(before, "paid"),
    pendingOrders: orders(after, "pending_payment"),
    unitsOutOfStock,
    problems,
  };
}

const placeholder = (databaseUrl: string, index: number): string => (databaseUrl.startsWith("sqlite:") ? "?" : `$${index + 1}`);
