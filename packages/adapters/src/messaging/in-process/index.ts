export * from "./outbox-processor.js";
export * from "./kysely-outbox-source.js";
