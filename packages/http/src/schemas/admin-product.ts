import type { ProductDetail, VariantInput, VariantView } from "@emporium/domain";
import { z } from "@hono/zod-openapi";
import { PageQuery, strictBody } from "./common.js";
import { Product, PRODUCT_STATUSES, ProductVariant, toProductJson, toProductVariantJson } from "./product.js";

const VARIANT_STATUSES = ["active", "archived"] as const;

const Options = z.record(z.string(), z.string()).openapi({ example: { colour: "blue", size: "M" } });
const Threshold = z.number().int().min(0).openapi({ description: "Available units at or below which the SKU counts as low stock" });

/**
 * The request bodies of the admin product routes. Prices are money objects, as in every
 * response, and must be in the store currency: a client never has to guess whether `1999`
 * means cents or dollars, and a price in the wrong currency is refused, not converted.
 */
export function adminProductBodies(currency: string) {
  const PriceInput = z
    .strictObject({
      amount: z.number().int().min(0).openapi({ description: "Integer minor units (cents)", example: 1999 }),
      currency: z.literal(currency).openapi({ description: "The store currency" }),
    })
    .openapi("PriceInput", { description: `Money in the store currency (${currency})` });

  const NewVariant = strictBody({
    sku: z.string().min(1).max(64).openapi({ example: "TEE-BLUE-M" }),
    options: Options.optional(),
    price: PriceInput,
    status: z.enum(VARIANT_STATUSES).optional().openapi({ description: "Default active" }),
    stock: z.number().int().min(0).optional().openapi({ description: "On-hand units to start with, booked as an adjustment" }),
    lowStockThreshold: Threshold.optional().openapi({ description: "Default: the shop's setting" }),
  }).openapi("NewVariant");

  const productFields = {
    slug: z.string().max(200).optional().openapi({ description: "Derived from the name when absent", example: "classic-tee" }),
    description: z.string().optional(),
    brand: z.string().nullable().optional(),
    status: z.enum(PRODUCT_STATUSES).optional(),
    featured: z.boolean().optional(),
    taxClass: z.string().optional().openapi({ description: "One of the shop's tax classes; default standard" }),
    categoryIds: z.array(z.string()).optional().openapi({ description: "The first is the primary category" }),
    images: z.array(z.string()).optional(),
    attributes: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ example: { material: "cotton" } }),
    relatedProductIds: z.array(z.string()).optional().openapi({ description: "Admin-curated related products" }),
  };

  return {
    CreateProductBody: strictBody({
      name: z.string().openapi({ example: "Classic Tee" }),
      ...productFields,
      variants: z.array(NewVariant).min(1).openapi({ description: "At least one; a product without options has one default variant" }),
    }).openapi("CreateProduct"),
    UpdateProductBody: strictBody({ name: z.string().optional(), ...productFields }).openapi("UpdateProduct", {
      description: "Only the fields given change; variants change through their own routes",
    }),
    NewVariantBody: NewVariant,
    UpdateVariantBody: strictBody({
      options: Options.optional(),
      price: PriceInput.optional(),
      status: z
        .enum(VARIANT_STATUSES)
        .optional()
        .openapi({ description: "archived takes the variant out of the store; SKUs are never deleted" }),
      lowStockThreshold: Threshold.optional(),
    }).openapi("UpdateVariant", { description: "Stock changes through POST /v1/admin/inventory/{sku}/adjust" }),
  };
}

type NewVariantJson = z.infer<ReturnType<typeof adminProductBodies>["NewVariantBody"]>;

/** A variant as the use cases take it: the price in minor units. */
export function toVariantInput(variant: NewVariantJson): VariantInput {
  return {
    sku: variant.sku,
    price: variant.price.amount,
    ...(variant.options === undefined ? {} : { options: variant.options }),
    ...(variant.status === undefined ? {} : { status: variant.status }),
    ...(variant.stock === undefined ? {} : { stock: variant.stock }),
    ...(variant.lowStockThreshold === undefined ? {} : { lowStockThreshold: variant.lowStockThreshold }),
  };
}

export const AdminVariant = ProductVariant.extend({
  status: z.enum(VARIANT_STATUSES),
  lowStockThreshold: z.number().int(),
}).openapi("AdminVariant");

/** The product shape of the store plus what only admins see: every variant, tax class, curation, timestamps. */
export const AdminProduct = Product.extend({
  taxClass: z.string(),
  relatedProductIds: z.array(z.string()),
  variants: z.array(AdminVariant).openapi({ description: "Every variant, archived ones included" }),
  createdAt: z.string().openapi({ format: "date-time" }),
  updatedAt: z.string().openapi({ format: "date-time" }),
}).openapi("AdminProduct");

export type AdminProductJson = z.infer<typeof AdminProduct>;

export const AdminProductQuery = PageQuery.extend({
  status: z.enum(PRODUCT_STATUSES).optional().openapi({ description: "Any status when absent" }),
  category: z.string().max(200).optional().openapi({ description: "Category slug; its subcategories are included" }),
  brand: z.string().max(200).optional(),
});

const toAdminVariantJson = (variant: VariantView, currency: string) => ({
  ...toProductVariantJson(variant, currency),
  status: variant.status,
  lowStockThreshold: variant.lowStockThreshold,
});

/** A product page read with `includeHidden`, in the admin shape. */
export function toAdminProductJson(detail: ProductDetail, currency: string): AdminProductJson {
  const { product } = detail;
  return {
    ...toProductJson(detail, currency),
    taxClass: product.taxClass,
    relatedProductIds: [...product.relatedProductIds],
    variants: detail.variants.map((variant) => toAdminVariantJson(variant, currency)),
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
