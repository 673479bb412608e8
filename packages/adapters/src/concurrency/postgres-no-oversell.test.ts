import { postgresConcurrencyTarget } from "./test-support/concurrency-targets.js";
import { noOversellSuite } from "./test-support/no-oversell-suite.js";

// One process, every checkout in flight at once over a pool of ten connections.
await noOversellSuite(postgresConcurrencyTarget());
