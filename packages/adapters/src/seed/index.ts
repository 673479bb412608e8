export * from "./seeded-random.js";
export * from "./demo-families.js";
export * from "./demo-catalog.js";
export * from "./seed-demo.js";
