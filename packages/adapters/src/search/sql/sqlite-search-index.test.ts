import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Category, Product, SearchDocument, SearchQuery, StockLevel } from "@emporium/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toSearchDocument } from "../search-document.js";
import { SqliteSearchIndex } from "./sqlite-search-index.js";
import type { SearchDatabase } from "./sqlite-search-tables.js";

const category = (id: string, path: string, name: string): Category => ({
  id,
  slug: path.split("/").at(-1)!,
  name,
  parentId: null,
  path,
  position: 0,
  attributeDefinitions: [],
});

const CATEGORIES = [
  category("audio", "electronics/audio", "Audio"),
  category("computers", "electronics/computers", "Computers"),
  category("tv", "electronics/tv", "Televisions"),
  category("tops", "apparel/tops", "Tops"),
  category("shoes", "apparel/shoes", "Shoes"),
  category("furniture", "home/furniture", "Furniture"),
  category("kitchen", "home/kitchen", "Kitchen"),
  category("sale", "sale", "Sale"),
];

interface Spec {
  id: string;
  name: string;
  brand: string;
  categories: string[];
  description?: string;
  attributes?: Record<string, string>;
  /** One default variant at this price, or the listed variants. */
  price?: number;
  stock?: number;
  variants?: { options: Record<string, string>; price: number; stock: number }[];
  featured?: boolean;
  rating?: number;
  sales?: number;
  day?: number;
}

function documentFor(spec: Spec): SearchDocument {
  const variants = spec.variants ?? [{ options: {}, price: spec.price ?? 1000, stock: spec.stock ?? 10 }];
  const skus = variants.map((variant, index) => ({ ...variant, sku: `${spec.id}-${index}` }));
  const product: Product = {
    id: spec.id,
    slug: spec.id,
    name: spec.name,
    description: spec.description ?? "",
    brand: spec.brand,
    status: "active",
    featured: spec.featured ?? false,
    taxClass: "standard",
    categoryIds: spec.categories,
    images: [],
    attributes: spec.attributes ?? {},
    variants: skus.map(({ sku, options, price }) => ({ sku, options, price, status: "active", lowStockThreshold: 2 })),
    rating: { average: spec.rating ?? 0, count: spec.rating === undefined ? 0 : 3 },
    relatedProductIds: [],
    createdAt: new Date(Date.UTC(2030, 0, spec.day ?? 1)),
    updatedAt: new Date(Date.UTC(2030, 0, spec.day ?? 1)),
  };
  const levels: StockLevel[] = skus.map(({ sku, stock }) => ({ sku, onHand: stock, reserved: 0, lowStockThreshold: 2 }));
  return toSearchDocument(product, CATEGORIES, levels, spec.sales ?? 0);
}

