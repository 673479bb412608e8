import type { Category } from "../catalog/category.js";
import { namePath } from "./category-tree.js";
import type { AppDeps } from "./context.js";
import type { ProductRow } from "./product-row.js";

export interface ExportProductsInput {
  /** Products read per query; 100 by default. */
  readonly pageSize?: number;
}

/**
 * Admin: every product of every status, one row per variant, in the shape ImportProducts reads,
 * so exporting and importing the result changes nothing. Rows stream page by page; row numbers
 * count from 1.
 */
export class ExportProducts {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async *execute(input: ExportProductsInput = {}): AsyncGenerator<ProductRow> {
    const { repos } = this.deps;
    const categories: readonly Category[] = await repos.categories.findAll();
    let rowNumber = 0;
    let cursor: string | null = null;
    do {
      const page = await repos.products.list({ sort: "name", limit: input.pageSize ?? 100, cursor });
      const skus = page.items.flatMap((p) => p.variants.map((v) => v.sku));
      const onHand = new Map((await repos.inventory.findManyBySkus(skus)).map((level) => [level.sku, level.onHand]));
      for (const product of page.items) {
        const categoryPaths = product.categoryIds.map((id) => namePath(categories, id)).filter((path) => path.length > 0);
        for (const variant of product.variants) {
          rowNumber += 1;
          yield {
            rowNumber,
            sku: variant.sku,
            product: product.slug,
            name: product.name,
            description: product.description,
            brand: product.brand,
            categoryPaths,
            price: variant.price,
            stock: onHand.get(variant.sku) ?? 0,
            options: variant.options,
            attributes: product.attributes,
            status: product.status,
            featured: product.featured,
            images: product.images,
            taxClass: product.taxClass,
          };
        }
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
  }
}
