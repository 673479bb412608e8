export * from "./calendar-day.js";
export * from "./sales-period.js";
export * from "./rfm.js";
export * from "./stock-cover.js";
