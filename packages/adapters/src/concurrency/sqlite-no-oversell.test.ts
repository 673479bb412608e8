import { sqliteConcurrencyTarget } from "./test-support/concurrency-targets.js";
import { noOversellSuite } from "./test-support/no-oversell-suite.js";

// Several worker threads, each with its own connection to one SQLite file.
await noOversellSuite(sqliteConcurrencyTarget());
