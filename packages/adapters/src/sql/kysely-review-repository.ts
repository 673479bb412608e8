import { sql, type Kysely, type Selectable } from "kysely";
import type { Page, PageRequest, Review, ReviewListQuery, ReviewRepository } from "@emporium/domain";
import { flag, fromFlag, iso, toDate } from "./codec.js";
import type { Database, ReviewsTable } from "./database.js";
import { after, decodeCursor, orderBy, pageLimit, toPage, type SortKey } from "./keyset.js";

const KEYS: readonly SortKey[] = [
  { expression: sql.ref("created_at"), descending: true, type: "string" },
  { expression: sql.ref("id"), descending: true, type: "string" },
];

export class KyselyReviewRepository implements ReviewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: string): Promise<Review | null> {
    const row = await this.db.selectFrom("reviews").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : toReview(row);
  }

  async findByProductAndCustomer(productId: string, customerId: string): Promise<Review | null> {
    const row = await this.db
      .selectFrom("reviews")
      .selectAll()
      .where("product_id", "=", productId)
      .where("customer_id", "=", customerId)
      .executeTakeFirst();
    return row === undefined ? null : toReview(row);
  }

  /** Visible reviews, newest first. */
  async listByProduct(productId: string, page: PageRequest): Promise<Page<Review>> {
    const limit = pageLimit(page);
    let select = this.db.selectFrom("reviews").selectAll().where("product_id", "=", productId).where("hidden", "=", flag(false));
    if (page.cursor) select = select.where(after(KEYS, decodeCursor(page.cursor, KEYS)));
    const rows = await select
      .orderBy(orderBy(KEYS))
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row) => [toDate(row.created_at).toISOString(), row.id],
      (pageRows) => pageRows.map(toReview),
    );
  }

  /** Newest first, hidden reviews included unless `hidden` says otherwise. */
  async list(query: ReviewListQuery): Promise<Page<Review>> {
    const limit = pageLimit(query);
    let select = this.db.selectFrom("reviews").selectAll();
    if (query.productId !== undefined) select = select.where("product_id", "=", query.productId);
    if (query.hidden !== undefined) select = select.where("hidden", "=", flag(query.hidden));
    if (query.cursor) select = select.where(after(KEYS, decodeCursor(query.cursor, KEYS)));
    const rows = await select
      .orderBy(orderBy(KEYS))
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (row) => [toDate(row.created_at).toISOString(), row.id],
      (pageRows) => pageRows.map(toReview),
    );
  }

  async aggregate(productId: string): Promise<{ average: number; count: number }> {
    const row = await this.db
      .selectFrom("reviews")
      .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.sum<number>("rating").as("total")])
      .where("product_id", "=", productId)
      .where("hidden", "=", flag(false))
      .executeTakeFirstOrThrow();
    const count = Number(row.count);
    // Averaged here from the integer sum, so both dialects give the same float.
    return count === 0 ? { average: 0, count: 0 } : { average: Number(row.total) / count, count };
  }

  /** Inserts or replaces by id; a second review of one product by one customer violates the unique key. */
  async save(review: Review): Promise<void> {
    const row = {
      product_id: review.productId,
      customer_id: review.customerId,
      author_name: review.authorName,
      rating: review.rating,
      title: review.title,
      body: review.body,
      verified_purchase: flag(review.verifiedPurchase),
      hidden: flag(review.hidden),
      created_at: iso(review.createdAt),
      updated_at: iso(review.updatedAt),
    };
    await this.db
      .insertInto("reviews")
      .values({ id: review.id, ...row })
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute();
  }
}

function toReview(row: Selectable<ReviewsTable>): Review {
  return {
    id: row.id,
    productId: row.product_id,
    customerId: row.customer_id,
    authorName: row.author_name,
    rating: row.rating,
    title: row.title,
    body: row.body,
    verifiedPurchase: fromFlag(row.verified_purchase),
    hidden: fromFlag(row.hidden),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}
