import type { Kysely } from "kysely";
import type { RecommendationRepository } from "@emporium/domain";
import type { Database } from "./database.js";

/** Reads `product_pairs`, which the `recommendations.update` consumer (BoughtTogetherRecorder) keeps. */
export class KyselyRecommendationRepository implements RecommendationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async boughtTogether(productId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom("product_pairs")
      .select("other_id")
      .where("product_id", "=", productId)
      .orderBy("orders", "desc")
      .orderBy("other_id")
      .limit(limit)
      .execute();
    return rows.map((row) => row.other_id);
  }
}
