import type { Page, PageRequest, Review, ReviewListQuery, ReviewRepository } from "@emporium/domain";
import { copy } from "./memory-state.js";
import { paginate } from "./memory-page.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryReviewRepository implements ReviewRepository {
  constructor(private readonly access: StateAccess) {}

  async findById(id: string): Promise<Review | null> {
    const review = this.access.read().reviews.get(id);
    return review === undefined ? null : copy(review);
  }

  async findByProductAndCustomer(productId: string, customerId: string): Promise<Review | null> {
    const review = [...this.access.read().reviews.values()].find((r) => r.productId === productId && r.customerId === customerId);
    return review === undefined ? null : copy(review);
  }

  async listByProduct(productId: string, page: PageRequest): Promise<Page<Review>> {
    const visible = this.visible(productId);
    const result = paginate(visible, { key: (r) => [r.createdAt.getTime(), r.id], descending: [true, true] }, page);
    return { items: result.items.map(copy), nextCursor: result.nextCursor };
  }

  async list(query: ReviewListQuery): Promise<Page<Review>> {
    const matches = [...this.access.read().reviews.values()].filter(
      (r) =>
        (query.productId === undefined || r.productId === query.productId) && (query.hidden === undefined || r.hidden === query.hidden),
    );
    const result = paginate(matches, { key: (r) => [r.createdAt.getTime(), r.id], descending: [true, true] }, query);
    return { items: result.items.map(copy), nextCursor: result.nextCursor };
  }

  async aggregate(productId: string): Promise<{ average: number; count: number }> {
    const ratings = this.visible(productId).map((r) => r.rating);
    if (ratings.length === 0) return { average: 0, count: 0 };
    return { average: ratings.reduce((a, b) => a + b, 0) / ratings.length, count: ratings.length };
  }

  async save(review: Review): Promise<void> {
    await this.access.write((state) => {
      const clash = [...state.reviews.values()].find(
        (r) => r.id !== review.id && r.productId === review.productId && r.customerId === review.customerId,
      );
      if (clash !== undefined)
        throw new Error(`unique constraint: customer ${review.customerId} already reviewed product ${review.productId}`);
      state.reviews.set(review.id, copy(review));
    });
  }

  private visible(productId: string): Review[] {
    return [...this.access.read().reviews.values()].filter((r) => r.productId === productId && !r.hidden);
  }
}
