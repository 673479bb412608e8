import type { SearchQuery, SearchResult } from "@emporium/domain";

type Facets = SearchResult["facets"];

/** What a shopper expects from one search over the relevance catalogue. Every listed expectation is checked. */
export interface RelevanceCase {
  readonly name: string;
  readonly query: Partial<SearchQuery> & { readonly q: string };
  /** The products a shopper wants to see in the first five, in any order (precision@5 is measured on these). */
  readonly top?: readonly string[];
  /** The first hit. */
  readonly first?: string;
  /** The whole set of hits, in any order. */
  readonly exactly?: readonly string[];
  /** The hits in exactly this order. */
  readonly ordered?: readonly string[];
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
  /** Each pair: the first ranks above the second (both must be hits). */
  readonly above?: readonly (readonly [string, string])[];
  readonly total?: number;
  readonly facets?: Partial<Facets>;
}

export interface SuggestCase {
  readonly prefix: string;
  readonly limit: number;
  /** Suggestions that must appear. */
  readonly includes: readonly string[];
  /** The first suggestions, in order. */
  readonly startsWith?: readonly string[];
}

const HEADPHONES_IN_STOCK = ["studio-headphones", "noise-cancelling-headphones", "kids-headphones", "travel-headset", "sport-earphones"];
const TEES = ["classic-tee", "organic-cotton-tee", "graphic-tee", "v-neck-t-shirt", "long-sleeve-tshirt"];
const SOFAS = ["velvet-sofa", "corner-sofa-bed", "leather-couch", "two-seater-loveseat"];

