export * from "./product.js";
export * from "./product-summary.js";
export * from "./category.js";
export * from "./catalog-rules.js";
