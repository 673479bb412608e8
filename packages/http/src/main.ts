// What `npm start` runs (after `npm run build`): the shop on PORT, with the demo catalogue on first start.
import { runServer } from "./run-server.js";

try {
  await runServer();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`emporium: ${message.split("\n")[0]}\n`);
  process.exit(1);
}
