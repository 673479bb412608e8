// What `npm run worker` runs (after `npm run build`): the outbox relay, the queue consumers and the scheduled jobs.
import { runWorker } from "./run-worker.js";

try {
  await runWorker();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`emporium worker: ${message.split("\n")[0]}\n`);
  process.exit(1);
}
