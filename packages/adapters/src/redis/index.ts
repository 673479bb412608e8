export * from "./create-redis-client.js";
export * from "./redis-cache.js";
export * from "./redis-rate-limiter.js";
export * from "./redis-url.js";
export * from "./cache-status.js";
