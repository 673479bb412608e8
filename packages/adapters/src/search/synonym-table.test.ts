import { describe, expect, it } from "vitest";
import { SynonymTable } from "./synonym-table.js";
import { tokenize } from "./tokenize.js";

describe("SynonymTable", () => {
  const table = new SynonymTable([
    ["tee", "t-shirt", "tshirt"],
    ["sneakers", "trainers", "shoes"],
    ["running shoes", "runners"],
  ]);

  it("groups a word with every phrase of its synonym set, itself first", () => {
    expect(table.group(["tee"])).toEqual([{ phrases: [["tee"], ["t", "shirt"], ["tshirt"]], fromSynonyms: true }]);
  });

  it("recognises multi-word phrases, preferring the longest", () => {
    expect(table.group(tokenize("blue T-Shirt"))).toEqual([
      { phrases: [["blue"]], fromSynonyms: false },
      { phrases: [["t", "shirt"], ["tee"], ["tshirt"]], fromSynonyms: true },
    ]);
    expect(table.group(["running", "shoes"])).toEqual([{ phrases: [["running", "shoes"], ["runners"]], fromSynonyms: true }]);
  });

  it("merges the sets a word belongs to only where it is listed", () => {
    expect(table.expand(["shoes"])).toEqual([["shoes"], ["sneakers"], ["trainers"]]);
    expect(table.expand(["socks"])).toEqual([["socks"]]);
  });

  it("offers single-word entries as typo-correction candidates", () => {
    expect(table.words()).toEqual(expect.arrayContaining(["tee", "tshirt", "sneakers", "runners"]));
    expect(table.words()).not.toContain("t shirt");
  });
});

describe("tokenize", () => {
  it("lower-cases, strips diacritics and splits on punctuation", () => {
    expect(tokenize('Crème Brûlée — T-Shirt, 55"')).toEqual(["creme", "brulee", "t", "shirt", "55"]);
  });
});
