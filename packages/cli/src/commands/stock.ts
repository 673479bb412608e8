import { Argument, Option, type Command } from "@commander-js/extra-typings";
import { Tokens } from "@emporium/adapters";
import type { MovementReason, StockLevel } from "@emporium/domain";
import { adminCommand } from "../admin-command.js";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { printJson } from "../output/print-json.js";
import { formatTable } from "../output/table.js";
import { withContainer } from "../with-container.js";
import { signedWholeNumber, wholeNumber } from "./parse-number.js";

// Every movement reason but `sale`, which only checkout books.
const REASONS = ["adjustment", "restock", "return", "import"] as const satisfies readonly Exclude<MovementReason, "sale">[];

const reasonOption = () => new Option("--reason <reason>", "why, recorded on the stock movement").choices(REASONS).makeOptionMandatory();
const noteOption = () => new Option("--note <text>", "free text kept with the movement, e.g. a delivery note number");

/** `emporium stock …`: count, adjust and watch stock, as the admin inventory routes do. */
export function registerStock(program: Command, io: CliIo): void {
  const stock = program.command("stock").description("set, adjust and list stock levels");

  stock
    .command("set")
    .description("set the units on hand of a SKU to a counted number (the difference is booked as one movement)")
    .argument("<sku>", "the variant's SKU")
    .addArgument(new Argument("<on-hand>", "the counted units on hand").argParser(wholeNumber))
    .addOption(reasonOption())
    .addOption(noteOption())
    .addHelpText("after", '\nExample:\n  $ emporium stock set TSHIRT-BLUE-M 40 --reason adjustment --note "cycle count 2024-06"')
    .action(async (sku, onHand, { reason, note }) => {
      const level = await withContainer(io, async (container) => {
        const result = await container.useCase("SetStock").execute({ ...adminCommand(io), sku, onHand, reason, note: note ?? null });
        if (!result.ok) throw CliError.from(result.error);
        await container.get(Tokens.OutboxProcessor).drain();
        return result.value;
      });
      io.stdout(`${describe(level)}\n`);
    });

  stock
    .command("adjust")
    .description("add units to a SKU (positive) or remove them (negative); on hand never falls below what checkouts hold")
    .argument("<sku>", "the variant's SKU")
    .addArgument(new Argument("<delta>", "units to add, or to remove when negative").argParser(signedWholeNumber))
    .addOption(reasonOption())
    .addOption(noteOption())
    .addHelpText(
      "after",
      "\nExamples:\n  $ emporium stock adjust TSHIRT-BLUE-M 24 --reason restock\n  $ emporium stock adjust TSHIRT-BLUE-M -2 --reason adjustment --note damaged",
    )
    .action(async (sku, delta, { reason, note }) => {
      const level = await withContainer(io, async (container) => {
        const result = await container.useCase("AdjustStock").execute({ ...adminCommand(io), sku, delta, reason, note: note ?? null });
        if (!result.ok) throw CliError.from(result.error);
        await container.get(Tokens.OutboxProcessor).drain();
        return result.value;
      });
      io.stdout(`${describe(level)}\n`);
    });

  stock
    .command("low")
    .description("SKUs whose available units (on hand − reserved) are at or below their low-stock threshold, by SKU")
    .option("--json", "one JSON array instead of a table")
    .addHelpText("after", "\nExamples:\n  $ emporium stock low\n  $ emporium stock low --json | jq -r '.[].sku'")
    .action(async ({ json }) => {
      const levels = await withContainer(io, async (container) => {
        const inventory = container.get(Tokens.Repositories).inventory;
        const all: StockLevel[] = [];
        let cursor: string | null = null;
        do {
          const page = await inventory.listLow({ limit: 100, cursor });
          all.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== null);
        return all;
      });
      if (json) {
        printJson(
          io,
          levels.map((level) => ({ ...level, available: level.onHand - level.reserved })),
        );
        return;
      }
      if (levels.length === 0) {
        io.stdout("No SKU is running low.\n");
        return;
      }
      io.stdout(
        formatTable(
          ["SKU", "AVAILABLE", "ON HAND", "RESERVED", "THRESHOLD"],
          levels.map((level) => [
            level.sku,
            String(level.onHand - level.reserved),
            String(level.onHand),
            String(level.reserved),
            String(level.lowStockThreshold),
          ]),
        ),
      );
    });
}

const describe = (level: StockLevel): string =>
  `${level.sku}: ${level.onHand} on hand, ${level.reserved} reserved, ${level.onHand - level.reserved} available.`;
