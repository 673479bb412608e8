import { slugify, type ProductRow } from "@emporium/domain";
import { DEMO_FAMILIES, type DemoFamily } from "./demo-families.js";
import { SeededRandom } from "./seeded-random.js";

export interface DemoCatalogOptions {
  /** How many products (each has one to four variants, about 2.5 on average). */
  readonly products: number;
  /** Same seed, same catalogue. */
  readonly seed?: number;
}

export const DEMO_SEED = 20_240_601;
export const DEMO_IMAGE_BASE = "https://images.emporium.example";

// One to four variants, weighted so a catalogue averages about 2.5 per product.
const VARIANT_COUNTS = [1, 2, 2, 3, 3, 3, 4, 4] as const;

/**
 * A deterministic demo catalogue as import rows, one per variant, the rows of a product
 * together: a category tree (Apparel > Tops > T-Shirts, Audio > Headphones, Computers >
 * Laptops, Home > Furniture > Sofas …), brands, descriptions, attributes, option values,
 * prices, stock (some sold out, some low), images and a few featured products. The first
 * product of each family carries its plain name (Classic Tee, Over-Ear Headphones,
 * Bluetooth Speaker …), so well-known searches always find something.
 */
export function* generateDemoCatalog({ products, seed = DEMO_SEED }: DemoCatalogOptions): Generator<ProductRow> {
  const random = new SeededRandom(seed);
  const slugs = new Set<string>();
  let rowNumber = 0;
  for (let index = 0; index < products; index++) {
    const family = DEMO_FAMILIES[index % DEMO_FAMILIES.length]!;
    const firstOfFamily = index < DEMO_FAMILIES.length;
    const baseName = firstOfFamily ? family.names[0]! : random.pick(family.names);
    const name = firstOfFamily ? baseName : `${random.pick(family.modifiers)} ${baseName}`;
    const brand = random.pick(family.brands);
    const slug = uniqueSlug(slugify(name), slugs);
    const attributes = Object.fromEntries(Object.entries(family.attributes).map(([attribute, values]) => [attribute, random.pick(values)]));
    const basePrice = roundPrice(random.int(family.price[0], family.price[1]));
    const head = {
      product: slug,
      name,
      description: describe(name, brand, family, attributes),
      brand,
      categoryPaths: [family.category],
      attributes,
      status: "active" as const,
      featured: firstOfFamily || random.chance(0.08),
      images: [`${DEMO_IMAGE_BASE}/${slug}/1.jpg`, `${DEMO_IMAGE_BASE}/${slug}/2.jpg`],
      taxClass: "standard",
    };
    const code = `${family.code}-${String(index + 1).padStart(4, "0")}`;
    for (const options of variantOptions(family, random.pick(VARIANT_COUNTS), random)) {
      const surcharge = Object.values(options).reduce((sum, value) => sum + (family.surcharges?.[value] ?? 0), 0);
      yield {
        ...head,
        rowNumber: ++rowNumber,
        sku: [code, ...Object.values(options).map(skuPart)].join("-"),
        price: basePrice + surcharge,
        stock: stockLevel(random),
        options,
      };
    }
  }
}

/** Distinct option combinations, one value per axis; a single variant has no options (the default variant). */
function variantOptions(family: DemoFamily, count: number, random: SeededRandom): Record<string, string>[] {
  if (count === 1) return [{}];
  const axes = Object.entries(family.options);
  const combinations = axes.reduce<Record<string, string>[]>(
    (partial, [axis, values]) => partial.flatMap((options) => values.map((value) => ({ ...options, [axis]: value }))),
    [{}],
  );
  return random.shuffle(combinations).slice(0, count);
}

// About one variant in ten is sold out and one in ten is running low.
function stockLevel(random: SeededRandom): number {
  const roll = random.next();
  if (roll < 0.1) return 0;
  if (roll < 0.2) return random.int(1, 4);
  return random.int(5, 150);
}

// Shop prices end in 99: 3 456 becomes 3 499.
const roundPrice = (amount: number): number => Math.max(99, Math.floor(amount / 100) * 100 + 99);

function describe(name: string, brand: string, family: DemoFamily, attributes: Readonly<Record<string, string>>): string {
  const details = Object.entries(attributes)
    .map(([attribute, value]) => `${attribute}: ${value}`)
    .join(", ");
  return `The ${name} by ${brand}. ${family.blurb} ${details.charAt(0).toUpperCase()}${details.slice(1)}.`;
}

function uniqueSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

const skuPart = (value: string): string => value.toUpperCase().replace(/[^A-Z0-9]+/g, "");
