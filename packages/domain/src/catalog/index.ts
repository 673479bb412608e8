export * from "./product.js";
export * from "./category.js";
export * from "./catalog-rules.js";
