import type { CartLine } from "../cart/cart.js";
import { available } from "../inventory/stock.js";
import type { SkuForSale } from "../ports/inventory-repository.js";
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

/** What pricing reads for a set of SKUs: their variants, products and stock. */
export interface CartCatalog {
  /** The SKUs that exist; purchasable or not. */
  readonly bySku: ReadonlyMap<string, SkuForSale>;
}

/** Loads variants, products and stock of `skus` in one read, for pricing and line checks alike. */
export async function loadCartCatalog(repos: Pick<Repositories, "inventory">, skus: readonly string[]): Promise<CartCatalog> {
  const found = await repos.inventory.findForSale(skus);
  return { bySku: new Map(found.map((item) => [item.sku, item])) };
}

/** Whether the SKU can go in a cart: its product and its variant are both active. */
export const isForSale = (item: SkuForSale): boolean => item.product.status === "active" && item.variantStatus === "active";

/** Units that can be bought now (on hand minus reserved, never negative); 0 without a stock row. */
export const availableForSale = (item: SkuForSale): number => (item.level === null ? 0 : Math.max(available(item.level), 0));

/**
 * Prices cart lines from the catalogue and the current stock, never from client data.
 * `promotion` must already have passed `checkPromotion`.
 */
export async function priceCartLines(
  repos: Pick<Repositories, "inventory">,
  settings: Pick<ShopSettings, "currency" | "taxRates" | "shipping">,
  lines: readonly CartLine[],
  promotion: Promotion | null,
): Promise<CartPricing> {
  const catalog = await loadCartCatalog(
    repos,
    lines.map((line) => line.sku),
  );
  return priceFromCatalog(catalog, settings, lines, promotion);
}

/** `priceCartLines` from a catalogue already loaded (by `loadCartCatalog`) for every SKU of `lines`. */
export function priceFromCatalog(
  { bySku }: CartCatalog,
  settings: Pick<ShopSettings, "currency" | "taxRates" | "shipping">,
  lines: readonly CartLine[],
  promotion: Promotion | null,
): CartPricing {
  const sellable: { line: CartLine; item: SkuForSale }[] = [];
  const unknownSkus: string[] = [];
  for (const line of lines) {
    const item = bySku.get(line.sku);
    if (item === undefined || !isForSale(item)) unknownSkus.push(line.sku);
    else sellable.push({ line, item });
  }

  const priced = priceCart({
    currency: settings.currency,
    lines: sellable.map(({ line, item }) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: item.price,
      taxClass: item.product.taxClass,
    })),
    promotion,
    taxRates: settings.taxRates,
    shipping: settings.shipping,
  });

  const detailed = sellable.map(({ line, item }, i): DetailedCartLine => {
    const pricedLine = priced.lines[i];
    if (pricedLine === undefined) throw new Error(`pricing lost the line of ${line.sku}`);
    const free = availableForSale(item);
    return {
      sku: line.sku,
      productId: item.product.id,
      productSlug: item.product.slug,
      name: item.product.name,
      options: item.options,
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
