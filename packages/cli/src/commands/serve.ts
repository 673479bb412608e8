import type { Command } from "@commander-js/extra-typings";
import type { CliIo } from "../cli-io.js";
import { wholeNumber } from "./parse-number.js";

/** `emporium serve`: what `npm start` runs, from the same code. */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("start the HTTP API (seeds the demo catalogue into an empty database); Ctrl+C or SIGTERM stops it gracefully")
    .option("--demo-products <n>", "products of the demo catalogue for an empty database; 0 seeds nothing", wholeNumber, 200)
    .addHelpText("after", "\nExamples:\n  $ emporium serve\n  $ PORT=8080 emporium serve --demo-products 0")
    .action(async ({ demoProducts }) => {
      // Loaded on demand: the other commands start faster without the HTTP stack.
      const { runServer } = await import("@emporium/http");
      await runServer({ env: io.env, demoProducts, print: (line) => io.stdout(`${line}\n`) });
    });
}
