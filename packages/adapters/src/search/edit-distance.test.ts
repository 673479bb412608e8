import { describe, expect, it } from "vitest";
import { allowedEdits, editDistance, prefixEditDistance } from "./edit-distance.js";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and neighbour swaps", () => {
    expect(editDistance("headphones", "headphones")).toBe(0);
    expect(editDistance("hedphones", "headphones")).toBe(1);
    expect(editDistance("speeker", "speaker")).toBe(1);
    expect(editDistance("wrieless", "wireless")).toBe(1);
    expect(editDistance("studio", "audio")).toBe(2);
    expect(editDistance("turntable", "table")).toBe(4);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("prefixEditDistance", () => {
  it("measures against beginnings of the word at least as long as the prefix", () => {
    expect(prefixEditDistance("head", "headphones")).toBe(0);
    expect(prefixEditDistance("hed", "headphones")).toBe(1);
    expect(prefixEditDistance("wri", "wireless")).toBe(1);
    expect(prefixEditDistance("wri", "with")).toBe(2);
    expect(prefixEditDistance("blutoo", "bluetooth")).toBe(1);
    expect(prefixEditDistance("abcd", "ab")).toBe(Infinity);
  });
});

describe("allowedEdits", () => {
  it("follows fuzziness AUTO: none below 3 letters, 1 up to 5, then 2", () => {
    expect([1, 2, 3, 5, 6, 12].map(allowedEdits)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
