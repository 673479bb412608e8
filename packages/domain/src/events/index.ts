export * from "./domain-event.js";
export * from "./create-event.js";
