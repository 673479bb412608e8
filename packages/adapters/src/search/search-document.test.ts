import type { Category, Product } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { toSearchDocument } from "./search-document.js";

const category = (id: string, path: string, name: string): Category => ({
  id,
  slug: id,
  name,
  parentId: null,
  path,
  position: 0,
  attributeDefinitions: [],
});

const product: Product = {
  id: "prod_1",
  slug: "classic-tee",
  name: "Classic Tee",
  description: "Soft cotton",
  brand: "Acme",
  status: "active",
  featured: true,
  taxClass: "standard",
  categoryIds: ["tees", "gone", "sale"],
  images: [],
  attributes: { material: "cotton" },
  variants: [
    { sku: "TEE-S", options: { size: "S" }, price: 1999, status: "active", lowStockThreshold: 2 },
    { sku: "TEE-M", options: { size: "M" }, price: 2199, status: "active", lowStockThreshold: 2 },
    { sku: "TEE-XL", options: { size: "XL" }, price: 500, status: "archived", lowStockThreshold: 2 },
  ],
  rating: { average: 4.5, count: 10 },
  relatedProductIds: [],
  createdAt: new Date("2030-01-01T00:00:00Z"),
  updatedAt: new Date("2030-01-02T00:00:00Z"),
};

const categories = [category("sale", "sale", "Sale"), category("tees", "apparel/tees", "T-Shirts")];

describe("toSearchDocument", () => {
  it("folds variants, stock and categories into one document", () => {
    const document = toSearchDocument(product, categories, [{ sku: "TEE-M", onHand: 5, reserved: 5, lowStockThreshold: 2 }], 42);
    expect(document).toEqual({
      productId: "prod_1",
      slug: "classic-tee",
      name: "Classic Tee",
      description: "Soft cotton",
      brand: "Acme",
      categoryIds: ["tees", "sale"],
      categoryNames: ["T-Shirts", "Sale"],
      categoryPaths: ["apparel/tees", "sale"],
      attributes: { material: "cotton" },
      variants: [
        { sku: "TEE-S", options: { size: "S" }, price: 1999, inStock: false },
        { sku: "TEE-M", options: { size: "M" }, price: 2199, inStock: false },
      ],
      minPrice: 1999,
      maxPrice: 2199,
      inStock: false,
      featured: true,
      rating: 4.5,
      salesCount: 42,
      createdAt: new Date("2030-01-01T00:00:00Z"),
    });
  });

  it("is in stock when some active variant has stock available", () => {
    const document = toSearchDocument(product, categories, [{ sku: "TEE-S", onHand: 3, reserved: 1, lowStockThreshold: 2 }]);
    expect(document.inStock).toBe(true);
    expect(document.variants.map((variant) => variant.inStock)).toEqual([true, false]);
    expect(document.salesCount).toBe(0);
  });

  it("keeps archived variants when there is nothing else, so prices stay meaningful", () => {
    const allArchived = { ...product, variants: product.variants.map((variant) => ({ ...variant, status: "archived" as const })) };
    expect(toSearchDocument(allArchived, categories, []).minPrice).toBe(500);
  });
});
