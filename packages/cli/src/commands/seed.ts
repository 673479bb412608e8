import type { Command } from "@commander-js/extra-typings";
import { seedDemo, Tokens } from "@emporium/adapters";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { withContainer } from "../with-container.js";
import { wholeNumber } from "./parse-number.js";

/** `emporium seed --demo`: the demo catalogue, as `npm start` loads it into an empty shop. */
export function registerSeed(program: Command, io: CliIo): void {
  program
    .command("seed")
    .description("load sample data into an empty shop")
    .option("--demo", "the demo catalogue, reviews and the WELCOME10 coupon")
    .option("--products <n>", "how many demo products", wholeNumber, 200)
    .addHelpText("after", "\nExample:\n  $ emporium seed --demo --products 50")
    .action(async ({ demo, products }) => {
      if (!demo) throw new CliError("say what to seed: emporium seed --demo [--products N]", ExitCode.usage);
      if (products < 1) throw new CliError("--products must be at least 1", ExitCode.usage);
      await withContainer(io, async (container) => {
        const report = await seedDemo(container, {
          products,
          onProgress: (done, total) => io.stderr(`imported ${done}/${total} products\n`),
        });
        if (!report.seeded) {
          io.stdout("The catalogue already has products; nothing was seeded.\n");
          return;
        }
        // Deliver the catalogue events now, so search finds the products before the server starts.
        await container.get(Tokens.OutboxProcessor).drain();
        io.stdout(
          `Seeded ${report.products} products (${report.variants} variants, ${report.categoriesCreated} categories), ` +
            `${report.reviews} reviews and coupon ${report.coupon}.\n`,
        );
      });
    });
}
