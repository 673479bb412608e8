export * from "./simulated-payment-gateway.js";
