export * from "./order.js";
export * from "./state-machine.js";
export * from "./order-transitions.js";
export * from "./apply-order-event.js";
export * from "./create-order.js";
