import type { Command } from "@commander-js/extra-typings";
import { AMQP_URL_MISSING, loadConfig } from "@emporium/adapters";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";

/** `emporium worker`: the production profile's consumer host, from the same code as `npm run worker`. */
export function registerWorker(program: Command, io: CliIo): void {
  program
    .command("worker")
    .description(
      "relay the outbox to RabbitMQ, consume the task queues and run the scheduled jobs (needs AMQP_URL); SIGTERM stops it gracefully",
    )
    .addHelpText("after", "\nExample:\n  $ AMQP_URL=amqp://guest:guest@127.0.0.1:5672 DATABASE_URL=postgres://app@db/shop emporium worker")
    .action(async () => {
      if (loadConfig(io.env).amqpUrl === null) throw new CliError(AMQP_URL_MISSING, ExitCode.config);
      // Loaded on demand, like the HTTP stack for `serve`.
      const { runWorker } = await import("@emporium/worker");
      await runWorker({ env: io.env, print: (line) => io.stdout(`${line}\n`) });
    });
}
