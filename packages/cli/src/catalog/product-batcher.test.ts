import { describe, expect, it } from "vitest";
import { ProductBatcher } from "./product-batcher.js";

const item = (slug: string, n: number) => ({ slug, n });

describe("ProductBatcher", () => {
  it("holds a product until its last row, then closes a batch at the first product boundary past the size", () => {
    const batcher = new ProductBatcher(
      new Map([
        ["a", 3],
        ["b", 1],
        ["c", 2],
      ]),
      3,
    );
    expect(batcher.add(item("a", 1))).toEqual([]);
    expect(batcher.add(item("b", 2))).toEqual([]);
    expect(batcher.add(item("a", 3))).toEqual([]);
    expect(batcher.add(item("c", 4))).toEqual([]);
    expect(batcher.add(item("a", 5))).toEqual([[item("b", 2), item("a", 1), item("a", 3), item("a", 5)]]);
    expect(batcher.add(item("c", 6))).toEqual([]);
    expect(batcher.finish()).toEqual([[item("c", 4), item("c", 6)]]);
  });

  it("lets a product go once its other rows were dropped, and hands over what never completed at the end", () => {
    const batcher = new ProductBatcher(
      new Map([
        ["a", 2],
        ["b", 2],
      ]),
      1,
    );
    expect(batcher.add(item("a", 1))).toEqual([]);
    expect(batcher.drop("a")).toEqual([[item("a", 1)]]);
    expect(batcher.add(item("b", 2))).toEqual([]);
    expect(batcher.finish()).toEqual([[item("b", 2)]]);
    expect(batcher.finish()).toEqual([]);
  });
});
