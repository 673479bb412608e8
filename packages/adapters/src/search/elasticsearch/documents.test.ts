import type { SearchDocument } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { relevanceBoost } from "../relevance-boost.js";
import { bulkBody, deleteOperations, indexOperations, popularityFactor, toVariantDocuments } from "./documents.js";

const tee: SearchDocument = {
  productId: "prod_1",
  slug: "classic-tee",
  name: "Classic Tee",
  description: "Soft cotton",
  brand: "Acme",
  categoryIds: ["tees", "sale"],
  categoryNames: ["T-Shirts", "Sale"],
  categoryPaths: ["/apparel/tops/tees/", "sale"],
  attributes: { Material: "Cotton" },
  variants: [
    { sku: "TEE-S", options: { size: "S", colour: "Blue" }, price: 1999, inStock: true },
    { sku: "TEE-M", options: { size: "M", colour: "blue" }, price: 2199, inStock: false },
  ],
  minPrice: 1999,
  maxPrice: 2199,
  inStock: true,
  featured: true,
  rating: 4.5,
  salesCount: 99,
  createdAt: new Date("2030-01-01T00:00:00Z"),
};

describe("toVariantDocuments", () => {
  const [small, medium] = toVariantDocuments(tee);

  it("writes one document per variant with its own SKU, price, stock and options", () => {
    expect(toVariantDocuments(tee)).toHaveLength(2);
    expect(small).toMatchObject({
      doc_id: "prod_1:TEE-S",
      sku: "TEE-S",
      price: 1999,
      in_stock: true,
      options: { size: "S", colour: "Blue" },
    });
    expect(medium).toMatchObject({
      doc_id: "prod_1:TEE-M",
      sku: "TEE-M",
      price: 2199,
      in_stock: false,
      options: { size: "M", colour: "blue" },
    });
  });

  it("repeats the product's fields on every variant", () => {
    for (const variant of [small, medium]) {
      expect(variant).toMatchObject({
        product_id: "prod_1",
        slug: "classic-tee",
        name: "Classic Tee",
        brand: "Acme",
        min_price: 1999,
        max_price: 2199,
        product_in_stock: true,
        featured: true,
        rating: 4.5,
        sales_count: 99,
        attributes: { Material: "Cotton" },
        created_at: "2030-01-01T00:00:00.000Z",
      });
    }
  });

  it("files the product under every ancestor of its category paths, and its first path as primary", () => {
    expect(small?.category_path).toEqual(["apparel", "apparel/tops", "apparel/tops/tees", "sale"]);
    expect(small?.primary_category).toBe("apparel/tops/tees");
    expect(small?.category_names).toContain("T-Shirts");
    expect(small?.category_names).toContain("apparel/tops/tees");
  });

  it("keeps lower-cased filter pairs of the product's attributes and this variant's options only", () => {
    expect(small?.filter_pairs.sort()).toEqual(['["colour","blue"]', '["material","cotton"]', '["size","s"]']);
    expect(medium?.filter_pairs).toContain('["size","m"]');
    expect(medium?.filter_pairs).not.toContain('["size","s"]');
  });

  it("keeps the product's facet pairs as written, once each without regard to case, on every variant", () => {
    const expected = ['["Material","Cotton"]', '["colour","Blue"]', '["size","M"]', '["size","S"]'];
    expect(small?.facet_pairs.sort()).toEqual(expected);
    expect(medium?.facet_pairs.sort()).toEqual(expected);
    expect(small?.attribute_text.split(" ").sort()).toEqual(["Blue", "Cotton", "M", "S", "blue"].sort());
  });

  it("stores the popularity factor that, with the stock and featured weights, gives relevanceBoost", () => {
    expect(popularityFactor(0)).toBe(1);
    expect(popularityFactor(999)).toBeCloseTo(1.3, 10);
    expect(small!.popularity * 3 * 1.2).toBeCloseTo(relevanceBoost(tee), 10);
  });

  it("stands a product without variants in with one out-of-stock document, so it can still be found", () => {
    const bare = toVariantDocuments({ ...tee, variants: [], inStock: false, brand: null, categoryPaths: [] });
    expect(bare).toHaveLength(1);
    expect(bare[0]).toMatchObject({
      doc_id: "prod_1:",
      sku: null,
      price: 1999,
      in_stock: false,
      brand: null,
      primary_category: null,
      category_path: [],
    });
  });
});

describe("bulk operations", () => {
  const documents = toVariantDocuments(tee);

  it("indexes or creates each document under its id in the target", () => {
    expect(indexOperations("products", documents).map((operation) => operation.action)).toEqual([
      { index: { _index: "products", _id: "prod_1:TEE-S" } },
      { index: { _index: "products", _id: "prod_1:TEE-M" } },
    ]);
    expect(indexOperations("products_next", documents, { create: true })[0]?.action).toEqual({
      create: { _index: "products_next", _id: "prod_1:TEE-S" },
    });
  });

  it("lays out the body as action, document, and a bare action for deletes", () => {
    const body = bulkBody([...indexOperations("products", documents.slice(0, 1)), ...deleteOperations("products", ["prod_1:TEE-XL"])]);
    expect(body).toEqual([
      { index: { _index: "products", _id: "prod_1:TEE-S" } },
      documents[0],
      { delete: { _index: "products", _id: "prod_1:TEE-XL" } },
    ]);
  });
});