export const RELEVANCE_CASES: readonly RelevanceCase[] = [
  // Exact names
  { name: "exact name: wireless mouse", query: { q: "Wireless Mouse" }, first: "wireless-mouse", top: ["wireless-mouse"] },
  { name: "exact name: studio headphones", query: { q: "studio headphones" }, first: "studio-headphones", exactly: ["studio-headphones"] },
  { name: "exact name: Classic Tee", query: { q: "Classic Tee" }, first: "classic-tee", top: ["classic-tee"] },
  { name: "exact name: espresso machine", query: { q: "espresso machine" }, exactly: ["espresso-machine"] },
  { name: "exact name: velvet sofa", query: { q: "Velvet Sofa" }, first: "velvet-sofa", top: ["velvet-sofa"] },
  { name: "exact name with a model number", query: { q: "chromebook 11" }, exactly: ["chromebook-11"] },
  { name: "diacritics either way", query: { q: "creme brulee" }, exactly: ["creme-brulee-torch"] },
  {
    name: "brand name",
    query: { q: "barista co" },
    top: ["espresso-machine", "burr-coffee-grinder"],
    exactly: ["espresso-machine", "burr-coffee-grinder"],
  },
  // Category words, with sold-out products below those in stock
  {
    name: "category word: headphones",
    query: { q: "headphones" },
    top: HEADPHONES_IN_STOCK,
    includes: ["budget-headphones"],
    above: HEADPHONES_IN_STOCK.map((id) => [id, "budget-headphones"] as const),
  },
  { name: "category word: sofa", query: { q: "sofa" }, top: SOFAS, above: [["velvet-sofa", "corner-sofa-bed"]] },
  {
    name: "category word: laptop",
    query: { q: "laptop" },
    top: ["ultrabook-laptop-14", "student-notebook-15", "chromebook-11", "gaming-laptop-17"],
    above: [["ultrabook-laptop-14", "gaming-laptop-17"]],
  },
  { name: "two words across fields", query: { q: "coffee" }, top: ["burr-coffee-grinder", "oak-coffee-table", "espresso-machine"] },
  // Misspellings
  { name: "typo: hedphones", query: { q: "hedphones" }, top: HEADPHONES_IN_STOCK, above: [["studio-headphones", "budget-headphones"]] },
  {
    name: "typos: blutooth speeker",
    query: { q: "blutooth speeker" },
    top: ["bluetooth-speaker-mini", "bluetooth-speaker-max", "smart-speaker"],
    exactly: ["bluetooth-speaker-mini", "bluetooth-speaker-max", "smart-speaker"],
  },
  { name: "typos: wireles mous", query: { q: "wireles mous" }, exactly: ["wireless-mouse"] },
  {
    name: "typo in a synonym: laptp",
    query: { q: "laptp" },
    top: ["ultrabook-laptop-14", "student-notebook-15", "chromebook-11", "gaming-laptop-17"],
  },
  { name: "typo: espreso", query: { q: "espreso" }, first: "espresso-machine", top: ["espresso-machine", "burr-coffee-grinder"] },
  {
    name: "typo: snekers (and its synonyms)",
    query: { q: "snekers" },
    top: ["running-sneakers", "trail-running-shoes", "canvas-trainers"],
  },
  { name: "typos: merino sweter", query: { q: "merino sweter" }, first: "merino-sweater", exactly: ["merino-sweater"] },
  { name: "typo: televison", query: { q: "televison" }, first: "smart-television-55", top: ["smart-television-55", "oled-tv-65"] },
  { name: "gibberish finds nothing", query: { q: "speaker xqzvw" }, exactly: [], total: 0 },
  // Synonyms
  { name: "synonym: tee finds t-shirts, not the polo", query: { q: "tee" }, top: TEES, exactly: TEES },
  { name: "synonym: t-shirt finds tees", query: { q: "t-shirt" }, top: TEES, exactly: TEES },
  {
    name: "synonym: notebook finds laptops",
    query: { q: "notebook" },
    top: ["ultrabook-laptop-14", "student-notebook-15", "chromebook-11", "gaming-laptop-17"],
  },
  { name: "synonym: couch finds sofas", query: { q: "couch" }, top: SOFAS },
  {
    name: "synonym: trainers finds sneakers and shoes",
    query: { q: "trainers" },
    top: ["canvas-trainers", "running-sneakers", "trail-running-shoes"],
  },
  {
    name: "synonym: tv finds televisions",
    query: { q: "tv" },
    top: ["smart-television-55", "oled-tv-65"],
    above: [["smart-television-55", "oled-tv-65"]],
  },
  { name: "synonym: purse finds bags", query: { q: "purse" }, top: ["leather-handbag", "canvas-tote-bag"], excludes: ["laptop-backpack"] },
  { name: "synonym: jumper finds sweaters", query: { q: "jumper" }, top: ["cable-knit-jumper", "merino-sweater", "pullover-hoodie"] },
  // Search as you type
  {
    name: "last word as a prefix",
    query: { q: "bluetooth spea" },
    exactly: ["bluetooth-speaker-mini", "bluetooth-speaker-max", "smart-speaker"],
  },
  // Filters
  {
    name: "size M in blue: the same variant",
    query: { q: "", attributes: { size: "M", colour: "blue" } },
    exactly: ["classic-tee", "organic-cotton-tee", "v-neck-t-shirt", "pique-polo-shirt"],
  },
  {
    name: "tee in size M and blue, in stock",
    query: { q: "tee", attributes: { size: "m", colour: "Blue" }, inStock: true },
    exactly: ["classic-tee", "v-neck-t-shirt"],
  },
  {
    name: "attribute filter on a product attribute",
    query: { q: "headphones", attributes: { fit: "on-ear" } },
    exactly: ["kids-headphones", "budget-headphones"],
    ordered: ["kids-headphones", "budget-headphones"],
  },
  {
    name: "price range",
    query: { q: "headphones", maxPrice: 3000 },
    exactly: ["kids-headphones", "sport-earphones", "budget-headphones"],
    above: [["kids-headphones", "budget-headphones"]],
  },
  {
    name: "category and price range",
    query: { q: "", categoryPath: "home/furniture", minPrice: 50000, maxPrice: 100000 },
    exactly: ["velvet-sofa", "two-seater-loveseat", "extendable-dining-table"],
  },
  {
    name: "brand filter, any case",
    query: { q: "", brand: "sonora" },
    exactly: ["studio-headphones", "travel-headset", "bluetooth-speaker-mini"],
  },
  { name: "in stock only", query: { q: "sofa", inStock: true }, exactly: ["velvet-sofa", "leather-couch", "two-seater-loveseat"] },
  { name: "sold out only", query: { q: "", categoryPath: "apparel", inStock: false }, exactly: ["zip-hoodie", "suede-loafers"] },
  // Facets
  {
    name: "facets of a text query (the last word also completes the category Speakers)",
    query: { q: "speaker" },
    total: 6,
    facets: {
      brand: [
        { value: "Visio", count: 2 },
        { value: "Acme", count: 1 },
        { value: "Auralis", count: 1 },
        { value: "Boomr", count: 1 },
        { value: "Sonora", count: 1 },
      ],
      category: [{ value: "electronics/audio/speakers", count: 6 }],
      price: [
        { from: 0, to: 2500, count: 0 },
        { from: 2500, to: 5000, count: 2 },
        { from: 5000, to: 10000, count: 1 },
        { from: 10000, to: 25000, count: 2 },
        { from: 25000, to: null, count: 1 },
      ],
      inStock: [
        { value: "true", count: 5 },
        { value: "false", count: 1 },
      ],
    },
  },
  {
    name: "option facets of a category",
    query: { q: "", categoryPath: "apparel/tops/t-shirts" },
    total: 5,
    facets: {
      attributes: {
        colour: [
          { value: "blue", count: 4 },
          { value: "black", count: 1 },
          { value: "green", count: 1 },
          { value: "grey", count: 1 },
          { value: "red", count: 1 },
          { value: "white", count: 1 },
        ],
        material: [
          { value: "cotton", count: 3 },
          { value: "cotton blend", count: 1 },
          { value: "organic cotton", count: 1 },
        ],
        size: [
          { value: "M", count: 5 },
          { value: "L", count: 3 },
          { value: "S", count: 2 },
          { value: "XL", count: 1 },
        ],
      },
    },
  },
  // Sorts and paging
  {
    name: "sort by price",
    query: { q: "headphones", sort: "price_asc" },
    ordered: [
      "kids-headphones",
      "budget-headphones",
      "sport-earphones",
      "travel-headset",
      "studio-headphones",
      "noise-cancelling-headphones",
    ],
  },
  {
    name: "sort by newest",
    query: { q: "", categoryPath: "electronics/computers/laptops", sort: "newest" },
    ordered: ["chromebook-11", "student-notebook-15", "gaming-laptop-17", "ultrabook-laptop-14"],
  },
  {
    name: "sort by rating",
    query: { q: "sofa", sort: "rating" },
    ordered: ["velvet-sofa", "leather-couch", "corner-sofa-bed", "two-seater-loveseat"],
  },
  {
    name: "second page",
    query: { q: "", sort: "newest", page: 2, limit: 3 },
    ordered: ["creme-brulee-torch", "extendable-dining-table", "oak-coffee-table"],
    total: 50,
  },
];

export const SUGGEST_CASES: readonly SuggestCase[] = [
  { prefix: "hea", limit: 10, includes: ["Studio Headphones", "Travel Headset", "headphones", "headset"] },
  {
    prefix: "blu",
    limit: 3,
    includes: ["Bluetooth Speaker Mini", "Bluetooth Speaker Max"],
    startsWith: ["Bluetooth Speaker Mini", "Bluetooth Speaker Max"],
  },
  { prefix: "sof", limit: 5, includes: ["Velvet Sofa", "Corner Sofa Bed"] },
  { prefix: "esp", limit: 5, includes: ["Espresso Machine", "espresso"], startsWith: ["Espresso Machine"] },
  { prefix: "cla", limit: 5, includes: ["Classic Tee"], startsWith: ["Classic Tee"] },
  { prefix: "hed", limit: 10, includes: ["Studio Headphones", "Travel Headset"] },
  { prefix: "blutoo", limit: 5, includes: ["Bluetooth Speaker Mini", "Bluetooth Speaker Max"] },
  { prefix: "bluetooth speaker m", limit: 5, includes: ["Bluetooth Speaker Mini", "Bluetooth Speaker Max"] },
];
