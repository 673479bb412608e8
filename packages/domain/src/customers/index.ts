export * from "./customer.js";
export * from "./permissions.js";
export * from "./customer-rules.js";
