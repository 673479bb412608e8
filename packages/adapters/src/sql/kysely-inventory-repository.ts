import { sql, type Kysely, type Selectable } from "kysely";
import type {
  InventoryRepository,
  MovementReason,
  Page,
  PageRequest,
  Reservation,
  ReservationStatus,
  SkuForSale,
  StockDelta,
  StockLevel,
  StockMovement,
} from "@emporium/domain";
import { chunks } from "./chunks.js";
import { fromJson, iso, toDate } from "./codec.js";
import type { Database, SqlDialect, StockLevelsTable } from "./database.js";
import { insertWithLines } from "./insert-with-lines.js";
import { after, decodeCursor, orderBy, pageLimit, toPage, type SortKey } from "./keyset.js";

const MOVEMENT_KEYS: readonly SortKey[] = [
  { expression: sql.ref("at"), descending: true, type: "string" },
  { expression: sql.ref("id"), descending: true, type: "string" },
];
const LOW_KEYS: readonly SortKey[] = [{ expression: sql.ref("sku"), descending: false, type: "string" }];

/** SKUs per `in (…)` list. */
const IN_LIST = 1000;

export class KyselyInventoryRepository implements InventoryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect = "sqlite",
  ) {}

  /** SKU order: the order in which a checkout locks them. */
  async findManyBySkus(skus: readonly string[]): Promise<StockLevel[]> {
    if (skus.length === 0) return [];
    const rows: Selectable<StockLevelsTable>[] = [];
    for (const run of chunks([...new Set(skus)].sort(), IN_LIST)) {
      rows.push(...(await this.db.selectFrom("stock_levels").selectAll().where("sku", "in", run).orderBy("sku").execute()));
    }
    return rows.map(toLevel);
  }

  /** One statement per thousand SKUs: the variant joined to its product and (left) to its stock row. */
  async findForSale(skus: readonly string[]): Promise<SkuForSale[]> {
    const found: SkuForSale[] = [];
    for (const run of chunks([...new Set(skus)].sort(), IN_LIST)) {
      const rows = await this.db
        .selectFrom("variants")
        .innerJoin("products", "products.id", "variants.product_id")
        .leftJoin("stock_levels", "stock_levels.sku", "variants.sku")
        .select([
          "variants.sku",
          "variants.price",
          "variants.options",
          "variants.status as variant_status",
          "products.id as product_id",
          "products.slug",
          "products.name",
          "products.status as product_status",
          "products.tax_class",
          "stock_levels.on_hand",
          "stock_levels.reserved",
          "stock_levels.low_stock_threshold",
        ])
        .where("variants.sku", "in", run)
        .orderBy("variants.sku")
        .execute();
      for (const row of rows) {
        found.push({
          sku: row.sku,
          price: row.price,
          options: fromJson<Record<string, string>>(row.options),
          variantStatus: row.variant_status as SkuForSale["variantStatus"],
          product: {
            id: row.product_id,
            slug: row.slug,
            name: row.name,
            status: row.product_status as SkuForSale["product"]["status"],
            taxClass: row.tax_class,
          },
          level:
            row.on_hand === null || row.reserved === null || row.low_stock_threshold === null
              ? null
              : { sku: row.sku, onHand: row.on_hand, reserved: row.reserved, lowStockThreshold: row.low_stock_threshold },
        });
      }
    }
    return found;
  }

  async ensure(sku: string, lowStockThreshold: number): Promise<void> {
    await this.db
      .insertInto("stock_levels")
      .values({ sku, on_hand: 0, reserved: 0, low_stock_threshold: lowStockThreshold })
      .onConflict((oc) => oc.column("sku").doUpdateSet({ low_stock_threshold: lowStockThreshold }))
      .execute();
  }

  async ensureMany(levels: readonly { readonly sku: string; readonly lowStockThreshold: number }[]): Promise<void> {
    for (const run of chunks(levels, 1000)) {
      await this.db
        .insertInto("stock_levels")
        .values(run.map(({ sku, lowStockThreshold }) => ({ sku, on_hand: 0, reserved: 0, low_stock_threshold: lowStockThreshold })))
        .onConflict((oc) => oc.column("sku").doUpdateSet((eb) => ({ low_stock_threshold: eb.ref("excluded.low_stock_threshold") })))
        .execute();
    }
  }

  /**
   * One conditional UPDATE … FROM (VALUES …) per thousand SKUs: each row moves only when its own
   * result keeps the invariant, judged on the row the database holds.
   */
  async applyDeltas(changes: readonly { readonly sku: string; readonly delta: StockDelta }[]): Promise<(StockLevel | null)[]> {
    const applied = new Map<string, StockLevel>();
    // In SKU order, the order in which checkouts lock their rows.
    const ordered = [...changes].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    for (const run of chunks(ordered, 1000)) {
      const values = sql.join(
        run.map(({ sku, delta }) => sql`(cast(${sku} as text), cast(${delta.onHand} as integer), cast(${delta.reserved} as integer))`),
      );
      const { rows } = await sql<Selectable<StockLevelsTable>>`
        update stock_levels as s
        set on_hand = s.on_hand + d.column2, reserved = s.reserved + d.column3
        from (values ${values}) as d
        where s.sku = d.column1
          and s.reserved + d.column3 >= 0
          and s.reserved + d.column3 <= s.on_hand + d.column2
        returning sku, on_hand, reserved, low_stock_threshold`.execute(this.db);
      for (const row of rows) applied.set(row.sku, toLevel(row));
    }
    return changes.map(({ sku }) => applied.get(sku) ?? null);
  }

  /** One conditional UPDATE: the invariant is checked by the row the database holds, not a copy read earlier. */
  async applyDelta(sku: string, delta: StockDelta): Promise<StockLevel | null> {
    const row = await this.db
      .updateTable("stock_levels")
      .set((eb) => ({
        on_hand: eb("on_hand", "+", delta.onHand),
        reserved: eb("reserved", "+", delta.reserved),
      }))
      .where("sku", "=", sku)
      .where((eb) => eb(eb("reserved", "+", delta.reserved), ">=", 0))
      .where((eb) => eb(eb("reserved", "+", delta.reserved), "<=", eb("on_hand", "+", delta.onHand)))
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toLevel(row);
  }

  async insertMovement(movement: StockMovement): Promise<void> {
    await this.insertMovements([movement]);
  }

  async insertMovements(movements: readonly StockMovement[]): Promise<void> {
    for (const run of chunks(movements, 500)) {
      await this.db
        .insertInto("inventory_movements")
        .values(
          run.map((movement) => ({
            id: movement.id,
            sku: movement.sku,
            delta: movement.delta,
            reason: movement.reason,
            actor: movement.actor,
            note: movement.note,
            order_id: movement.orderId,
            at: iso(movement.at),
          })),
        )
        .execute();
    }
  }

  /** Newest first. */
  async listMovements(sku: string, page: PageRequest): Promise<Page<StockMovement>> {
    const limit = pageLimit(page);
    let select = this.db.selectFrom("inventory_movements").selectAll().where("sku", "=", sku);
    if (page.cursor) select = select.where(after(MOVEMENT_KEYS, decodeCursor(page.cursor, MOVEMENT_KEYS)));
    const rows = await select
      .orderBy(orderBy(MOVEMENT_KEYS))
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row) => [toDate(row.at).toISOString(), row.id],
      (pageRows) =>
        pageRows.map((row) => ({
          id: row.id,
          sku: row.sku,
          delta: row.delta,
          reason: row.reason as MovementReason,
          actor: row.actor,
          note: row.note,
          orderId: row.order_id,
          at: toDate(row.at),
        })),
    );
  }

  /** Levels with `onHand - reserved <= lowStockThreshold`, SKU order. */
  async listLow(page: PageRequest): Promise<Page<StockLevel>> {
    const limit = pageLimit(page);
    let select = this.db
      .selectFrom("stock_levels")
      .selectAll()
      .where((eb) => eb(eb("on_hand", "-", eb.ref("reserved")), "<=", eb.ref("low_stock_threshold")));
    if (page.cursor) select = select.where(after(LOW_KEYS, decodeCursor(page.cursor, LOW_KEYS)));
    const rows = await select
      .orderBy(orderBy(LOW_KEYS))
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row) => [row.sku],
      (pageRows) => pageRows.map(toLevel),
    );
  }

  /** The reservation and its lines; PostgreSQL writes both in one statement. */
  async insertReservation(reservation: Reservation): Promise<void> {
    const row = {
      id: reservation.id,
      status: reservation.status,
      expires_at: iso(reservation.expiresAt),
      created_at: iso(reservation.createdAt),
    };
    const lines = reservation.lines.map((line, position) => ({
      reservation_id: reservation.id,
      position,
      sku: line.sku,
      quantity: line.quantity,
    }));
    await insertWithLines(this.db, this.dialect, { table: "reservations", row }, { table: "reservation_lines", rows: lines });
  }

  /** The reservation and its lines in one statement. */
  async findReservationById(id: string): Promise<Reservation | null> {
    const rows = await this.db
      .selectFrom("reservations")
      .leftJoin("reservation_lines", "reservation_lines.reservation_id", "reservations.id")
      .select([
        "reservations.id",
        "reservations.status",
        "reservations.expires_at",
        "reservations.created_at",
        "reservation_lines.sku",
        "reservation_lines.quantity",
      ])
      .where("reservations.id", "=", id)
      .orderBy("reservation_lines.position")
      .execute();
    const row = rows[0];
    if (row === undefined) return null;
    const lines: { sku: string; quantity: number }[] = [];
    for (const line of rows) if (line.sku !== null && line.quantity !== null) lines.push({ sku: line.sku, quantity: line.quantity });
    return {
      id: row.id,
      status: row.status as ReservationStatus,
      lines,
      expiresAt: toDate(row.expires_at),
      createdAt: toDate(row.created_at),
    };
  }

  /** Compare-and-set: the UPDATE only matches while the status is still `from`. */
  async updateReservationStatus(id: string, from: ReservationStatus, to: ReservationStatus): Promise<boolean> {
    const result = await this.db
      .updateTable("reservations")
      .set({ status: to })
      .where("id", "=", id)
      .where("status", "=", from)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async findExpiredReservationIds(now: Date, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const rows = await this.db
      .selectFrom("reservations")
      .select("id")
      .where("status", "=", "active")
      .where("expires_at", "<=", iso(now))
      .orderBy("expires_at")
      .orderBy("id")
      .limit(Math.floor(limit))
      .execute();
    return rows.map((row) => row.id);
  }
}

function toLevel(row: Selectable<StockLevelsTable>): StockLevel {
  return { sku: row.sku, onHand: row.on_hand, reserved: row.reserved, lowStockThreshold: row.low_stock_threshold };
}
