import { sql, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder, type SqlBool } from "kysely";
import type {
  Page,
  Product,
  ProductListQuery,
  ProductRepository,
  ProductSort,
  ProductStatus,
  ProductSummary,
  Variant,
} from "@emporium/domain";
import { chunks } from "./chunks.js";
import { flag, fromFlag, fromJson, iso, json, toDate } from "./codec.js";
import type { Database, ProductsTable, SqlDialect } from "./database.js";
import { after, decodeCursor, orderBy, pageLimit, toPage, type KeyValue, type SortKey } from "./keyset.js";
import { loadProducts, type ProductRow } from "./load-products.js";

const SORT_KEYS: Record<ProductSort, readonly SortKey[]> = {
  newest: [
    { expression: sql.ref("products.created_at"), descending: true, type: "string" },
    { expression: sql.ref("products.id"), descending: true, type: "string" },
  ],
  name: [
    { expression: sql`lower(products.name)`, descending: false, type: "string" },
    { expression: sql.ref("products.id"), descending: false, type: "string" },
  ],
  price_asc: [
    { expression: sql.ref("products.min_price"), descending: false, type: "number" },
    { expression: sql.ref("products.id"), descending: false, type: "string" },
  ],
  price_desc: [
    { expression: sql.ref("products.min_price"), descending: true, type: "number" },
    { expression: sql.ref("products.id"), descending: false, type: "string" },
  ],
};

/** What a sort key is read from: a product row's columns, and `lower(name)`. */
type ListedRow = Pick<ProductRow, "id" | "created_at" | "min_price"> & { sort_name: string };

const SORT_VALUES: Record<ProductSort, (row: ListedRow) => KeyValue[]> = {
  newest: (row) => [toDate(row.created_at).toISOString(), row.id],
  name: (row) => [row.sort_name, row.id],
  price_asc: (row) => [row.min_price, row.id],
  price_desc: (row) => [row.min_price, row.id],
};

// What a summary is made of; the sort keys (created_at, min_price, sort_name) are among them or added by `listed`.
const SUMMARY_COLUMNS = [
  "products.id",
  "products.slug",
  "products.name",
  "products.brand",
  "products.status",
  "products.featured",
  "products.images",
  "products.min_price",
  "products.max_price",
  "products.rating_average",
  "products.rating_count",
  "products.created_at",
] as const;

type SummaryRow = Pick<
  Selectable<ProductsTable>,
  "id" | "slug" | "name" | "brand" | "status" | "featured" | "images" | "min_price" | "max_price" | "rating_average" | "rating_count"
> & { has_active: boolean | number; in_stock: boolean | number };

/**
 * Whether the product has an active variant with stock free now (on hand beyond what is reserved):
 * a correlated EXISTS over the product's variants and their stock rows, read by key.
 */
function inStock(): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from variants as v inner join stock_levels as s on s.sku = v.sku where v.product_id = products.id and v.status = 'active' and s.on_hand - s.reserved > 0)`;
}

/**
 * All of `conditions`, tested in the order given and only as far as needed. SQLite orders the
 * terms of a WHERE by its own estimates, which rate two correlated EXISTS alike, and read the
 * stock of every row it scanned for a category page; a CASE keeps the order. (Not for PostgreSQL,
 * whose planner turns a plain EXISTS into a join of its own choosing, which a CASE would prevent.)
 */
function inOrder(conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> {
  return conditions.reduceRight((rest, condition) => sql<SqlBool>`(case when ${condition} then ${rest} else false end)`);
}

/** Whether the product has an active variant: min_price and max_price hold those variants' prices only then. */
function hasActiveVariant(): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from variants as v where v.product_id = products.id and v.status = 'active')`;
}