const CATALOGUE: Spec[] = [
  {
    id: "p01",
    name: "Studio Headphones",
    brand: "Sonora",
    categories: ["audio"],
    price: 8999,
    featured: true,
    rating: 4.6,
    sales: 120,
    day: 3,
    description: "Over-ear wireless headphones with active noise cancelling.",
  },
  {
    id: "p02",
    name: "Travel Headset",
    brand: "Sonora",
    categories: ["audio"],
    price: 4999,
    rating: 4.1,
    sales: 40,
    day: 4,
    description: "A light headset with a boom microphone for calls on the go.",
  },
  {
    id: "p03",
    name: "Budget Headphones",
    brand: "Acme",
    categories: ["audio"],
    price: 1999,
    stock: 0,
    rating: 3.2,
    sales: 300,
    day: 5,
    description: "Wired on-ear headphones for everyday listening.",
  },
  {
    id: "p04",
    name: "Bluetooth Speaker Mini",
    brand: "Sonora",
    categories: ["audio"],
    price: 2999,
    rating: 4.3,
    sales: 80,
    day: 6,
    description: "Pocket-sized wireless speaker, ten hours of play.",
  },
  {
    id: "p05",
    name: "Bluetooth Speaker Max",
    brand: "Boomr",
    categories: ["audio"],
    price: 12999,
    rating: 4.8,
    sales: 60,
    day: 7,
    description: "Room-filling wireless speaker with deep bass.",
  },
  {
    id: "p06",
    name: "Portable Radio",
    brand: "Acme",
    categories: ["audio"],
    price: 3999,
    rating: 3.9,
    day: 8,
    description: "FM and DAB radio with a hand crank.",
  },
  {
    id: "p07",
    name: "Ultrabook Laptop 14",
    brand: "Compute Co",
    categories: ["computers"],
    price: 89999,
    rating: 4.5,
    sales: 25,
    day: 9,
    description: "A thin and light laptop with all-day battery.",
  },
  {
    id: "p08",
    name: "Gaming Laptop 17",
    brand: "Compute Co",
    categories: ["computers"],
    price: 149999,
    stock: 0,
    rating: 4.7,
    sales: 30,
    day: 10,
    description: "A powerful laptop for games and video editing.",
  },
  {
    id: "p09",
    name: "Wireless Mouse",
    brand: "Acme",
    categories: ["computers"],
    price: 1999,
    rating: 4.0,
    sales: 500,
    day: 11,
    description: "Quiet clicks, two-year battery.",
  },
  {
    id: "p10",
    name: "4K Smart Television 55",
    brand: "Visio",
    categories: ["tv"],
    price: 59999,
    rating: 4.2,
    day: 12,
    description: "A 55 inch smart screen with HDR.",
  },
  {
    id: "p11",
    name: "Classic T-Shirt",
    brand: "Threadly",
    categories: ["tops"],
    attributes: { material: "cotton" },
    rating: 4.4,
    sales: 200,
    day: 13,
    description: "Soft everyday shirt.",
    variants: [
      { options: { size: "S", colour: "blue" }, price: 1999, stock: 5 },
      { options: { size: "M", colour: "blue" }, price: 1999, stock: 5 },
      { options: { size: "M", colour: "red" }, price: 1999, stock: 0 },
      { options: { size: "L", colour: "red" }, price: 2199, stock: 5 },
    ],
  },
  {
    id: "p12",
    name: "Organic Cotton Tee",
    brand: "Threadly",
    categories: ["tops", "sale"],
    attributes: { material: "organic cotton" },
    rating: 4.0,
    day: 14,
    description: "Grown without pesticides.",
    variants: [
      { options: { size: "M", colour: "blue" }, price: 2499, stock: 0 },
      { options: { size: "M", colour: "green" }, price: 2499, stock: 3 },
      { options: { size: "L", colour: "blue" }, price: 2499, stock: 3 },
    ],
  },
  {
    id: "p13",
    name: "Graphic Tee",
    brand: "Acme",
    categories: ["tops"],
    attributes: { material: "cotton" },
    rating: 3.5,
    day: 15,
    description: "Bold print on the front.",
    variants: [
      { options: { size: "M", colour: "red" }, price: 1499, stock: 4 },
      { options: { size: "L", colour: "blue" }, price: 1499, stock: 4 },
    ],
  },
  {
    id: "p14",
    name: "Running Sneakers",
    brand: "Stride",
    categories: ["shoes"],
    rating: 4.5,
    sales: 90,
    day: 16,
    description: "Cushioned soles for long runs.",
    variants: [
      { options: { size: "42", colour: "white" }, price: 7999, stock: 2 },
      { options: { size: "43", colour: "white" }, price: 7999, stock: 2 },
    ],
  },
  {
    id: "p15",
    name: "Leather Boots",
    brand: "Stride",
    categories: ["shoes"],
    price: 15999,
    rating: 4.1,
    day: 17,
    description: "Waterproof leather, resoled for life.",
  },
  {
    id: "p16",
    name: "Velvet Sofa",
    brand: "Homely",
    categories: ["furniture"],
    price: 79999,
    rating: 4.9,
    day: 18,
    description: "Three seats of deep velvet.",
  },
  {
    id: "p17",
    name: "Oak Coffee Table",
    brand: "Homely",
    categories: ["furniture"],
    price: 24999,
    rating: 4.3,
    day: 19,
    description: "Solid oak, oiled by hand.",
  },
  {
    id: "p18",
    name: "Crème Brûlée Torch",
    brand: "Acme",
    categories: ["kitchen"],
    price: 2999,
    rating: 4.0,
    day: 20,
    description: "Caramelise sugar like a pastry chef.",
  },
  {
    id: "p19",
    name: "Zip Hoodie",
    brand: "Threadly",
    categories: ["tops"],
    attributes: { material: "fleece" },
    price: 3999,
    stock: 0,
    day: 21,
    description: "Warm fleece with a full zip.",
  },
  {
    id: "p20",
    name: "Notebook Sleeve 14",
    brand: "Compute Co",
    categories: ["computers"],
    price: 2200,
    day: 22,
    description: "Padded felt sleeve for 14 inch computers.",
  },
];

