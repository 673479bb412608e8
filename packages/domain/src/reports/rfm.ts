/** A quintile score: 1 is the bottom fifth of customers on that measure, 5 the top fifth. */
export type Quintile = 1 | 2 | 3 | 4 | 5;

export type CustomerSegment =
  | "champions"
  | "loyal"
  | "potential_loyalist"
  | "new"
  | "promising"
  | "need_attention"
  | "about_to_sleep"
  | "at_risk"
  | "cant_lose"
  | "hibernating";

/** What RFM scoring needs of one customer. */
export interface RfmInput {
  /** Days since the last order (smaller is better). */
  readonly recencyDays: number;
  /** Orders placed and paid. */
  readonly frequency: number;
  /** Lifetime value in minor units. */
  readonly monetary: number;
}

export interface RfmScore {
  readonly recency: Quintile;
  readonly frequency: Quintile;
  readonly monetary: Quintile;
  readonly segment: CustomerSegment;
}

/**
 * The segment by recency (rows, 5 = most recent) and the FM score (columns, 1..5), where FM is
 * the mean of the frequency and monetary scores rounded half up. Recent buyers who buy often
 * and much are champions; those who did and stopped are at risk, or can't-lose when they were
 * the best; the recent ones with one small order are new.
 *
 * | R \ FM | 1              | 2                  | 3                  | 4         | 5         |
 * |--------|----------------|--------------------|--------------------|-----------|-----------|
 * | 5      | new            | potential_loyalist | potential_loyalist | champions | champions |
 * | 4      | promising      | potential_loyalist | potential_loyalist | loyal     | loyal     |
 * | 3      | about_to_sleep | about_to_sleep     | need_attention     | loyal     | loyal     |
 * | 2      | hibernating    | hibernating        | at_risk            | at_risk   | cant_lose |
 * | 1      | hibernating    | hibernating        | at_risk            | at_risk   | cant_lose |
 */
export const RFM_SEGMENTS: Readonly<
  Record<Quintile, readonly [CustomerSegment, CustomerSegment, CustomerSegment, CustomerSegment, CustomerSegment]>
> = {
  5: ["new", "potential_loyalist", "potential_loyalist", "champions", "champions"],
  4: ["promising", "potential_loyalist", "potential_loyalist", "loyal", "loyal"],
  3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
  2: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
  1: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
};

/** Every segment, best first: the order reports list them in. */
export const CUSTOMER_SEGMENTS: readonly CustomerSegment[] = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose",
  "hibernating",
];

/** The segment of a recency score and the frequency and monetary scores (see RFM_SEGMENTS). */
export function segmentOf(recency: Quintile, frequency: Quintile, monetary: Quintile): CustomerSegment {
  const fm = Math.floor((frequency + monetary + 1) / 2) as Quintile;
  return RFM_SEGMENTS[recency][fm - 1]!;
}

/**
 * Scores every customer against all the others, in input order. A score is the quintile of the
 * customer's mid-rank: `ceil(5 × (worse + (tied + 1) / 2) / n)`, where `worse` counts customers
 * doing strictly worse and `tied` those doing the same (the customer included). Ties share a
 * score, so equal customers are never split arbitrarily, and a lone best customer scores 5.
 */
export function scoreRfm(customers: readonly RfmInput[]): RfmScore[] {
  const recency = quintiles(customers.map((c) => -c.recencyDays));
  const frequency = quintiles(customers.map((c) => c.frequency));
  const monetary = quintiles(customers.map((c) => c.monetary));
  return customers.map((_, i) => ({
    recency: recency[i]!,
    frequency: frequency[i]!,
    monetary: monetary[i]!,
    segment: segmentOf(recency[i]!, frequency[i]!, monetary[i]!),
  }));
}

// Higher values are better. Integer arithmetic: ceil(5 × (2·worse + tied + 1) / 2n).
function quintiles(values: readonly number[]): Quintile[] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((value) => {
    const worse = countBelow(sorted, value, false);
    const tied = countBelow(sorted, value, true) - worse;
    return Math.min(5, Math.max(1, Math.ceil((5 * (2 * worse + tied + 1)) / (2 * n)))) as Quintile;
  });
}

/** How many of `sorted` are < `value`, or <= it with `inclusive`. */
function countBelow(sorted: readonly number[], value: number, inclusive: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value || (inclusive && sorted[mid] === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}
