export * from "./exit-codes.js";
export * from "./cli-error.js";
export * from "./cli-io.js";
export * from "./with-container.js";
export * from "./program.js";
export * from "./run-cli.js";
