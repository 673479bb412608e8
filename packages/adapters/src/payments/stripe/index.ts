export * from "./stripe-client.js";
export * from "./stripe-payment-gateway.js";
export * from "./payment-notice.js";
export * from "./payment-notice-handler.js";
export * from "./stripe-webhooks.js";
