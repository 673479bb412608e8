#!/usr/bin/env node
// The `emporium` bin. `serve` keeps the process alive until SIGTERM; every other command exits when done.
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(process.argv.slice(2));
