import { generateDemoCatalog } from "@emporium/adapters";

export interface DemoFacts {
  /** Every product slug, in catalogue order. */
  readonly slugs: readonly string[];
  /** The first SKU of each product, in catalogue order. */
  readonly firstSkus: readonly string[];
}

/** What `emporium seed --demo --products N` put in the shop: the generator is deterministic. */
export function demoFacts(products: number): DemoFacts {
  const slugs: string[] = [];
  const firstSkus: string[] = [];
  for (const row of generateDemoCatalog({ products })) {
    if (slugs.at(-1) === row.product) continue;
    slugs.push(row.product);
    firstSkus.push(row.sku);
  }
  return { slugs, firstSkus };
}

/** About `count` of `items`, evenly spaced through the list. */
export function evenlySpaced<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!);
}
