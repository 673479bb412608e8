import { describe, expect, it } from "vitest";
import { childPath, findVariant, isPurchasable, priceRange, slugify, SLUG_PATTERN, validateProduct } from "./catalog-rules.js";
import type { Product, Variant } from "./product.js";

const variant = (sku: string, price: number, status: Variant["status"] = "active"): Variant => ({
  sku,
  options: {},
  price,
  status,
  lowStockThreshold: 5,
});

const product = (overrides: Partial<Product> = {}): Product => ({
  id: "prod-1",
  slug: "classic-tee",
  name: "Classic Tee",
  description: "",
  brand: "Acme",
  status: "active",
  featured: false,
  taxClass: "standard",
  categoryIds: ["cat-1"],
  images: [],
  attributes: {},
  variants: [variant("TEE-S", 1999), variant("TEE-L", 2499), variant("TEE-XL", 999, "archived")],
  rating: { average: 0, count: 0 },
  relatedProductIds: [],
  createdAt: new Date("2025-01-01T00:00:00Z"),
  updatedAt: new Date("2025-01-01T00:00:00Z"),
  ...overrides,
});

describe("slugify", () => {
  it("makes lower-case ASCII words joined by single dashes", () => {
    expect(slugify("Crème Brûlée Set!")).toBe("creme-brulee-set");
    expect(slugify("  T-Shirts & Tops -- 2025 ")).toBe("t-shirts-tops-2025");
    expect(slugify("Straße Øl Æble Łódź")).toBe("strasse-ol-aeble-lodz");
    expect(slugify("ＡＢＣ１")).toBe("abc1");
    expect(slugify("!!!")).toBe("");
  });

  it("produces slugs that pass the slug pattern", () => {
    for (const text of ["Crème Brûlée", "a  b", "Ünïcödé---Tëxt"]) expect(SLUG_PATTERN.test(slugify(text)), text).toBe(true);
  });
});

describe("childPath", () => {
  it("joins slugs with slashes under the parent", () => {
    expect(childPath(null, "apparel")).toBe("apparel");
    expect(childPath("", "apparel")).toBe("apparel");
    expect(childPath("apparel", "tops")).toBe("apparel/tops");
    expect(childPath("apparel/tops", "t-shirts")).toBe("apparel/tops/t-shirts");
  });
});

describe("variants", () => {
  it("price range covers active variants only", () => {
    expect(priceRange(product())).toEqual({ min: 1999, max: 2499 });
    expect(priceRange(product({ variants: [variant("A", 100, "archived")] }))).toBeNull();
  });

  it("finds a variant by SKU", () => {
    expect(findVariant(product(), "TEE-L")?.price).toBe(2499);
    expect(findVariant(product(), "NOPE")).toBeUndefined();
  });

  it("is purchasable only when product and variant are active", () => {
    expect(isPurchasable(product(), "TEE-S")).toBe(true);
    expect(isPurchasable(product(), "TEE-XL")).toBe(false);
    expect(isPurchasable(product(), "NOPE")).toBe(false);
    expect(isPurchasable(product({ status: "draft" }), "TEE-S")).toBe(false);
    expect(isPurchasable(product({ status: "archived" }), "TEE-S")).toBe(false);
  });
});

describe("validateProduct", () => {
  it("accepts a well-formed product", () => {
    expect(validateProduct(product())).toEqual([]);
  });

  it("names every broken field", () => {
    const issues = validateProduct(
      product({
        slug: "Classic Tee",
        name: "  ",
        categoryIds: ["cat-1", "cat-2", "cat-1"],
        variants: [variant("A", 100), variant("A", -1), { ...variant(" ", 1.5), lowStockThreshold: -1 }],
      }),
    );
    expect(issues).toEqual([
      { path: "slug", message: "must be lower-case letters and digits separated by single dashes, such as classic-tee" },
      { path: "name", message: "is required" },
      { path: "variants[1].sku", message: "A appears more than once" },
      { path: "variants[1].price", message: "must be a non-negative whole number of minor units" },
      { path: "variants[2].sku", message: "is required" },
      { path: "variants[2].price", message: "must be a non-negative whole number of minor units" },
      { path: "variants[2].lowStockThreshold", message: "must be a non-negative whole number" },
      { path: "categoryIds[2]", message: "category cat-1 appears more than once" },
    ]);
  });

  it("needs at least one variant and rejects malformed slugs", () => {
    expect(validateProduct(product({ variants: [] }))).toEqual([{ path: "variants", message: "must have at least one variant" }]);
    for (const slug of ["", "-tee", "tee-", "classic--tee", "tee_1", "Tee"])
      expect(
        validateProduct(product({ slug })).map((i) => i.path),
        slug,
      ).toEqual(["slug"]);
  });
});
