import { SYSTEM_ACTOR, type ProductRow } from "@emporium/domain";
import type { EmporiumContainer } from "../container/create-container.js";
import { Tokens } from "../container/tokens.js";
import { DEMO_SEED, generateDemoCatalog } from "./demo-catalog.js";
import { SeededRandom } from "./seeded-random.js";

export interface SeedDemoOptions {
  /** Products to generate (default 200). */
  readonly products?: number;
  readonly seed?: number;
  /** Products per import transaction (default 50). */
  readonly batchSize?: number;
  /** Called after each batch with the products imported so far. */
  readonly onProgress?: (imported: number, total: number) => void;
}

export interface DemoSeedReport {
  /** false when the catalogue already had products and nothing was written. */
  readonly seeded: boolean;
  readonly products: number;
  readonly variants: number;
  readonly categoriesCreated: number;
  readonly reviews: number;
  /** The demo coupon code. */
  readonly coupon: string | null;
}

export const DEMO_COUPON = "WELCOME10";
const REVIEWED_PRODUCTS = 15;

// Review authors only: their passwords are random and never shown, so nobody can log in as them.
const DEMO_CUSTOMERS = [
  { email: "ada@demo.emporium.example", name: "Ada Lovelace" },
  { email: "grace@demo.emporium.example", name: "Grace Hopper" },
  { email: "alan@demo.emporium.example", name: "Alan Turing" },
] as const;

const REVIEWS = [
  { rating: 5, title: "Exactly as described", body: "Arrived quickly and the quality is better than I expected for the price." },
  { rating: 4, title: "Very good", body: "Does everything I wanted. Docking one star because the packaging was excessive." },
  { rating: 5, title: "Would buy again", body: "Second one I have bought; the first is still going strong after a year." },
  { rating: 3, title: "Decent", body: "Fine for everyday use, though the colour is a little different from the photos." },
  { rating: 4, title: "Great value", body: "Solid build and a fair price. Sizing runs slightly large." },
] as const;

const NO_REPORT: DemoSeedReport = { seeded: false, products: 0, variants: 0, categoriesCreated: 0, reviews: 0, coupon: null };

/**
 * Fills an empty shop with the demo catalogue (see `generateDemoCatalog`), a few reviews by
 * demo customers and the WELCOME10 coupon (10 % off). Does nothing when any product exists,
 * so it is safe on every start. Catalogue events go through the outbox as for any import;
 * deliver them (drain or background jobs) to fill the search index.
 */
export async function seedDemo(
  container: EmporiumContainer,
  { products = 200, seed = DEMO_SEED, batchSize = 50, onProgress }: SeedDemoOptions = {},
): Promise<DemoSeedReport> {
  const existing = await container.get(Tokens.Repositories).products.list({ limit: 1 });
  if (existing.items.length > 0) return NO_REPORT;

  const importer = container.useCase("ImportProducts");
  let imported = 0;
  let variants = 0;
  let categoriesCreated = 0;
  const reviewed: string[] = [];
  for (const batch of batchesOfProducts(generateDemoCatalog({ products, seed }), batchSize)) {
    const result = await importer.execute({ actor: SYSTEM_ACTOR, rows: batch.rows });
    if (!result.ok) throw new Error(`demo import failed: ${result.error.message}`);
    const rejected = result.value.rows.find((row) => typeof row.outcome !== "string");
    if (rejected !== undefined)
      throw new Error(`demo row ${rejected.rowNumber} (${rejected.sku}) was rejected: ${JSON.stringify(rejected.outcome)}`);
    imported += batch.products;
    variants += batch.rows.length;
    categoriesCreated += result.value.categoriesCreated;
    for (const row of batch.rows) if (reviewed.length < REVIEWED_PRODUCTS && !reviewed.includes(row.product)) reviewed.push(row.product);
    onProgress?.(imported, products);
  }

  const reviews = await postDemoReviews(container, reviewed, seed);
  const coupon = await createDemoCoupon(container);
  return { seeded: true, products: imported, variants, categoriesCreated, reviews, coupon };
}

/** Rows grouped into batches of whole products, so every product is imported in one transaction. */
function* batchesOfProducts(rows: Iterable<ProductRow>, productsPerBatch: number): Generator<{ rows: ProductRow[]; products: number }> {
  let batch: ProductRow[] = [];
  let slugs = new Set<string>();
  for (const row of rows) {
    if (!slugs.has(row.product) && slugs.size === productsPerBatch) {
      yield { rows: batch, products: slugs.size };
      batch = [];
      slugs = new Set();
    }
    slugs.add(row.product);
    batch.push(row);
  }
  if (batch.length > 0) yield { rows: batch, products: slugs.size };
}

async function postDemoReviews(container: EmporiumContainer, slugs: readonly string[], seed: number): Promise<number> {
  const customerIds = await demoCustomerIds(container);
  const random = new SeededRandom(seed + 1);
  const post = container.useCase("PostReview");
  let posted = 0;
  for (const productSlug of slugs) {
    const authors = random.shuffle(customerIds).slice(0, random.int(1, customerIds.length));
    for (const customerId of authors) {
      const review = random.pick(REVIEWS);
      const result = await post.execute({ productSlug, customerId, ...review });
      if (!result.ok) throw new Error(`demo review of ${productSlug} failed: ${result.error.message}`);
      posted += 1;
    }
  }
  return posted;
}

async function demoCustomerIds(container: EmporiumContainer): Promise<string[]> {
  const customers = container.get(Tokens.Repositories).customers;
  const tokens = container.get(Tokens.TokenService);
  const register = container.useCase("RegisterCustomer");
  const ids: string[] = [];
  for (const { email, name } of DEMO_CUSTOMERS) {
    const result = await register.execute({ email, name, password: tokens.randomToken() });
    if (result.ok) ids.push(result.value.customer.id);
    else if (result.error.code === "customer.email_taken") {
      const found = await customers.findByEmail(email);
      if (found !== null) ids.push(found.id);
    } else throw new Error(`demo customer ${email} could not be created: ${result.error.message}`);
  }
  return ids;
}

async function createDemoCoupon(container: EmporiumContainer): Promise<string> {
  const result = await container
    .useCase("CreatePromotion")
    .execute({ actor: SYSTEM_ACTOR, code: DEMO_COUPON, kind: "percent_off", value: 1000 });
  // The only invalid input possible is an existing WELCOME10 (made by hand before the first seed): it is kept.
  if (!result.ok && result.error.code !== "request.invalid") throw new Error(`demo coupon failed: ${result.error.message}`);
  return DEMO_COUPON;
}
