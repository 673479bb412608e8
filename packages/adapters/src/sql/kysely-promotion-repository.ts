import { sql, type Kysely, type Selectable } from "kysely";
import {
  normalizeCouponCode,
  type Page,
  type PageRequest,
  type Promotion,
  type PromotionKind,
  type PromotionRepository,
} from "@emporium/domain";
import { flag, fromFlag, iso, isoOrNull, toDate, toDateOrNull } from "./codec.js";
import type { Database, PromotionsTable } from "./database.js";
import { after, decodeCursor, orderBy, pageLimit, toPage, type SortKey } from "./keyset.js";

const KEYS: readonly SortKey[] = [
  { expression: sql.ref("created_at"), descending: true, type: "string" },
  { expression: sql.ref("id"), descending: true, type: "string" },
];

export class KyselyPromotionRepository implements PromotionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findByCode(code: string): Promise<Promotion | null> {
    const row = await this.db.selectFrom("promotions").selectAll().where("code_key", "=", normalizeCouponCode(code)).executeTakeFirst();
    return row === undefined ? null : toPromotion(row);
  }

  async findById(id: string): Promise<Promotion | null> {
    const row = await this.db.selectFrom("promotions").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : toPromotion(row);
  }

  /** Newest first. */
  async list(page: PageRequest): Promise<Page<Promotion>> {
    const limit = pageLimit(page);
    let select = this.db.selectFrom("promotions").selectAll();
    if (page.cursor) select = select.where(after(KEYS, decodeCursor(page.cursor, KEYS)));
    const rows = await select
      .orderBy(orderBy(KEYS))
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row) => [toDate(row.created_at).toISOString(), row.id],
      (pageRows) => pageRows.map(toPromotion),
    );
  }

  async insert(promotion: Promotion): Promise<boolean> {
    const inserted = await this.db
      .insertInto("promotions")
      .values({
        id: promotion.id,
        code: promotion.code,
        code_key: normalizeCouponCode(promotion.code),
        kind: promotion.kind,
        value: promotion.value,
        min_subtotal: promotion.minSubtotal,
        starts_at: isoOrNull(promotion.startsAt),
        ends_at: isoOrNull(promotion.endsAt),
        usage_limit: promotion.usageLimit,
        per_customer_limit: promotion.perCustomerLimit,
        times_used: promotion.timesUsed,
        active: flag(promotion.active),
        created_at: iso(promotion.createdAt),
      })
      .onConflict((oc) => oc.column("code_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async countRedemptions(promotionId: string, customerId: string): Promise<number> {
    const row = await this.db
      .selectFrom("promotion_redemptions")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("promotion_id", "=", promotionId)
      .where("customer_id", "=", customerId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** A conditional increment: the limit is checked against the stored count, so concurrent checkouts cannot overshoot it. */
  async redeem(promotionId: string, customerId: string, orderId: string, at: Date): Promise<boolean> {
    const counted = await this.db
      .updateTable("promotions")
      .set((eb) => ({ times_used: eb("times_used", "+", 1) }))
      .where("id", "=", promotionId)
      .where((eb) => eb.or([eb("usage_limit", "is", null), eb("times_used", "<", eb.ref("usage_limit"))]))
      .executeTakeFirst();
    if (counted.numUpdatedRows === 0n) {
      const exists = await this.db.selectFrom("promotions").select("id").where("id", "=", promotionId).executeTakeFirst();
      if (exists === undefined) throw new Error(`foreign key: promotion ${promotionId} does not exist`);
      return false;
    }
    await this.db
      .insertInto("promotion_redemptions")
      .values({ promotion_id: promotionId, order_id: orderId, customer_id: customerId, at: iso(at) })
      .execute();
    return true;
  }
}

function toPromotion(row: Selectable<PromotionsTable>): Promotion {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as PromotionKind,
    value: row.value,
    minSubtotal: row.min_subtotal,
    startsAt: toDateOrNull(row.starts_at),
    endsAt: toDateOrNull(row.ends_at),
    usageLimit: row.usage_limit,
    perCustomerLimit: row.per_customer_limit,
    timesUsed: row.times_used,
    active: fromFlag(row.active),
    createdAt: toDate(row.created_at),
  };
}
