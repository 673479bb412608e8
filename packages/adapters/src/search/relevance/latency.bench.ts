/**
 * Search latency probe, not a test: indexes 10,000 generated products in the
 * SQLite and PostgreSQL adapters, runs the same ~200 mixed queries (typos,
 * synonyms, filters, sorts, facets always counted) and 50 autocompletes on each,
 * and prints p50/p99 — of the engines themselves: the adapters' result caches are
 * off. Run from the repository root:
 *
 *   node --import tsx --conditions=@emporium/source packages/adapters/src/search/relevance/latency.bench.ts
 *
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local test server;
 * a fresh schema is created and dropped. Unreachable → its line says so.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import {
  slugify,
  type Category,
  type Product,
  type ProductRow,
  type SearchDocument,
  type SearchIndex,
  type SearchQuery,
  type StockLevel,
} from "@emporium/domain";
import { generateDemoCatalog } from "../../seed/demo-catalog.js";
import { SeededRandom } from "../../seed/seeded-random.js";
import { createDatabase, type SqlDatabase } from "../../sql/create-database.js";
import { PostgresSearchIndex } from "../pg/postgres-search-index.js";
import { toSearchDocument } from "../search-document.js";
import { SqliteSearchIndex } from "../sql/sqlite-search-index.js";

const PRODUCTS = 10_000;
const QUERIES = 200;
const SUGGESTS = 50;
const BATCH = 500;
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The demo catalogue as search documents: categories from the paths, stock and sales as generated. */
function catalogue(): SearchDocument[] {
  const random = new SeededRandom(7);
  const byProduct = new Map<string, ProductRow[]>();
  for (const row of generateDemoCatalog({ products: PRODUCTS })) byProduct.set(row.product, [...(byProduct.get(row.product) ?? []), row]);
  const categories = new Map<string, Category>();
  const categoryOf = (names: readonly string[]): Category => {
    const path = names.map(slugify).join("/");
    const known = categories.get(path);
    if (known !== undefined) return known;
    const category: Category = {
      id: path,
      slug: slugify(names.at(-1) ?? path),
      name: names.at(-1) ?? path,
      parentId: null,
      path,
      position: 0,
      attributeDefinitions: [],
    };
    categories.set(path, category);
    return category;
  };
  return [...byProduct.values()].map((rows, index) => {
    const head = rows[0] as ProductRow;
    const created = new Date(Date.UTC(2030, 0, 1) + index * 60_000);
    const product: Product = {
      id: head.product,
      slug: head.product,
      name: head.name,
      description: head.description ?? "",
      brand: head.brand ?? null,
      status: "active",
      featured: head.featured ?? false,
      taxClass: "standard",
      categoryIds: head.categoryPaths.map((names) => categoryOf(names).id),
      images: [],
      attributes: { ...head.attributes },
      variants: rows.map((row) => ({
        sku: row.sku,
        options: { ...row.options },
        price: row.price,
        status: "active",
        lowStockThreshold: 2,
      })),
      rating: { average: random.int(20, 50) / 10, count: random.int(0, 40) },
      relatedProductIds: [],
      createdAt: created,
      updatedAt: created,
    };
    const levels: StockLevel[] = rows.map((row) => ({ sku: row.sku, onHand: row.stock ?? 0, reserved: 0, lowStockThreshold: 2 }));
    return toSearchDocument(product, [...categories.values()], levels, random.int(0, 500));
  });
}

const WORDS = [
  "headphones",
  "bluetooth speaker",
  "classic tee",
  "wireless mouse",
  "sofa",
  "laptop",
  "yoga mat",
  "desk lamp",
  "jeans",
  "hoodie",
  "frying pan",
  "mechanical keyboard",
];
const TYPOS = [
  "hedphones",
  "blutooth speeker",
  "wireles mous",
  "sofs",
  "lapotp",
  "yoga matt",
  "keybord",
  "sneekers",
  "hoddie",
  "frying pna",
  "noise cancelation",
  "ergonomc mouse",
];
const SYNONYMS = ["tee", "notebook", "couch", "trainers", "jumper", "earphones", "t-shirt", "television"];
const PREFIXES = ["bluetooth spea", "noise canc", "classic t", "gaming lap", "reading la"];
const FILTERS: Partial<SearchQuery>[] = [
  {},
  {},
  { categoryPath: "apparel" },
  { categoryPath: "apparel/tops/t-shirts", attributes: { size: "M", colour: "blue" } },
  { attributes: { size: "M" }, inStock: true },
  { minPrice: 2500, maxPrice: 10000 },
  { categoryPath: "home/furniture", minPrice: 50000 },
  { inStock: true, sort: "price_asc" },
  { sort: "newest" },
  { sort: "popular" },
  { brand: "Acme" },
];

