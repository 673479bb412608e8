import type { Command } from "@commander-js/extra-typings";
import { Tokens } from "@emporium/adapters";
import type { CliIo } from "../cli-io.js";
import { printJson } from "../output/print-json.js";
import { withContainer } from "../with-container.js";

/** `emporium outbox status`: how far event delivery is behind. */
export function registerOutbox(program: Command, io: CliIo): void {
  const outbox = program.command("outbox").description("the transactional outbox of domain events");
  outbox
    .command("status")
    .description("events written but not yet delivered, and the age of the oldest")
    .option("--json", "as JSON")
    .addHelpText(
      "after",
      `
Without AMQP_URL a running server delivers the outbox in process; with it, the worker relays it
to RabbitMQ. Events that failed delivery five times stay pending here until replayed.

Examples:
  $ emporium outbox status
  $ emporium outbox status --json`,
    )
    .action(async ({ json }) => {
      const { status, brokered } = await withContainer(io, async (container) => ({
        status: await container.get(Tokens.OutboxRelay).status(),
        brokered: container.config.amqpUrl !== null,
      }));
      const delivery = brokered ? "rabbitmq" : "in-process";
      if (json) {
        printJson(io, { ...status, oldestCreatedAt: status.oldestCreatedAt?.toISOString() ?? null, delivery });
        return;
      }
      const by = brokered
        ? "the worker relays them to RabbitMQ (AMQP_URL is set)"
        : "a running server delivers them in process (AMQP_URL is unset)";
      io.stdout(
        status.pending === 0
          ? `The outbox is empty: every event has been delivered. Delivery: ${by}.\n`
          : `${status.pending} event${status.pending === 1 ? "" : "s"} pending; the oldest was written ${status.oldestCreatedAt?.toISOString()} (${seconds(status.oldestAgeMs)} ago). Delivery: ${by}.\n`,
      );
    });
}

const seconds = (ms: number): string => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);
