import type { CartLine } from "../cart/cart.js";
import { findVariant, isPurchasable } from "../catalog/catalog-rules.js";
import type { Product } from "../catalog/product.js";
import { available } from "../inventory/stock.js";
import { priceCart } from "../pricing/price-cart.js";
import type { PricedCart, Promotion } from "../pricing/types.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { ShopSettings } from "./context.js";

/** A priced cart line with what a storefront shows next to it. */
export interface DetailedCartLine {
  readonly sku: string;
  readonly productId: string;
  readonly productSlug: string;
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly subtotal: number;
  readonly discount: number;
  readonly tax: number;
  readonly total: number;
  /** Units that can still be bought (on hand minus reserved, never negative). */
  readonly available: number;
  /** Whether `available` covers the quantity in the cart. */
  readonly inStock: boolean;
}

export interface CartPricing {
  readonly priced: PricedCart;
  /** The purchasable lines, in cart order. */
  readonly lines: readonly DetailedCartLine[];
  /** SKUs of the cart that are not (or no longer) for sale: unknown, draft or archived. They are left out of `priced`. */
  readonly unknownSkus: readonly string[];
}

/**
 * Prices cart lines from the catalogue and the current stock, never from client data.
 * `promotion` must already have passed `checkPromotion`.
 */
export async function priceCartLines(
  repos: Pick<Repositories, "products" | "inventory">,
  settings: Pick<ShopSettings, "currency" | "taxRates" | "shipping">,
  lines: readonly CartLine[],
  promotion: Promotion | null,
): Promise<CartPricing> {
  const skus = lines.map((line) => line.sku);
  const [products, levels] = await Promise.all([repos.products.findManyBySkus(skus), repos.inventory.findManyBySkus(skus)]);
  const productBySku = new Map<string, Product>();
  for (const product of products) for (const variant of product.variants) productBySku.set(variant.sku, product);
  const availableBySku = new Map(levels.map((level) => [level.sku, Math.max(available(level), 0)]));

  const sellable: { line: CartLine; product: Product; unitPrice: number; options: Readonly<Record<string, string>> }[] = [];
  const unknownSkus: string[] = [];
  for (const line of lines) {
    const product = productBySku.get(line.sku);
    const variant = product === undefined ? undefined : findVariant(product, line.sku);
    if (product === undefined || variant === undefined || !isPurchasable(product, line.sku)) {
      unknownSkus.push(line.sku);
      continue;
    }
    sellable.push({ line, product, unitPrice: variant.price, options: variant.options });
  }

  const priced = priceCart({
    currency: settings.currency,
    lines: sellable.map(({ line, product, unitPrice }) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice,
      taxClass: product.taxClass,
    })),
    promotion,
    taxRates: settings.taxRates,
    shipping: settings.shipping,
  });

  const detailed = sellable.map(({ line, product, options }, i): DetailedCartLine => {
    const pricedLine = priced.lines[i];
    if (pricedLine === undefined) throw new Error(`pricing lost the line of ${line.sku}`);
    const free = availableBySku.get(line.sku) ?? 0;
    return {
      sku: line.sku,
      productId: product.id,
      productSlug: product.slug,
      name: product.name,
      options,
      quantity: pricedLine.quantity,
      unitPrice: pricedLine.unitPrice,
      subtotal: pricedLine.subtotal,
      discount: pricedLine.discount,
      tax: pricedLine.tax,
      total: pricedLine.total,
      available: free,
      inStock: free >= line.quantity,
    };
  });
  return { priced, lines: detailed, unknownSkus };
}