/** The same mixed queries for every adapter: a third plain, a third with typos, the rest synonyms, prefixes and browsing. */
function queries(): SearchQuery[] {
  const random = new SeededRandom(11);
  return Array.from({ length: QUERIES }, (_, i) => {
    const pool = [WORDS, TYPOS, TYPOS, SYNONYMS, PREFIXES, [""]][i % 6] as readonly string[];
    return { q: random.pick(pool), page: random.chance(0.1) ? 2 : 1, limit: 20, ...random.pick(FILTERS) };
  });
}

const SUGGEST_PREFIXES = ["hea", "blu", "sof", "cla", "lap", "yog", "des", "mec", "hed", "blutoo", "wir", "noise c", "gam", "fry", "lam"];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function measure(name: string, index: SearchIndex, documents: readonly SearchDocument[]): Promise<string> {
  const indexing = await time(() =>
    index.reindex(
      (async function* () {
        for (let i = 0; i < documents.length; i += BATCH) yield documents.slice(i, i + BATCH);
      })(),
    ),
  );
  const mixed = queries();
  const prefixes = Array.from({ length: SUGGESTS }, (_, i) => SUGGEST_PREFIXES[i % SUGGEST_PREFIXES.length] as string);
  // One untimed pass warms caches and plans, as a running server would have.
  for (const query of mixed) await index.search(query);
  const searches: number[] = [];
  let hits = 0;
  for (const query of mixed) {
    searches.push(await time(async () => (hits += (await index.search(query)).total > 0 ? 1 : 0)));
  }
  const suggests: number[] = [];
  for (const prefix of prefixes) suggests.push(await time(() => index.suggest(prefix, 8)));
  searches.sort((a, b) => a - b);
  suggests.sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return (
    `${name.padEnd(8)} index ${(indexing / 1000).toFixed(1)} s | search p50 ${ms(percentile(searches, 0.5))} p99 ${ms(percentile(searches, 0.99))} ` +
    `(${hits}/${mixed.length} with hits) | suggest p50 ${ms(percentile(suggests, 0.5))} p99 ${ms(percentile(suggests, 0.99))}`
  );
}

async function sqliteLine(documents: readonly SearchDocument[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "emporium-search-bench-"));
  const database = await createDatabase({ url: `sqlite:${join(dir, "bench.db")}` });
  try {
    return await measure("sqlite", new SqliteSearchIndex(database.db, { cacheSize: 0 }), documents);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresLine(documents: readonly SearchDocument[]): Promise<string> {
  const schema = `bench_search_${Date.now().toString(36)}`;
  let admin: SqlDatabase | undefined;
  let database: SqlDatabase | undefined;
  try {
    admin = await createDatabase({ url: POSTGRES_URL, poolSize: 1 });
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin.db);
  } catch (error) {
    await admin?.close();
    return `postgres skipped: ${POSTGRES_URL.replace(/:[^:@/]*@/, ":***@")} unreachable (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    database = await createDatabase({ url: POSTGRES_URL, schema, poolSize: 4 });
    return await measure("postgres", new PostgresSearchIndex(database.db, { cacheSize: 0 }), documents);
  } finally {
    await database?.close();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(admin.db);
    await admin.close();
  }
}

const documents = catalogue();
const variants = documents.reduce((sum, document) => sum + document.variants.length, 0);
console.log(
  `search latency: ${documents.length} products (${variants} variants), ${QUERIES} mixed queries and ${SUGGESTS} suggests per adapter, sequential, after one warm-up pass`,
);
console.log(await sqliteLine(documents));
console.log(await postgresLine(documents));