const query = (q: string, rest: Partial<SearchQuery> = {}): SearchQuery => ({ q, page: 1, limit: 50, ...rest });

describe("SqliteSearchIndex", () => {
  let sqlite: Database.Database;
  let db: SearchDatabase;
  let index: SqliteSearchIndex;

  const ids = async (q: string, rest: Partial<SearchQuery> = {}) => (await index.search(query(q, rest))).hits.map((hit) => hit.productId);

  beforeEach(async () => {
    sqlite = new Database(":memory:");
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    index = new SqliteSearchIndex(db);
    await index.index(CATALOGUE.map(documentFor));
  });

  afterEach(async () => {
    await db.destroy();
  });

  describe("matching", () => {
    it("finds a product by its exact name, first", async () => {
      expect(await ids("Wireless Mouse")).toEqual(["p09"]);
      expect((await ids("studio headphones"))[0]).toBe("p01");
    });

    it("finds words in brand, category, option values and description", async () => {
      expect(await ids("boomr")).toEqual(["p05"]);
      expect((await ids("furniture")).sort()).toEqual(["p16", "p17"]);
      expect((await ids("apparel")).sort()).toEqual(["p11", "p12", "p13", "p14", "p15", "p19"]);
      expect((await ids("green")).sort()).toEqual(["p12"]);
      expect(await ids("pesticides")).toEqual(["p12"]);
    });

    it("matches sizes and model numbers as typed, without correcting them", async () => {
      expect(await ids("55")).toEqual(["p10"]);
      expect(await ids("laptop 17")).toEqual(["p08"]);
      expect((await ids("laptop 14")).sort()).toEqual(["p07", "p20"]);
      expect(await ids("laptop 15")).toEqual([]);
    });

    it("ignores case and diacritics both ways", async () => {
      expect(await ids("creme brulee")).toEqual(["p18"]);
      expect(await ids("CRÈME")).toEqual(["p18"]);
      expect(await ids("caramélise")).toEqual(["p18"]);
    });

    it("completes the last word as a prefix, as you type", async () => {
      expect((await ids("bluetooth spea")).sort()).toEqual(["p04", "p05"]);
    });

    it("requires every word", async () => {
      expect(await ids("bluetooth speaker max")).toEqual(["p05"]);
      expect(await ids("velvet laptop")).toEqual([]);
    });

    it("corrects a misspelled word to the closest vocabulary word", async () => {
      const hits = await ids("hedphones");
      expect(hits.slice(0, 2).sort()).toEqual(["p01", "p02"]);
      expect(hits).toContain("p03");
      expect((await ids("blutooth speeker")).sort()).toEqual(["p04", "p05"]);
      expect(await ids("wireles mous")).toEqual(["p09"]);
      expect(await ids("wrieless")).toEqual(expect.arrayContaining(["p09", "p01"]));
    });

    it("leaves a query with a word that resembles nothing empty", async () => {
      const result = await index.search(query("speaker xqzvw"));
      expect(result.total).toBe(0);
      expect(result.hits).toEqual([]);
    });

    it("expands synonyms from the one list", async () => {
      expect((await ids("tee")).sort()).toEqual(["p11", "p12", "p13"]);
      expect((await ids("t-shirt")).sort()).toEqual(["p11", "p12", "p13"]);
      expect(await ids("notebook")).toEqual(expect.arrayContaining(["p07", "p08", "p20"]));
      expect(await ids("couch")).toEqual(["p16"]);
      expect(await ids("tv")).toEqual(["p10"]);
      expect(await ids("trainers")).toEqual(expect.arrayContaining(["p14"]));
    });

    it("corrects a misspelled synonym and expands it", async () => {
      expect((await ids("laptp")).sort()).toEqual(["p07", "p08", "p20"]);
    });
  });

  describe("filters", () => {
    it("keeps products with a variant that is size M and blue", async () => {
      expect((await ids("", { attributes: { size: "M", colour: "blue" } })).sort()).toEqual(["p11", "p12"]);
    });

    it("requires the same variant to be in stock when asked", async () => {
      expect(await ids("", { attributes: { size: "M", colour: "blue" }, inStock: true })).toEqual(["p11"]);
    });

    it("matches product attributes and options case-insensitively, together", async () => {
      expect((await ids("tee", { attributes: { MATERIAL: "Cotton", size: "m" } })).sort()).toEqual(["p11", "p13"]);
    });

    it("keeps products with a variant in the price range", async () => {
      expect((await ids("", { minPrice: 2000, maxPrice: 5000 })).sort()).toEqual(["p02", "p04", "p06", "p11", "p12", "p18", "p19", "p20"]);
    });

    it("filters by category path prefix, over every category of a product", async () => {
      expect((await ids("", { categoryPath: "apparel" })).sort()).toEqual(["p11", "p12", "p13", "p14", "p15", "p19"]);
      expect((await ids("", { categoryPath: "apparel/tops" })).sort()).toEqual(["p11", "p12", "p13", "p19"]);
      expect(await ids("", { categoryPath: "sale" })).toEqual(["p12"]);
      expect(await ids("", { categoryPath: "app" })).toEqual([]);
    });

    it("filters by brand and by stock", async () => {
      expect((await ids("", { brand: "sonora" })).sort()).toEqual(["p01", "p02", "p04"]);
      expect((await ids("", { inStock: false })).sort()).toEqual(["p03", "p08", "p19"]);
      expect((await ids("headphones", { inStock: true })).sort()).toEqual(["p01", "p02"]);
    });

    it("lists everything matching the filters for an empty query", async () => {
      const result = await index.search(query("  ", { brand: "Acme" }));
      expect(result.total).toBe(5);
    });
  });

  describe("facets", () => {
    it("counts category, brand, price, stock and attributes over the matched set", async () => {
      const { total, facets } = await index.search(query("", { categoryPath: "apparel/tops" }));
      expect(total).toBe(4);
      expect(facets.category).toEqual([{ value: "apparel/tops", count: 4 }]);
      expect(facets.brand).toEqual([
        { value: "Threadly", count: 3 },
        { value: "Acme", count: 1 },
      ]);
      expect(facets.price).toEqual([
        { from: 0, to: 2500, count: 3 },
        { from: 2500, to: 5000, count: 1 },
        { from: 5000, to: 10000, count: 0 },
        { from: 10000, to: 25000, count: 0 },
        { from: 25000, to: null, count: 0 },
      ]);
      expect(facets.inStock).toEqual([
        { value: "true", count: 3 },
        { value: "false", count: 1 },
      ]);
      expect(facets.attributes).toEqual({
        colour: [
          { value: "blue", count: 3 },
          { value: "red", count: 2 },
          { value: "green", count: 1 },
        ],
        material: [
          { value: "cotton", count: 2 },
          { value: "fleece", count: 1 },
          { value: "organic cotton", count: 1 },
        ],
        size: [
          { value: "L", count: 3 },
          { value: "M", count: 3 },
          { value: "S", count: 1 },
        ],
      });
    });

    it("counts facets of a text query", async () => {
      const { facets } = await index.search(query("speaker"));
      expect(facets.brand).toEqual([
        { value: "Boomr", count: 1 },
        { value: "Sonora", count: 1 },
      ]);
      expect(facets.price.map((bucket) => bucket.count)).toEqual([0, 1, 0, 1, 0]);
      expect(facets.category).toEqual([{ value: "electronics/audio", count: 2 }]);
    });
  });

  describe("ranking and sorting", () => {
    it("ranks out-of-stock products below in-stock ones", async () => {
      const headphones = await ids("headphones");
      expect(headphones.at(-1)).toBe("p03");
      expect(await ids("laptop")).toEqual(expect.arrayContaining(["p07", "p08"]));
      const laptops = await ids("laptop");
      expect(laptops.indexOf("p07")).toBeLessThan(laptops.indexOf("p08"));
    });

    it("returns positive scores in descending order for relevance", async () => {
      const { hits } = await index.search(query("wireless"));
      expect(hits.length).toBeGreaterThan(2);
      expect(hits.every((hit) => hit.score > 0)).toBe(true);
      expect([...hits].sort((a, b) => b.score - a.score)).toEqual(hits);
    });

    it("sorts by price, rating, popularity and age", async () => {
      const tops = { categoryPath: "apparel/tops" };
      expect(await ids("", { ...tops, sort: "price_asc" })).toEqual(["p13", "p11", "p12", "p19"]);
      expect(await ids("", { ...tops, sort: "price_desc" })).toEqual(["p19", "p12", "p11", "p13"]);
      expect(await ids("", { ...tops, sort: "rating" })).toEqual(["p11", "p12", "p13", "p19"]);
      expect((await ids("", { sort: "popular" })).slice(0, 3)).toEqual(["p09", "p03", "p11"]);
      expect((await ids("", { sort: "newest" })).slice(0, 2)).toEqual(["p20", "p19"]);
    });

    it("pages through the hits", async () => {
      const all = await ids("", { sort: "newest" });
      const page2 = await index.search(query("", { sort: "newest", page: 2, limit: 3 }));
      expect(page2.hits.map((hit) => hit.productId)).toEqual(all.slice(3, 6));
      expect(page2.total).toBe(20);
      const beyond = await index.search(query("", { page: 99, limit: 10 }));
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(20);
    });
  });

  describe("suggest", () => {
    it("completes 3-letter prefixes with product names, then words", async () => {
      const suggestions = await index.suggest("hea", 10);
      expect(suggestions.slice(0, 3).sort()).toEqual(["Budget Headphones", "Studio Headphones", "Travel Headset"]);
      expect(suggestions).toEqual(expect.arrayContaining(["headphones", "headset"]));
      expect(await index.suggest("blu", 2)).toEqual(["Bluetooth Speaker Mini", "Bluetooth Speaker Max"]);
    });

    it("puts names that start with the prefix first", async () => {
      expect(await index.suggest("spe", 3)).toEqual(["Bluetooth Speaker Mini", "Bluetooth Speaker Max", "speaker"]);
      await index.index([documentFor({ id: "p21", name: "Speaker Stand", brand: "Acme", categories: ["audio"], price: 999, stock: 0 })]);
      expect(await index.suggest("spe", 3)).toEqual(["Speaker Stand", "Bluetooth Speaker Mini", "Bluetooth Speaker Max"]);
    });

    it("tolerates a typo in a prefix of 3 letters or more", async () => {
      expect(await index.suggest("hed", 10)).toEqual(expect.arrayContaining(["Studio Headphones", "Travel Headset"]));
      expect(await index.suggest("blutoo", 10)).toEqual(expect.arrayContaining(["Bluetooth Speaker Max"]));
    });

    it("completes the last word of a multi-word prefix", async () => {
      expect(await index.suggest("bluetooth speaker m", 5)).toEqual(
        expect.arrayContaining(["Bluetooth Speaker Mini", "Bluetooth Speaker Max"]),
      );
    });

    it("suggests nothing for an empty prefix or gibberish", async () => {
      expect(await index.suggest("   ", 5)).toEqual([]);
      expect(await index.suggest("xqzv", 5)).toEqual([]);
    });
  });

  describe("writes", () => {
    it("removes a product and the words only it used", async () => {
      await index.remove(["p04"]);
      expect(await ids("bluetooth speaker")).toEqual(["p05"]);
      expect(await ids("mini")).toEqual([]);
      expect(await index.suggest("mini", 5)).toEqual([]);
      const words = sqlite.prepare("SELECT term FROM search_terms WHERE term = 'mini'").all();
      expect(words).toEqual([]);
      const trigrams = sqlite.prepare("SELECT count(*) AS n FROM search_trigrams WHERE term = 'mini'").get() as { n: number };
      expect(trigrams.n).toBe(0);
    });

    it("removes a product from the facet counts", async () => {
      await index.remove(["p13"]);
      const { facets } = await index.search(query("", { categoryPath: "apparel/tops" }));
      expect(facets.attributes["colour"]).toEqual([
        { value: "blue", count: 2 },
        { value: "green", count: 1 },
        { value: "red", count: 1 },
      ]);
      const orphans = sqlite
        .prepare("SELECT count(*) AS n FROM search_facets WHERE doc_id NOT IN (SELECT doc_id FROM search_documents)")
        .get() as { n: number };
      expect(orphans.n).toBe(0);
    });

    it("replaces a product on re-index, dropping its old words and filters", async () => {
      await index.index([documentFor({ ...CATALOGUE[5]!, name: "Portable Turntable", description: "Plays vinyl." })]);
      expect(await ids("turntable")).toEqual(["p06"]);
      expect(await ids("radio")).toEqual([]);
      expect(await ids("", { attributes: { colour: "blue" } })).not.toContain("p06");
      expect((await index.search(query(""))).total).toBe(20);
    });
  });

  describe("reindex", () => {
    it("keeps answering from the old index until the new one is complete, then swaps", async () => {
      const seenDuringRebuild: string[][] = [];
      const replacement = CATALOGUE.filter((spec) => spec.id !== "p06").map(documentFor);
      const turntable = documentFor({ id: "p21", name: "Turntable", brand: "Acme", categories: ["audio"], price: 19999 });
      async function* source() {
        yield replacement.slice(0, 10);
        seenDuringRebuild.push(
          await ids("radio"),
          (await ids("turntable")).filter((id) => id === "p21"),
        );
        yield [...replacement.slice(10), turntable];
        seenDuringRebuild.push(await ids("radio"));
      }
      const result = await index.reindex(source());
      expect(result).toEqual({ indexed: 20 });
      expect(seenDuringRebuild).toEqual([["p06"], [], ["p06"]]);
      expect(await ids("radio")).toEqual([]);
      expect(await ids("turntable")).toEqual(["p21"]);
      expect(await ids("hedphones")).toContain("p01");
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%__next%'").all();
      expect(tables).toEqual([]);
    });

    it("keeps writes made during the rebuild", async () => {
      async function* source() {
        yield CATALOGUE.slice(0, 10).map(documentFor);
        await index.index([documentFor({ id: "p22", name: "Record Cleaner", brand: "Acme", categories: ["audio"], price: 999 })]);
        await index.remove(["p01"]);
        yield CATALOGUE.slice(10)
          .map(documentFor)
          .filter((document) => document.productId !== "p01");
      }
      await index.reindex(source());
      expect(await ids("record cleaner")).toEqual(["p22"]);
      expect(await ids("studio")).not.toContain("p01");
      expect((await ids("", { brand: "Sonora" })).sort()).toEqual(["p02", "p04"]);
      expect((await index.search(query(""))).total).toBe(20);
    });

    it("leaves the live index untouched when the source fails", async () => {
      async function* source(): AsyncGenerator<SearchDocument[]> {
        yield [documentFor(CATALOGUE[0]!)];
        throw new Error("database went away");
      }
      await expect(index.reindex(source())).rejects.toThrow("database went away");
      expect((await index.search(query(""))).total).toBe(20);
      await index.reindex(
        (async function* () {
          yield [documentFor(CATALOGUE[0]!)];
        })(),
      );
      expect((await index.search(query(""))).total).toBe(1);
    });

    it("refuses a second reindex while one runs", async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      async function* slow() {
        await gate;
        yield [documentFor(CATALOGUE[0]!)];
      }
      const first = index.reindex(slow());
      await expect(index.reindex(slow())).rejects.toThrow(/already running/);
      release();
      await expect(first).resolves.toEqual({ indexed: 1 });
    });
  });

  describe("cached results", () => {
    it("answers a repeated search by reading only the index version", async () => {
      const statements: string[] = [];
      const logged = new Kysely<unknown>({
        dialect: new SqliteDialect({ database: sqlite }),
        log: (event) => void statements.push(event.query.sql),
      });
      const cached = new SqliteSearchIndex(logged);
      const first = await cached.search(query("sofa", { categoryPath: "home" }));
      const before = statements.length;
      const second = await cached.search(query("Sofa", { categoryPath: "home" }));
      expect(second).toEqual(first);
      expect(statements.slice(before)).toEqual([expect.stringMatching(/SELECT version FROM "search_state"/)]);
      // A different query is searched.
      await cached.search(query("sofa", { categoryPath: "home", sort: "price_asc" }));
      expect(statements.length - before).toBeGreaterThan(2);
    });

    it("retires cached results on every write: index, remove and reindex", async () => {
      expect(await ids("sofa")).toEqual(["p16"]);
      await index.index([documentFor({ ...CATALOGUE[15]!, id: "p21", name: "Corner Sofa" })]);
      expect((await ids("sofa")).sort()).toEqual(["p16", "p21"]);
      await index.remove(["p16"]);
      expect(await ids("sofa")).toEqual(["p21"]);
      await index.reindex(
        (async function* () {
          yield [documentFor(CATALOGUE[15]!)];
        })(),
      );
      expect(await ids("sofa")).toEqual(["p16"]);
    });

    it("retires cached results on a write from another connection to the same file", async () => {
      const dir = mkdtempSync(join(tmpdir(), "emporium-search-"));
      const open = () => new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(join(dir, "shop.db")) }) });
      const [first, second] = [open(), open()];
      try {
        const reader = new SqliteSearchIndex(first);
        const writer = new SqliteSearchIndex(second);
        await writer.index(CATALOGUE.map(documentFor));
        expect((await reader.search(query("sofa"))).hits.map((hit) => hit.productId)).toEqual(["p16"]);
        await writer.remove(["p16"]);
        expect((await reader.search(query("sofa"))).hits).toEqual([]);
      } finally {
        await first.destroy();
        await second.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it("creates its tables once and shares them with another instance on the same database", async () => {
    await index.ensureSchema();
    const again = new SqliteSearchIndex(db);
    expect((await again.search(query("sofa"))).hits.map((hit) => hit.productId)).toEqual(["p16"]);
  });
});
