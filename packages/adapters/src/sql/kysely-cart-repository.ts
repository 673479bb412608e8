import type { Kysely } from "kysely";
import type { Cart, CartLine, CartRepository } from "@emporium/domain";
import { iso, toDate } from "./codec.js";
import type { Database, SqlDialect } from "./database.js";

export class KyselyCartRepository implements CartRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect = "sqlite",
  ) {}

  async findById(id: string): Promise<Cart | null> {
    return this.findOne("id", id);
  }

  async findByCustomerId(customerId: string): Promise<Cart | null> {
    return this.findOne("customer_id", customerId);
  }

  async findByToken(token: string): Promise<Cart | null> {
    return this.findOne("token", token);
  }

  /**
   * Inserts or replaces the cart and its lines. PostgreSQL: one statement (the cart, the lines
   * that stay or change, and the removal of the others touch disjoint rows), one round trip.
   */
  async save(cart: Cart): Promise<void> {
    const row = {
      customer_id: cart.customerId,
      token: cart.token,
      coupon_code: cart.couponCode,
      created_at: iso(cart.createdAt),
      updated_at: iso(cart.updatedAt),
    };
    const lines = cart.lines.map((line, position) => ({ cart_id: cart.id, position, sku: line.sku, quantity: line.quantity }));
    if (this.dialect === "postgres") {
      const withCart = this.db.with("saved_cart", (db) =>
        db
          .insertInto("carts")
          .values({ id: cart.id, ...row })
          .onConflict((oc) => oc.column("id").doUpdateSet(row)),
      );
      if (lines.length === 0) {
        await withCart.deleteFrom("cart_lines").where("cart_id", "=", cart.id).execute();
        return;
      }
      await withCart
        .with("removed_lines", (db) =>
          db
            .deleteFrom("cart_lines")
            .where("cart_id", "=", cart.id)
            .where(
              "sku",
              "not in",
              lines.map((line) => line.sku),
            ),
        )
        .insertInto("cart_lines")
        .values(lines)
        .onConflict((oc) =>
          oc
            .columns(["cart_id", "sku"])
            .doUpdateSet((eb) => ({ position: eb.ref("excluded.position"), quantity: eb.ref("excluded.quantity") })),
        )
        .execute();
      return;
    }
    await this.db
      .insertInto("carts")
      .values({ id: cart.id, ...row })
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute();
    await this.db.deleteFrom("cart_lines").where("cart_id", "=", cart.id).execute();
    if (lines.length === 0) return;
    await this.db.insertInto("cart_lines").values(lines).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("carts").where("id", "=", id).execute();
  }

  /** The cart and its lines in one statement: id, customer_id and token are each unique. */
  private async findOne(column: "id" | "customer_id" | "token", value: string): Promise<Cart | null> {
    const rows = await this.db
      .selectFrom("carts")
      .leftJoin("cart_lines", "cart_lines.cart_id", "carts.id")
      .select([
        "carts.id",
        "carts.customer_id",
        "carts.token",
        "carts.coupon_code",
        "carts.created_at",
        "carts.updated_at",
        "cart_lines.sku",
        "cart_lines.quantity",
      ])
      .where(`carts.${column}`, "=", value)
      .orderBy("cart_lines.position")
      .execute();
    const row = rows[0];
    if (row === undefined) return null;
    const lines: CartLine[] = [];
    for (const line of rows) if (line.sku !== null && line.quantity !== null) lines.push({ sku: line.sku, quantity: line.quantity });
    return {
      id: row.id,
      customerId: row.customer_id,
      token: row.token,
      lines,
      couponCode: row.coupon_code,
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    };
  }
}
