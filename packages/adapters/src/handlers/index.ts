export * from "./event-handler-map.js";
export * from "./kysely-sales-counter.js";
export * from "./search-indexer.js";
export * from "./order-notifications.js";
export * from "./reservation-sweeper.js";
export * from "./coalesced-task.js";
export * from "./analytics-refresher.js";
export * from "./bought-together-recorder.js";
