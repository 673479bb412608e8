/** Products bought together, for the "related products" of a product page. */
export interface RecommendationRepository {
  /**
   * Ids of products that appeared in the same paid orders as `productId`, the most frequent
   * first (ties by id), at most `limit`. Archived or unsellable products may be among them.
   */
  boughtTogether(productId: string, limit: number): Promise<string[]>;
}
