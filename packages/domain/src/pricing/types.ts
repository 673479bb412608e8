export type PromotionKind = "percent_off" | "fixed_off" | "free_shipping";

/**
 * A coupon. `value` is basis points for `percent_off` (1000 = 10%), minor units for
 * `fixed_off`, and ignored for `free_shipping`.
 */
export interface Promotion {
  readonly id: string;
  readonly code: string;
  readonly kind: PromotionKind;
  readonly value: number;
  readonly minSubtotal: number;
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
  readonly usageLimit: number | null;
  readonly perCustomerLimit: number | null;
  readonly timesUsed: number;
  readonly active: boolean;
  readonly createdAt: Date;
}

/** Tax rate in basis points per tax class (`standard: 2000` = 20%). Prices are tax-exclusive. */
export type TaxRates = Readonly<Record<string, number>>;

export interface ShippingPolicy {
  /** Flat shipping in minor units. */
  readonly flatRate: number;
  /** Subtotal (after discount) from which shipping is free; null for never. */
  readonly freeOver: number | null;
}

export interface PricingLineInput {
  readonly sku: string;
  readonly quantity: number;
  /** Unit price in minor units, from the catalogue. */
  readonly unitPrice: number;
  readonly taxClass: string;
}

export interface PricedLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly subtotal: number;
  readonly discount: number;
  readonly tax: number;
  readonly total: number;
}

export interface Totals {
  readonly subtotal: number;
  readonly discount: number;
  readonly tax: number;
  readonly shipping: number;
  readonly total: number;
}

export interface PricedCart {
  readonly currency: string;
  readonly lines: readonly PricedLine[];
  readonly totals: Totals;
}

export interface PricingInput {
  readonly currency: string;
  readonly lines: readonly PricingLineInput[];
  /** An already-validated promotion (see `checkPromotion`), or null. */
  readonly promotion: Promotion | null;
  readonly taxRates: TaxRates;
  readonly shipping: ShippingPolicy;
}
