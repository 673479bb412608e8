import type { Kysely, Migration } from "kysely";
import type { SqlDialect } from "../database.js";

/** Moderators list reviews of every product newest first (`GET /v1/admin/reviews`). */
export const reviewsModeration = (_dialect: SqlDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex("reviews_created").on("reviews").columns(["created_at", "id"]).execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("reviews_created").execute();
  },
});
