/** Something that belongs to a product, by its slug as the file spells it (trimmed). */
export interface ProductItem {
  readonly slug: string;
}

/**
 * Groups rows into import batches so every row of a product lands in the same batch, whatever
 * the order of the file. It is told up front how many rows each product has (a first pass
 * over the file counts them) and holds a product's rows until the last one has arrived. A
 * file with each product's rows together keeps one product in memory at a time; a shuffled
 * one may keep many, the price of getting it right. A batch closes at the first product
 * boundary past `batchRows` rows.
 */
export class ProductBatcher<T extends ProductItem> {
  private readonly waiting = new Map<string, T[]>();
  private batch: T[] = [];

  constructor(
    private readonly expected: Map<string, number>,
    private readonly batchRows: number,
  ) {}

  /** Takes a row; returns the batches it completes (none or one). */
  add(item: T): T[][] {
    const rows = this.waiting.get(item.slug) ?? [];
    rows.push(item);
    this.waiting.set(item.slug, rows);
    return this.arrived(item.slug);
  }

  /** A row of `slug` that will not be imported (rejected before the import): its product need not wait for it. */
  drop(slug: string): T[][] {
    return this.arrived(slug);
  }

  /** Everything still held, as the last batches: products whose rows did not all arrive (the file changed) included. */
  finish(): T[][] {
    for (const rows of this.waiting.values()) this.batch.push(...rows);
    this.waiting.clear();
    const last = this.batch;
    this.batch = [];
    return last.length === 0 ? [] : [last];
  }

  private arrived(slug: string): T[][] {
    const left = (this.expected.get(slug) ?? 1) - 1;
    if (left > 0) {
      this.expected.set(slug, left);
      return [];
    }
    this.expected.delete(slug);
    const rows = this.waiting.get(slug);
    this.waiting.delete(slug);
    if (rows !== undefined) this.batch.push(...rows);
    if (this.batch.length < this.batchRows) return [];
    const full = this.batch;
    this.batch = [];
    return [full];
  }
}
