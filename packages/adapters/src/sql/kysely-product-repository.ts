import { sql, type Kysely } from "kysely";
import type { Page, Product, ProductListQuery, ProductRepository, ProductSort, Variant } from "@emporium/domain";
import { flag, iso, json, toDate } from "./codec.js";
import type { Database } from "./database.js";
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

type ListedRow = ProductRow & { sort_name: string };

const SORT_VALUES: Record<ProductSort, (row: ListedRow) => KeyValue[]> = {
  newest: (row) => [toDate(row.created_at).toISOString(), row.id],
  name: (row) => [row.sort_name, row.id],
  price_asc: (row) => [row.min_price, row.id],
  price_desc: (row) => [row.min_price, row.id],
};

export class KyselyProductRepository implements ProductRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: string): Promise<Product | null> {
    const row = await this.db.selectFrom("products").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : ((await loadProducts(this.db, [row]))[0] ?? null);
  }

  async findBySlug(slug: string): Promise<Product | null> {
    const row = await this.db.selectFrom("products").selectAll().where("slug", "=", slug).executeTakeFirst();
    return row === undefined ? null : ((await loadProducts(this.db, [row]))[0] ?? null);
  }

  /** In the order of `ids`, each once; unknown ids are left out. */
  async findManyByIds(ids: readonly string[]): Promise<Product[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const rows = await this.db.selectFrom("products").selectAll().where("id", "in", wanted).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return loadProducts(
      this.db,
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
    return loadProducts(this.db, rows);
  }

  async list(query: ProductListQuery): Promise<Page<Product>> {
    const sort = query.sort ?? "newest";
    const keys = SORT_KEYS[sort];
    const limit = pageLimit(query);
    let select = this.db
      .selectFrom("products")
      .selectAll("products")
      .select(sql<string>`lower(products.name)`.as("sort_name"));
    if (query.status !== undefined) select = select.where("products.status", "=", query.status);
    if (query.brand !== undefined) select = select.where("products.brand", "=", query.brand);
    if (query.featured !== undefined) select = select.where("products.featured", "=", flag(query.featured));
    if (query.minPrice !== undefined) select = select.where("products.min_price", ">=", query.minPrice);
    if (query.maxPrice !== undefined) select = select.where("products.min_price", "<=", query.maxPrice);
    if (query.categoryId !== undefined) {
      const categoryId = query.categoryId;
      select = select.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("product_categories")
            .innerJoin("categories as c", "c.id", "product_categories.category_id")
            .innerJoin("categories as root", (join) => join.on("root.id", "=", categoryId))
            .select(sql.lit(1).as("one"))
            .whereRef("product_categories.product_id", "=", "products.id")
            // The category itself or a descendant: its path starts with the root's path and a slash.
            .where((eb) =>
              eb.or([eb("c.id", "=", eb.ref("root.id")), eb(sql`substr(c.path, 1, length(root.path) + 1)`, "=", sql`root.path || '/'`)]),
            ),
        ),
      );
    }
    if (query.cursor) select = select.where(after(keys, decodeCursor(query.cursor, keys)));
    const rows = await select
      .orderBy(orderBy(keys))
      .limit(limit + 1)
      .execute();
    const page = toPage(rows, limit, SORT_VALUES[sort], (pageRows) => pageRows);
    return { items: await loadProducts(this.db, page.items), nextCursor: page.nextCursor };
  }

  async save(product: Product): Promise<void> {
    const skus = product.variants.map((v) => v.sku);
    if (skus.length > 0) {
      const clash = await this.db
        .selectFrom("variants")
        .select(["sku", "product_id"])
        .where("sku", "in", skus)
        .where("product_id", "<>", product.id)
        .executeTakeFirst();
      if (clash !== undefined) throw new Error(`unique constraint: sku ${clash.sku} belongs to product ${clash.product_id}`);
    }
    const { min, max } = priceRange(product.variants);
    const row = {
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
    await this.db
      .insertInto("products")
      .values({ id: product.id, ...row })
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute();
    await this.replaceVariants(product.id, product.variants);
    await this.replaceLinks(product);
  }

  private async replaceVariants(productId: string, variants: readonly Variant[]): Promise<void> {
    let removed = this.db.deleteFrom("variants").where("product_id", "=", productId);
    if (variants.length > 0)
      removed = removed.where(
        "sku",
        "not in",
        variants.map((v) => v.sku),
      );
    await removed.execute();
    if (variants.length === 0) return;
    await this.db
      .insertInto("variants")
      .values(
        variants.map((v, position) => ({
          sku: v.sku,
          product_id: productId,
          position,
          options: json(v.options),
          price: v.price,
          status: v.status,
          low_stock_threshold: v.lowStockThreshold,
        })),
      )
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

  private async replaceLinks(product: Product): Promise<void> {
    await this.db.deleteFrom("product_categories").where("product_id", "=", product.id).execute();
    await this.db.deleteFrom("related_products").where("product_id", "=", product.id).execute();
    const categoryIds = [...new Set(product.categoryIds)];
    if (categoryIds.length > 0) {
      await this.db
        .insertInto("product_categories")
        .values(categoryIds.map((categoryId, position) => ({ product_id: product.id, category_id: categoryId, position })))
        .execute();
    }
    const relatedIds = [...new Set(product.relatedProductIds)];
    if (relatedIds.length > 0) {
      await this.db
        .insertInto("related_products")
        .values(relatedIds.map((relatedId, position) => ({ product_id: product.id, related_id: relatedId, position })))
        .execute();
    }
  }
}

// "From" the cheapest variant a customer can buy; archived variants count only when nothing else is left.
function priceRange(variants: readonly Variant[]): { min: number; max: number } {
  const active = variants.filter((v) => v.status === "active");
  const prices = (active.length > 0 ? active : variants).map((v) => v.price);
  return prices.length === 0 ? { min: 0, max: 0 } : { min: Math.min(...prices), max: Math.max(...prices) };
}
