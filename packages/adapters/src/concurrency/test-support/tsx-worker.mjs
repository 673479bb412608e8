// Worker threads cannot load TypeScript by themselves (and Node 20 does not pass `--import tsx`
// on to them): register tsx in this thread, then load the TypeScript entry named in workerData.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
