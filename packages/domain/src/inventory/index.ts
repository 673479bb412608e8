export * from "./stock.js";
export * from "./reservation.js";
