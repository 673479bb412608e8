import { err, ok, type ForbiddenError, type Result } from "../errors.js";
import type { Page } from "../ports/page.js";
import type { Review } from "../reviews/review.js";
import { authorize } from "./authorize.js";
import type { Actor, AppDeps } from "./context.js";
import { pageLimit } from "./page-limit.js";

export interface ListReviewsAdminInput {
  readonly actor: Actor;
  readonly productId?: string;
  /** true: only hidden reviews; false: only visible ones; absent: both. */
  readonly hidden?: boolean;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** Admin moderation: reviews of every product or of one, hidden ones included, newest first, with their authors' ids. */
export class ListReviewsAdmin {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: ListReviewsAdminInput): Promise<Result<Page<Review>, ForbiddenError>> {
    const denied = authorize(input.actor, "reviews:moderate");
    if (denied !== null) return err(denied);
    const { productId, hidden } = input;
    return ok(await this.deps.repos.reviews.list({ productId, hidden, limit: pageLimit(input.limit), cursor: input.cursor ?? null }));
  }
}
