export * from "./cart.js";
export * from "./cart-ops.js";
