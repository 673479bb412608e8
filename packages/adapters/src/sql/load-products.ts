import { sql, type Kysely, type Selectable } from "kysely";
import type { Product, ProductStatus, Variant, VariantStatus } from "@emporium/domain";
import { fromFlag, fromJson, toDate } from "./codec.js";
import type { Database, Json, ProductsTable, SqlDialect } from "./database.js";

export type ProductRow = Selectable<ProductsTable>;

// What a product is made of besides its row, in one statement: variants, category links, related links.
const VARIANT = 0;
const CATEGORY = 1;
const RELATED = 2;

/** One variant or link of a product, as both ways of reading them return it. */
interface ProductPart {
  readonly kind: number | string;
  readonly product_id: string;
  readonly ref: string;
  readonly options: unknown;
  readonly price: number | null;
  readonly status: string | null;
  readonly low_stock_threshold: number | null;
}

/**
 * Turns product rows into products, loading the variants, categories and related products of
 * all of them together (no query per product). Keeps the order of `rows`.
 */
export async function loadProducts(db: Kysely<Database>, dialect: SqlDialect, rows: readonly ProductRow[]): Promise<Product[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  // PostgreSQL: one statement, as each statement is a round trip. SQLite runs in process, where three
  // plain index reads cost less than sorting their union.
  const parts = dialect === "postgres" ? await partsInOneStatement(db, ids) : await partsOneTableEach(db, ids);
  const variantsOf = new Map<string, Variant[]>();
  const categoriesOf = new Map<string, string[]>();
  const relatedOf = new Map<string, string[]>();
  for (const part of parts) {
    const kind = Number(part.kind);
    if (kind === VARIANT) {
      push(variantsOf, part.product_id, {
        sku: part.ref,
        options: fromJson<Record<string, string>>(part.options),
        price: Number(part.price),
        status: part.status as VariantStatus,
        lowStockThreshold: Number(part.low_stock_threshold),
      });
    } else push(kind === CATEGORY ? categoriesOf : relatedOf, part.product_id, part.ref);
  }
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    brand: row.brand,
    status: row.status as ProductStatus,
    featured: fromFlag(row.featured),
    taxClass: row.tax_class,
    categoryIds: categoriesOf.get(row.id) ?? [],
    images: fromJson<string[]>(row.images),
    attributes: fromJson<Record<string, string>>(row.attributes),
    variants: variantsOf.get(row.id) ?? [],
    rating: { average: row.rating_average, count: row.rating_count },
    relatedProductIds: relatedOf.get(row.id) ?? [],
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }));
}

function push<V>(groups: Map<string, V[]>, key: string, value: V): void {
  const group = groups.get(key);
  if (group === undefined) groups.set(key, [value]);
  else group.push(value);
}

async function partsInOneStatement(db: Kysely<Database>, ids: readonly string[]): Promise<ProductPart[]> {
  // The link branches fill the variant columns with nulls; a union needs the same columns in each branch.
  return db
    .selectFrom("variants")
    .select((eb) => [
      sql.lit(VARIANT).as("kind"),
      "product_id",
      "position",
      "sku as ref",
      eb.ref("options").$castTo<Json | null>().as("options"),
      eb.ref("price").$castTo<number | null>().as("price"),
      eb.ref("status").$castTo<string | null>().as("status"),
      eb.ref("low_stock_threshold").$castTo<number | null>().as("low_stock_threshold"),
    ])
    .where("product_id", "in", ids)
    .unionAll(
      db
        .selectFrom("product_categories")
        .select([
          sql.lit(CATEGORY).as("kind"),
          "product_id",
          "position",
          "category_id as ref",
          sql<Json | null>`null`.as("options"),
          sql<number | null>`null`.as("price"),
          sql<string | null>`null`.as("status"),
          sql<number | null>`null`.as("low_stock_threshold"),
        ])
        .where("product_id", "in", ids),
    )
    .unionAll(
      db
        .selectFrom("related_products")
        .select([
          sql.lit(RELATED).as("kind"),
          "product_id",
          "position",
          "related_id as ref",
          sql<Json | null>`null`.as("options"),
          sql<number | null>`null`.as("price"),
          sql<string | null>`null`.as("status"),
          sql<number | null>`null`.as("low_stock_threshold"),
        ])
        .where("product_id", "in", ids),
    )
    .orderBy("kind")
    .orderBy("product_id")
    .orderBy("position")
    .execute();
}

async function partsOneTableEach(db: Kysely<Database>, ids: readonly string[]): Promise<ProductPart[]> {
  const [variants, categories, related] = await Promise.all([
    db.selectFrom("variants").selectAll().where("product_id", "in", ids).orderBy("product_id").orderBy("position").execute(),
    db.selectFrom("product_categories").selectAll().where("product_id", "in", ids).orderBy("product_id").orderBy("position").execute(),
    db.selectFrom("related_products").selectAll().where("product_id", "in", ids).orderBy("product_id").orderBy("position").execute(),
  ]);
  const link = (kind: number, product_id: string, ref: string): ProductPart => ({
    kind,
    product_id,
    ref,
    options: null,
    price: null,
    status: null,
    low_stock_threshold: null,
  });
  return [
    ...variants.map((v): ProductPart => ({
      kind: VARIANT,
      product_id: v.product_id,
      ref: v.sku,
      options: v.options,
      price: v.price,
      status: v.status,
      low_stock_threshold: v.low_stock_threshold,
    })),
    ...categories.map((c) => link(CATEGORY, c.product_id, c.category_id)),
    ...related.map((r) => link(RELATED, r.product_id, r.related_id)),
  ];
}
