import type { Rating } from "../catalog/product.js";
import type { FieldIssue } from "../errors.js";
import { roundHalfAwayFromZero } from "../money/money.js";

/** Issues with a review rating (path `rating`): a whole number of stars from 1 to 5. */
export function validateRating(rating: number): FieldIssue[] {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return [{ path: "rating", message: "must be a whole number from 1 to 5" }];
  return [];
}

/** The average (rounded half away from zero to 2 decimals) and count of ratings; 0 when there are none. */
export function ratingOf(ratings: readonly number[]): Rating {
  if (ratings.length === 0) return { average: 0, count: 0 };
  const sum = ratings.reduce((acc, r) => acc + r, 0);
  // Integer arithmetic on hundredths, so 4.125 and its neighbours round the same way everywhere.
  return { average: roundHalfAwayFromZero(sum * 100, ratings.length) / 100, count: ratings.length };
}
