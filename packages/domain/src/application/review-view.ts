import type { Review } from "../reviews/review.js";

/** A review as the storefront shows it: the author by display name only, never by customer id. */
export type ReviewView = Omit<Review, "customerId" | "hidden">;

export function toReviewView(review: Review): ReviewView {
  const { customerId: _customerId, hidden: _hidden, ...view } = review;
  return view;
}
