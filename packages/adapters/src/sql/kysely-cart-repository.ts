import type { Kysely, Selectable } from "kysely";
import type { Cart, CartRepository } from "@emporium/domain";
import { iso, toDate } from "./codec.js";
import type { CartsTable, Database } from "./database.js";

export class KyselyCartRepository implements CartRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: string): Promise<Cart | null> {
    return this.findOne("id", id);
  }

  async findByCustomerId(customerId: string): Promise<Cart | null> {
    return this.findOne("customer_id", customerId);
  }

  async findByToken(token: string): Promise<Cart | null> {
    return this.findOne("token", token);
  }

  /** Inserts or replaces the cart and its lines. */
  async save(cart: Cart): Promise<void> {
    const row = {
      customer_id: cart.customerId,
      token: cart.token,
      coupon_code: cart.couponCode,
      created_at: iso(cart.createdAt),
      updated_at: iso(cart.updatedAt),
    };
    await this.db
      .insertInto("carts")
      .values({ id: cart.id, ...row })
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute();
    await this.db.deleteFrom("cart_lines").where("cart_id", "=", cart.id).execute();
    if (cart.lines.length === 0) return;
    await this.db
      .insertInto("cart_lines")
      .values(cart.lines.map((line, position) => ({ cart_id: cart.id, position, sku: line.sku, quantity: line.quantity })))
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom("carts").where("id", "=", id).execute();
  }

  private async findOne(column: "id" | "customer_id" | "token", value: string): Promise<Cart | null> {
    const row = await this.db.selectFrom("carts").selectAll().where(column, "=", value).executeTakeFirst();
    return row === undefined ? null : this.withLines(row);
  }

  private async withLines(row: Selectable<CartsTable>): Promise<Cart> {
    const lines = await this.db
      .selectFrom("cart_lines")
      .select(["sku", "quantity"])
      .where("cart_id", "=", row.id)
      .orderBy("position")
      .execute();
    return {
      id: row.id,
      customerId: row.customer_id,
      token: row.token,
      lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
      couponCode: row.coupon_code,
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
    };
  }
}
