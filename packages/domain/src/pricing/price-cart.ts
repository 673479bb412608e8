import { allocate, percentOf } from "../money/money.js";
import type { PricedCart, PricedLine, PricingInput, Promotion, ShippingPolicy, TaxRates, Totals } from "./types.js";

/**
 * Prices a cart from the server's own data: line subtotals, the order-level discount allocated
 * across lines by largest remainder, tax-exclusive tax rounded per line, then shipping.
 * Every total is the exact sum of its lines, and `total = subtotal - discount + tax + shipping`.
 */
export function priceCart(input: PricingInput): PricedCart {
  const subtotals = input.lines.map((line) => {
    assertNonNegativeInteger(line.quantity, `quantity of ${line.sku}`);
    assertNonNegativeInteger(line.unitPrice, `unit price of ${line.sku}`);
    return line.unitPrice * line.quantity;
  });
  const subtotal = sum(subtotals);
  const discount = orderDiscount(input.promotion, subtotal);
  const discounts = allocate(discount, subtotals);

  const lines = input.lines.map((line, i): PricedLine => {
    const lineSubtotal = subtotals[i] ?? 0;
    const lineDiscount = discounts[i] ?? 0;
    const tax = percentOf(lineSubtotal - lineDiscount, taxRate(input.taxRates, line.taxClass));
    return {
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      subtotal: lineSubtotal,
      discount: lineDiscount,
      tax,
      total: lineSubtotal - lineDiscount + tax,
    };
  });

  const tax = sum(lines.map((line) => line.tax));
  const shipping = lines.length === 0 ? 0 : shippingCost(input.shipping, input.promotion, subtotal - discount);
  const totals: Totals = { subtotal, discount, tax, shipping, total: subtotal - discount + tax + shipping };
  return { currency: input.currency, lines, totals };
}

function orderDiscount(promotion: Promotion | null, subtotal: number): number {
  if (promotion === null) return 0;
  switch (promotion.kind) {
    case "percent_off":
      return clamp(percentOf(subtotal, promotion.value), subtotal);
    case "fixed_off":
      return clamp(promotion.value, subtotal);
    case "free_shipping":
      return 0;
  }
}

function shippingCost(policy: ShippingPolicy, promotion: Promotion | null, discountedSubtotal: number): number {
  if (promotion?.kind === "free_shipping") return 0;
  if (policy.freeOver !== null && discountedSubtotal >= policy.freeOver) return 0;
  assertNonNegativeInteger(policy.flatRate, "flat shipping rate");
  return policy.flatRate;
}

// An unknown tax class falls back to the standard rate rather than to no tax.
function taxRate(rates: TaxRates, taxClass: string): number {
  const rate = rates[taxClass] ?? rates.standard ?? 0;
  assertNonNegativeInteger(rate, `tax rate of class ${taxClass}`);
  return rate;
}

const clamp = (value: number, max: number): number => Math.min(Math.max(value, 0), max);

const sum = (values: readonly number[]): number => values.reduce((acc, v) => acc + v, 0);

// Prices come from the catalogue and settings, never from a client: a bad one is a bug.
function assertNonNegativeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
}
