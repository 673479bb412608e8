import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import type { Page } from "../ports/page.js";
import type { AppDeps } from "./context.js";
import { pageLimit } from "./page-limit.js";
import { toReviewView, type ReviewView } from "./review-view.js";

export interface ListReviewsInput {
  readonly slug: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** The visible reviews of an active product, newest first. */
export class ListReviews {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: ListReviewsInput): Promise<Result<Page<ReviewView>, NotFoundError>> {
    const product = await this.deps.repos.products.findBySlug(input.slug);
    if (product === null || product.status !== "active") return err(notFound("product", input.slug));
    const page = await this.deps.repos.reviews.listByProduct(product.id, { limit: pageLimit(input.limit), cursor: input.cursor ?? null });
    return ok({ items: page.items.map(toReviewView), nextCursor: page.nextCursor });
  }
}
