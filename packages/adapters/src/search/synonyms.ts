/**
 * The one synonym list every search adapter expands at query time. Each entry
 * is a set of interchangeable words or phrases; a query naming any of them
 * matches products that use any other.
 */
export const SYNONYMS: readonly (readonly string[])[] = [
  ["tee", "t-shirt", "tshirt"],
  ["notebook", "laptop"],
  ["sneakers", "trainers", "shoes"],
  ["headphones", "headset", "earphones"],
  ["couch", "sofa"],
  ["tv", "television"],
  ["hoodie", "hooded sweatshirt"],
  ["bag", "handbag", "purse"],
  ["jumper", "sweater", "pullover"],
];
