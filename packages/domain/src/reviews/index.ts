export * from "./review.js";
export * from "./rating.js";
