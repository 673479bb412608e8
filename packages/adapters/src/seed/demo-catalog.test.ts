import { describe, expect, it } from "vitest";
import { DEMO_FAMILIES } from "./demo-families.js";
import { generateDemoCatalog } from "./demo-catalog.js";

const catalog = (products: number, seed?: number) => [...generateDemoCatalog({ products, ...(seed === undefined ? {} : { seed }) })];
const slugsOf = (rows: ReturnType<typeof catalog>) => [...new Set(rows.map((row) => row.product))];

describe("generateDemoCatalog", () => {
  it("gives the same rows for the same seed and different ones for another", () => {
    expect(catalog(60, 7)).toEqual(catalog(60, 7));
    expect(catalog(60, 8)).not.toEqual(catalog(60, 7));
  });

  it("makes exactly the products asked for, about 2.5 variants each", () => {
    const rows = catalog(400);
    expect(slugsOf(rows)).toHaveLength(400);
    const perProduct = rows.length / 400;
    expect(perProduct).toBeGreaterThan(2.1);
    expect(perProduct).toBeLessThan(2.9);
  });

  it("keeps SKUs unique, rows of a product together and numbered in order", () => {
    const rows = catalog(300);
    expect(new Set(rows.map((row) => row.sku)).size).toBe(rows.length);
    expect(rows.map((row) => row.rowNumber)).toEqual(rows.map((_, i) => i + 1));
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (i > 0 && rows[i - 1]!.product !== row.product) {
        expect(seen.has(row.product), `${row.product} appears in two runs`).toBe(false);
      }
      seen.add(row.product);
    });
  });

  it("starts each family with its plain name so common searches find something", () => {
    const names = new Set(catalog(DEMO_FAMILIES.length).map((row) => row.name));
    for (const name of ["Classic Tee", "Over-Ear Headphones", "Bluetooth Speaker", "Ultrabook 13 Laptop", "Three-Seat Sofa"]) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it("builds a category tree three levels deep at most, with realistic fields", () => {
    const rows = catalog(200);
    const paths = new Set(rows.map((row) => row.categoryPaths[0]!.join(" > ")));
    expect(paths).toContain("Apparel > Tops > T-Shirts");
    expect(paths).toContain("Audio > Headphones");
    expect(paths).toContain("Computers > Laptops");
    expect(paths).toContain("Home > Furniture > Sofas");
    for (const row of rows) {
      expect(row.categoryPaths[0]!.length).toBeLessThanOrEqual(3);
      expect(row.brand).toBeTruthy();
      expect(row.description!.length).toBeGreaterThan(20);
      expect(Object.keys(row.attributes).length).toBeGreaterThan(0);
      expect(row.images[0]).toBe(`https://images.emporium.example/${row.product}/1.jpg`);
      expect(Number.isSafeInteger(row.price) && row.price % 100 === 99).toBe(true);
      expect(Number.isSafeInteger(row.stock) && row.stock! >= 0).toBe(true);
    }
  });

  it("has sold-out variants, multi-variant products with options, and some featured products", () => {
    const rows = catalog(200);
    expect(rows.some((row) => row.stock === 0)).toBe(true);
    expect(rows.some((row) => row.options["size"] !== undefined && row.options["colour"] !== undefined)).toBe(true);
    const featured = new Set(rows.filter((row) => row.featured).map((row) => row.product));
    expect(featured.size).toBeGreaterThan(DEMO_FAMILIES.length - 1);
    expect(featured.size).toBeLessThan(200);
  });

  it("gives each variant of a product its own option values", () => {
    const byProduct = new Map<string, string[]>();
    for (const row of catalog(200)) byProduct.set(row.product, [...(byProduct.get(row.product) ?? []), JSON.stringify(row.options)]);
    for (const [slug, options] of byProduct) expect(new Set(options).size, slug).toBe(options.length);
  });
});
