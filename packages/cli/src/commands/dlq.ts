import { Option, type Command } from "@commander-js/extra-typings";
import { AMQP_URL_MISSING, loadConfig, openDeadLetters, TASK_QUEUE_NAMES, type DeadLetters, type TaskQueueName } from "@emporium/adapters";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { printJson } from "../output/print-json.js";
import { formatTable } from "../output/table.js";
import { wholeNumber } from "./parse-number.js";

const queueOption = (what: string) => new Option("--queue <queue>", what).choices(TASK_QUEUE_NAMES);

/** `emporium dlq …`: the RabbitMQ dead-letter queues (production profile). */
export function registerDlq(program: Command, io: CliIo): void {
  const dlq = program
    .command("dlq")
    .description("inspect, replay and purge the messages RabbitMQ gave up on (needs AMQP_URL)")
    .addHelpText("after", `\nA message lands in <queue>.dlq after 5 failed deliveries. Queues: ${TASK_QUEUE_NAMES.join(", ")}.`);

  dlq
    .command("list")
    .description("without --queue: how many dead letters each queue holds; with it: the messages (they stay in the queue)")
    .addOption(queueOption("list the messages of this queue"))
    .option("--limit <n>", "at most this many messages", wholeNumber, 20)
    .option("--json", "as JSON")
    .addHelpText("after", "\nExamples:\n  $ emporium dlq list\n  $ emporium dlq list --queue search.index_product --json")
    .action(async ({ queue, limit, json }) => {
      await withDeadLetters(io, async (deadLetters) => {
        if (queue === undefined) {
          const counts = await deadLetters.counts();
          if (json) printJson(io, counts);
          else
            io.stdout(
              formatTable(
                ["QUEUE", "DEAD LETTERS"],
                Object.entries(counts).map(([name, count]) => [name, String(count)]),
              ),
            );
          return;
        }
        const letters = await deadLetters.list(queue, limit);
        if (json) {
          printJson(
            io,
            letters.map((letter) => ({ ...letter, deadLetteredAt: letter.deadLetteredAt?.toISOString() ?? null })),
          );
          return;
        }
        if (letters.length === 0) {
          io.stdout(`${queue}.dlq is empty.\n`);
          return;
        }
        io.stdout(
          formatTable(
            ["ID", "TYPE", "ATTEMPTS", "DEAD-LETTERED", "REASON"],
            letters.map((letter) => [
              letter.id ?? "-",
              letter.type ?? "-",
              String(letter.attempts),
              letter.deadLetteredAt?.toISOString() ?? "-",
              letter.reason,
            ]),
          ),
        );
      });
    });

  dlq
    .command("replay")
    .description("move dead letters back into their work queue, with a fresh attempt count")
    .addOption(queueOption("only this queue (default: every queue)"))
    .option("--id <id...>", "only the messages with these event ids")
    .option("--limit <n>", "at most this many per queue", wholeNumber)
    .addHelpText(
      "after",
      "\nExamples:\n  $ emporium dlq replay --queue email.order_confirmation\n  $ emporium dlq replay --queue search.index_product --id 01J0Z8K5W6Q4N3M2P1R0S9T8V7",
    )
    .action(async ({ queue, id, limit }) => {
      await withDeadLetters(io, async (deadLetters) => {
        const queues: readonly TaskQueueName[] = queue === undefined ? deadLetters.queues() : [queue];
        let total = 0;
        for (const name of queues) {
          const replayed = await deadLetters.replay(name, {
            ...(id === undefined ? {} : { ids: id }),
            ...(limit === undefined ? {} : { limit }),
          });
          if (replayed > 0) io.stdout(`Replayed ${replayed} message${replayed === 1 ? "" : "s"} into ${name}.\n`);
          total += replayed;
        }
        if (total === 0) io.stdout("Nothing to replay.\n");
      });
    });

  dlq
    .command("purge")
    .description("delete dead letters for good")
    .addOption(queueOption("this queue's dead letters"))
    .option("--all", "every queue's dead letters")
    .addHelpText("after", "\nExamples:\n  $ emporium dlq purge --queue analytics.refresh\n  $ emporium dlq purge --all")
    .action(async ({ queue, all }) => {
      if ((queue === undefined) === (all !== true)) throw new CliError("say what to purge: --queue <queue> or --all", ExitCode.usage);
      await withDeadLetters(io, async (deadLetters) => {
        const queues: readonly TaskQueueName[] = queue === undefined ? deadLetters.queues() : [queue];
        let total = 0;
        for (const name of queues) total += await deadLetters.purge(name);
        io.stdout(`Purged ${total} dead letter${total === 1 ? "" : "s"}.\n`);
      });
    });
}

async function withDeadLetters(io: CliIo, work: (deadLetters: DeadLetters) => Promise<void>): Promise<void> {
  const config = loadConfig(io.env);
  if (config.amqpUrl === null)
    throw new CliError(`${AMQP_URL_MISSING}; without it events are delivered in process and nothing is dead-lettered`, ExitCode.config);
  const { deadLetters, close } = await openDeadLetters(config);
  try {
    await work(deadLetters);
  } finally {
    await close();
  }
}