/** The domain's summary (`toProductSummary`) from the stored price columns and the two EXISTS. */
function toSummary(row: SummaryRow): ProductSummary {
  const images = fromJson<string[]>(row.images);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    brand: row.brand,
    status: row.status as ProductStatus,
    featured: fromFlag(row.featured),
    image: images[0] ?? null,
    priceRange: fromFlag(row.has_active) ? { min: Number(row.min_price), max: Number(row.max_price) } : null,
    rating: { average: Number(row.rating_average), count: Number(row.rating_count) },
    inStock: fromFlag(row.in_stock),
  };
}

export class KyselyProductRepository implements ProductRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: SqlDialect,
  ) {}

  async findById(id: string): Promise<Product | null> {
    const row = await this.db.selectFrom("products").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : ((await loadProducts(this.db, this.dialect, [row]))[0] ?? null);
  }

  async findBySlug(slug: string): Promise<Product | null> {
    const row = await this.db.selectFrom("products").selectAll().where("slug", "=", slug).executeTakeFirst();
    return row === undefined ? null : ((await loadProducts(this.db, this.dialect, [row]))[0] ?? null);
  }

  async findManyBySlugs(slugs: readonly string[]): Promise<Product[]> {
    const products: Product[] = [];
    for (const run of chunks([...new Set(slugs)], 1000)) {
      const rows = await this.db.selectFrom("products").selectAll().where("slug", "in", run).execute();
      products.push(...(await loadProducts(this.db, this.dialect, rows)));
    }
    return products;
  }

  /** In the order of `ids`, each once; unknown ids are left out. */
  async findManyByIds(ids: readonly string[]): Promise<Product[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const rows = await this.db.selectFrom("products").selectAll().where("id", "in", wanted).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return loadProducts(
      this.db,
      this.dialect,
      wanted.flatMap((id) => byId.get(id) ?? []),
    );
  }

  async findManyBySkus(skus: readonly string[]): Promise<Product[]> {
    if (skus.length === 0) return [];
    const rows = await this.db
      .selectFrom("products")
      .selectAll()
      .where("id", "in", (eb) =>
        eb
          .selectFrom("variants")
          .select("product_id")
          .where("sku", "in", [...new Set(skus)]),
      )
      .orderBy("id")
      .execute();
    return loadProducts(this.db, this.dialect, rows);
  }

  async list(query: ProductListQuery): Promise<Page<Product>> {
    const sort = query.sort ?? "newest";
    const listed = await this.listed(query, (select) => select.selectAll("products"));
    if (listed === null) return { items: [], nextCursor: null };
    const page = toPage(await listed.execute(), pageLimit(query), SORT_VALUES[sort], (rows) => rows);
    return { items: await loadProducts(this.db, this.dialect, page.items), nextCursor: page.nextCursor };
  }

  async listSummaries(query: ProductListQuery): Promise<Page<ProductSummary>> {
    const sort = query.sort ?? "newest";
    const listed = await this.listed(query, (select) => select.select(SUMMARY_COLUMNS));
    if (listed === null) return { items: [], nextCursor: null };
    // The page first, then the two EXISTS for its rows only: asked over the whole list, PostgreSQL
    // plans them as hashes of every variant and stock row, built anew for each page.
    const rows = await this.db
      .selectFrom(listed.as("products"))
      .selectAll("products")
      .select([hasActiveVariant().as("has_active"), inStock().as("in_stock")])
      .orderBy(orderBy(SORT_KEYS[sort]))
      .execute();
    return toPage(rows, pageLimit(query), SORT_VALUES[sort], (page) => page.map(toSummary));
  }

  async findSummariesByIds(ids: readonly string[]): Promise<ProductSummary[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const rows = await this.db
      .selectFrom("products")
      .select(SUMMARY_COLUMNS)
      .select([hasActiveVariant().as("has_active"), inStock().as("in_stock")])
      .where("products.id", "in", wanted)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return wanted.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [toSummary(row)];
    });
  }

  /**
   * The query for one page of a list (`limit + 1` rows, for `toPage`), with the columns `columns`
   * adds and the sort keys; null when the category holds nothing.
   */
  private async listed<O>(
    query: ProductListQuery,
    columns: (select: SelectQueryBuilder<Database, "products", { sort_name: string }>) => SelectQueryBuilder<Database, "products", O>,
  ): Promise<SelectQueryBuilder<Database, "products", O> | null> {
    const keys = SORT_KEYS[query.sort ?? "newest"];
    let select = columns(this.db.selectFrom("products").select(sql<string>`lower(products.name)`.as("sort_name")));
    if (query.status !== undefined) select = select.where("products.status", "=", query.status);
    if (query.brand !== undefined) select = select.where("products.brand", "=", query.brand);
    if (query.featured !== undefined) select = select.where("products.featured", "=", flag(query.featured));
    if (query.minPrice !== undefined) select = select.where("products.min_price", ">=", query.minPrice);
    if (query.maxPrice !== undefined) select = select.where("products.min_price", "<=", query.maxPrice);
    // Correlated EXISTS terms, the most selective first.
    const costly: RawBuilder<SqlBool>[] = [];
    if (query.categoryId !== undefined) {
      // The subtree is read first and passed as values: PostgreSQL then estimates from its statistics how many
      // products they hold, and walks the sort index (a large category) or the category's links (a small one).
      const categoryIds = await this.subtreeIds(query.categoryId);
      if (categoryIds.length === 0) return null;
      costly.push(
        sql<SqlBool>`exists (select 1 from product_categories where product_categories.product_id = products.id and product_categories.category_id in (${sql.join(categoryIds)}))`,
      );
    }
    if (query.inStock !== undefined) costly.push(query.inStock ? inStock() : sql<SqlBool>`not ${inStock()}`);
    if (this.dialect === "sqlite") {
      if (costly.length > 0) select = select.where(inOrder(costly));
    } else for (const condition of costly) select = select.where(condition);
    if (query.cursor) select = select.where(after(keys, decodeCursor(query.cursor, keys)));
    return select.orderBy(orderBy(keys)).limit(pageLimit(query) + 1);
  }

  /** The category and every category below it: those whose path starts with its path and a slash. */
  private async subtreeIds(categoryId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("categories as c")
      .innerJoin("categories as root", (join) => join.on("root.id", "=", categoryId))
      .select("c.id")
      .where((eb) =>
        eb.or([eb("c.id", "=", eb.ref("root.id")), eb(sql`substr(c.path, 1, length(root.path) + 1)`, "=", sql`root.path || '/'`)]),
      )
      .execute();
    return rows.map((row) => row.id);
  }

  async save(product: Product): Promise<void> {
    await this.saveMany([product]);
  }

  /** A few statements per two hundred products: SKU clash check, product upsert, variants, links. */
  async saveMany(products: readonly Product[]): Promise<void> {
    for (const run of chunks(products, 200)) await this.saveRun(run);
  }

  private async saveRun(products: readonly Product[]): Promise<void> {
    const ownerOf = new Map(products.flatMap((p) => p.variants.map((v) => [v.sku, p.id] as const)));
    for (const skus of chunks([...ownerOf.keys()], 1000)) {
      const held = await this.db.selectFrom("variants").select(["sku", "product_id"]).where("sku", "in", skus).execute();
      const clash = held.find((row) => row.product_id !== ownerOf.get(row.sku));
      if (clash !== undefined) throw new Error(`unique constraint: sku ${clash.sku} belongs to product ${clash.product_id}`);
    }
    const rows = products.map((product) => {
      const { min, max } = priceRange(product.variants);
      return {
        id: product.id,
        slug: product.slug,
        name: product.name,
        description: product.description,
        brand: product.brand,
        status: product.status,
        featured: flag(product.featured),
        tax_class: product.taxClass,
        images: json(product.images),
        attributes: json(product.attributes),
        min_price: min,
        max_price: max,
        rating_average: product.rating.average,
        rating_count: product.rating.count,
        created_at: iso(product.createdAt),
        updated_at: iso(product.updatedAt),
      };
    });
    await this.db
      .insertInto("products")
      .values(rows)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          slug: eb.ref("excluded.slug"),
          name: eb.ref("excluded.name"),
          description: eb.ref("excluded.description"),
          brand: eb.ref("excluded.brand"),
          status: eb.ref("excluded.status"),
          featured: eb.ref("excluded.featured"),
          tax_class: eb.ref("excluded.tax_class"),
          images: eb.ref("excluded.images"),
          attributes: eb.ref("excluded.attributes"),
          min_price: eb.ref("excluded.min_price"),
          max_price: eb.ref("excluded.max_price"),
          rating_average: eb.ref("excluded.rating_average"),
          rating_count: eb.ref("excluded.rating_count"),
          created_at: eb.ref("excluded.created_at"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
    await this.replaceVariants(products);
    await this.replaceLinks(products);
  }

  private async replaceVariants(products: readonly Product[]): Promise<void> {
    const ids = products.map((p) => p.id);
    const kept = products.flatMap((p) => p.variants.map((v) => v.sku));
    // Each kept SKU belongs to its own product (checked above), so one list serves every product.
    let removed = this.db.deleteFrom("variants").where("product_id", "in", ids);
    if (kept.length > 0 && kept.length <= 5000) removed = removed.where("sku", "not in", kept);
    if (kept.length <= 5000) await removed.execute();
    else {
      const keep = new Set(kept);
      const held = await this.db.selectFrom("variants").select("sku").where("product_id", "in", ids).execute();
      for (const gone of chunks(
        held.map((row) => row.sku).filter((sku) => !keep.has(sku)),
        1000,
      )) {
        await this.db.deleteFrom("variants").where("sku", "in", gone).execute();
      }
    }
    const variantRows = products.flatMap((product) =>
      product.variants.map((v, position) => ({
        sku: v.sku,
        product_id: product.id,
        position,
        options: json(v.options),
        price: v.price,
        status: v.status,
        low_stock_threshold: v.lowStockThreshold,
      })),
    );
    for (const run of chunks(variantRows, 1000)) {
      await this.db
        .insertInto("variants")
        .values(run)
        .onConflict((oc) =>
          oc.column("sku").doUpdateSet((eb) => ({
            position: eb.ref("excluded.position"),
            options: eb.ref("excluded.options"),
            price: eb.ref("excluded.price"),
            status: eb.ref("excluded.status"),
            low_stock_threshold: eb.ref("excluded.low_stock_threshold"),
          })),
        )
        .execute();
    }
  }

  private async replaceLinks(products: readonly Product[]): Promise<void> {
    const ids = products.map((p) => p.id);
    await this.db.deleteFrom("product_categories").where("product_id", "in", ids).execute();
    await this.db.deleteFrom("related_products").where("product_id", "in", ids).execute();
    const categoryRows = products.flatMap((product) =>
      [...new Set(product.categoryIds)].map((categoryId, position) => ({ product_id: product.id, category_id: categoryId, position })),
    );
    for (const run of chunks(categoryRows, 1000)) await this.db.insertInto("product_categories").values(run).execute();
    const relatedRows = products.flatMap((product) =>
      [...new Set(product.relatedProductIds)].map((relatedId, position) => ({ product_id: product.id, related_id: relatedId, position })),
    );
    for (const run of chunks(relatedRows, 1000)) await this.db.insertInto("related_products").values(run).execute();
  }
}

// "From" the cheapest variant a customer can buy; archived variants count only when nothing else is left.
function priceRange(variants: readonly Variant[]): { min: number; max: number } {
  const active = variants.filter((v) => v.status === "active");
  const prices = (active.length > 0 ? active : variants).map((v) => v.price);
  return prices.length === 0 ? { min: 0, max: 0 } : { min: Math.min(...prices), max: Math.max(...prices) };
}
