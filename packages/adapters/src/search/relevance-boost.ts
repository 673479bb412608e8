/** How much ranking favours a product beyond text relevance; shared so every search adapter ranks alike. */
export const RELEVANCE_BOOSTS = {
  inStock: 3,
  featured: 1.2,
  /** Added per tenfold of sales: 10 sales ×1.1, 1,000 sales ×1.3 — popularity nudges, it does not decide. */
  popularityPerDecade: 0.1,
} as const;

/** The factor a product's text score is multiplied by. */
export function relevanceBoost(document: { inStock: boolean; featured: boolean; salesCount: number }): number {
  const stock = document.inStock ? RELEVANCE_BOOSTS.inStock : 1;
  const featured = document.featured ? RELEVANCE_BOOSTS.featured : 1;
  const popularity = 1 + RELEVANCE_BOOSTS.popularityPerDecade * Math.log10(1 + Math.max(0, document.salesCount));
  return stock * featured * popularity;
}
