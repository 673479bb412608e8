import type { Review } from "../reviews/review.js";
import type { Page, PageRequest } from "./page.js";

/** Every review, hidden ones included, for moderation. */
export interface ReviewListQuery extends PageRequest {
  readonly productId?: string;
  /** true: only hidden reviews; false: only visible ones; absent: both. */
  readonly hidden?: boolean;
}

export interface ReviewRepository {
  findById(id: string): Promise<Review | null>;
  findByProductAndCustomer(productId: string, customerId: string): Promise<Review | null>;
  /** Visible (not hidden) reviews of a product, newest first. */
  listByProduct(productId: string, page: PageRequest): Promise<Page<Review>>;
  /** Reviews matching `query`, hidden ones included unless filtered out, newest first. */
  list(query: ReviewListQuery): Promise<Page<Review>>;
  /** Rating aggregate over the visible reviews of a product. */
  aggregate(productId: string): Promise<{ average: number; count: number }>;
  save(review: Review): Promise<void>;
}
