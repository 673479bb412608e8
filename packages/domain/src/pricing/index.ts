export * from "./types.js";
export * from "./price-cart.js";
export * from "./promotion.js";
