export * from "./run-worker.js";
export * from "./worker-config.js";
export * from "./worker-metrics.js";
export * from "./metrics-server.js";
export * from "./queue-handlers.js";
export * from "./logger.js";
