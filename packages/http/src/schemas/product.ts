import type { ProductDetail, ProductSummary as DomainProductSummary, VariantView } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { Money, PageQuery } from "./common.js";

type MoneyJson = z.infer<typeof Money>;

export const PRODUCT_STATUSES = ["draft", "active", "archived"] as const;

export const ProductStatus = z.enum(PRODUCT_STATUSES).openapi("ProductStatus");

export const Rating = z
  .object({
    average: z.number().openapi({ description: "Mean of the visible ratings, two decimals; 0 without reviews", example: 4.5 }),
    count: z.number().int().openapi({ example: 12 }),
  })
  .openapi("Rating");

export const PriceRange = z
  .object({ min: Money, max: Money })
  .openapi("PriceRange", { description: "Cheapest and dearest active variant" });

export const ProductSummary = z
  .object({
    id: z.string(),
    slug: z.string().openapi({ example: "classic-tee" }),
    name: z.string().openapi({ example: "Classic Tee" }),
    brand: z.string().nullable().openapi({ example: "Acme" }),
    status: ProductStatus,
    featured: z.boolean(),
    image: z.string().nullable().openapi({ description: "The first image's URL" }),
    price: PriceRange.nullable().openapi({ description: "null when the product has no active variant" }),
    rating: Rating,
    inStock: z.boolean().openapi({ description: "Whether any active variant can be bought now" }),
  })
  .openapi("ProductSummary");

export const ProductCategory = z
  .object({
    id: z.string(),
    slug: z.string().openapi({ example: "t-shirts" }),
    name: z.string().openapi({ example: "T-Shirts" }),
    path: z.string().openapi({ description: "Slugs from the root, slash-joined", example: "apparel/tops/t-shirts" }),
  })
  .openapi("ProductCategory");

export const ProductVariant = z
  .object({
    sku: z.string().openapi({ example: "TEE-BLUE-M" }),
    options: z.record(z.string(), z.string()).openapi({ example: { colour: "blue", size: "M" } }),
    price: Money,
    available: z.number().int().openapi({ description: "Units that can be bought now (on hand minus reserved)" }),
    inStock: z.boolean(),
  })
  .openapi("ProductVariant");

export const Product = z
  .object({
    id: z.string(),
    slug: z.string().openapi({ example: "classic-tee" }),
    name: z.string().openapi({ example: "Classic Tee" }),
    description: z.string(),
    brand: z.string().nullable(),
    status: ProductStatus,
    featured: z.boolean(),
    categories: z.array(ProductCategory).openapi({ description: "The first is the primary category" }),
    attributes: z.record(z.string(), z.string()).openapi({ example: { material: "cotton" } }),
    images: z.array(z.string()),
    rating: Rating,
    price: PriceRange.nullable().openapi({ description: "null when the product has no active variant" }),
    variants: z.array(ProductVariant),
    related: z.array(ProductSummary).openapi({
      description:
        "Curated related products first, then those often bought together, then the newest of the primary category; at most 8, active and in stock only",
    }),
  })
  .openapi("Product");

/** A query flag: exactly `true` or `false`. */
export const BooleanQuery = z.enum(["true", "false"]).transform((value) => value === "true");

export const PRODUCT_SORTS = ["newest", "name", "price_asc", "price_desc"] as const;

/** `GET /v1/products`: filters, sort and cursor paging. */
export const ProductListQuery = PageQuery.extend({
  category: z.string().min(1).max(200).optional().openapi({ description: "A category slug; includes its subcategories", example: "tops" }),
  brand: z.string().min(1).max(200).optional().openapi({ example: "Acme" }),
  minPrice: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ type: "integer", minimum: 0, description: "Minor units, compared with the cheapest variant", example: 1000 }),
  maxPrice: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ type: "integer", minimum: 0, description: "Minor units, compared with the cheapest variant", example: 5000 }),
  inStock: BooleanQuery.optional().openapi({ description: "true: only products with a variant in stock; false: only sold-out ones" }),
  featured: BooleanQuery.optional(),
  sort: z.enum(PRODUCT_SORTS).default("newest"),
});

export type ProductSummaryJson = z.infer<typeof ProductSummary>;
export type ProductJson = z.infer<typeof Product>;
export type ProductVariantJson = z.infer<typeof ProductVariant>;

const money = (amount: number, currency: string): MoneyJson => ({ amount, currency });

/** A price range in minor units as money, or null. */
export function toPriceRangeJson(
  range: { readonly min: number; readonly max: number } | null,
  currency: string,
): z.infer<typeof PriceRange> | null {
  return range === null ? null : { min: money(range.min, currency), max: money(range.max, currency) };
}

export function toProductSummaryJson(summary: DomainProductSummary, currency: string): ProductSummaryJson {
  return {
    id: summary.id,
    slug: summary.slug,
    name: summary.name,
    brand: summary.brand,
    status: summary.status,
    featured: summary.featured,
    image: summary.image,
    price: toPriceRangeJson(summary.priceRange, currency),
    rating: { average: summary.rating.average, count: summary.rating.count },
    inStock: summary.inStock,
  };
}

export function toProductVariantJson(variant: VariantView, currency: string): ProductVariantJson {
  return {
    sku: variant.sku,
    options: { ...variant.options },
    price: money(variant.price, currency),
    available: variant.available,
    inStock: variant.inStock,
  };
}

/** The API form of a product page (DESIGN §5 product shape). */
export function toProductJson(detail: ProductDetail, currency: string): ProductJson {
  const { product } = detail;
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    description: product.description,
    brand: product.brand,
    status: product.status,
    featured: product.featured,
    categories: detail.categories.map(({ id, slug, name, path }) => ({ id, slug, name, path })),
    attributes: { ...product.attributes },
    images: [...product.images],
    rating: { average: product.rating.average, count: product.rating.count },
    price: toPriceRangeJson(detail.priceRange, currency),
    variants: detail.variants.map((variant) => toProductVariantJson(variant, currency)),
    related: detail.related.map((summary) => toProductSummaryJson(summary, currency)),
  };
}
