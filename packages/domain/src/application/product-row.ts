import type { ProductStatus } from "../catalog/product.js";

/**
 * One row of a catalogue import or export: one variant with the fields of its product
 * (DESIGN §14). Prices are minor units here; parsing "19.99" is the reader's job.
 */
export interface ProductRow {
  /** Line of the source file, echoed in the report. */
  readonly rowNumber: number;
  readonly sku: string;
  /** The product slug; rows with the same slug are one product. */
  readonly product: string;
  readonly name: string;
  /** Absent: kept as it is (or empty for a new product). */
  readonly description?: string;
  readonly brand?: string | null;
  /** Each path as category names from the root; the first is the primary category. Empty: categories kept. */
  readonly categoryPaths: readonly (readonly string[])[];
  readonly price: number;
  /** On-hand stock to set with an `import` movement. Absent: stock kept. */
  readonly stock?: number;
  /** The variant's option values; they replace the stored ones. */
  readonly options: Readonly<Record<string, string>>;
  /** Product attributes. Empty: attributes kept. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly status?: ProductStatus;
  readonly featured?: boolean;
  /** Empty: images kept. */
  readonly images: readonly string[];
  readonly taxClass?: string;
}

/** What happened to one row; a rejected row names the column at fault. */
export type RowOutcome = "created" | "updated" | "unchanged" | { readonly rejected: string; readonly field: string };
