/** The fixed price facet ranges in minor units, `from` inclusive and `to` exclusive; the last is open. */
export const PRICE_BUCKETS: readonly { readonly from: number; readonly to: number | null }[] = [
  { from: 0, to: 2500 },
  { from: 2500, to: 5000 },
  { from: 5000, to: 10000 },
  { from: 10000, to: 25000 },
  { from: 25000, to: null },
];
