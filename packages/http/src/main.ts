// What `npm start` runs (after `npm run build`): the shop on PORT, with the demo catalogue on first start.
import { setFlagsFromString } from "node:v8";
import { runServer } from "./run-server.js";

// After each full collection V8 lets the old generation grow to several times what survived
// it; under a steady stream of requests most of that is garbage. Half again as much keeps a
// server's memory near its live data (about 50 MB instead of 200 MB under load) at the cost of
// more frequent, mostly concurrent, collections. V8 reads the flag at every collection.
setFlagsFromString("--heap-growing-percent=50");

try {
  await runServer();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`emporium: ${message.split("\n")[0]}\n`);
  process.exit(1);
}
