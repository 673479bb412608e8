import type { Command } from "@commander-js/extra-typings";
import { KyselySalesCounter, Tokens } from "@emporium/adapters";
import type { SearchDocument } from "@emporium/domain";
import type { CliIo } from "../cli-io.js";
import { CliError } from "../cli-error.js";
import { ExitCode } from "../exit-codes.js";
import { startProgress } from "../output/progress.js";
import { withContainer } from "../with-container.js";
import { wholeNumber } from "./parse-number.js";

/** `emporium reindex`: rebuilds the search index from the catalogue, as `POST /v1/admin/search/reindex` does. */
export function registerReindex(program: Command, io: CliIo): void {
  program
    .command("reindex")
    .description("rebuild the search index from the catalogue; searches keep answering from the old index until the new one is complete")
    .option("--batch <n>", "products read and indexed per step", wholeNumber, 200)
    .addHelpText("after", "\nExamples:\n  $ emporium reindex\n  $ emporium reindex --batch 500")
    .action(async ({ batch }) => {
      if (batch < 1) throw new CliError("--batch must be at least 1", ExitCode.usage);
      // Loaded on demand: the document builder lives with the HTTP admin route that shares it.
      const { catalogDocuments } = await import("@emporium/http");
      await withContainer(io, async (container) => {
        const { db } = container.get(Tokens.Database);
        const active = await db
          .selectFrom("products")
          .where("status", "=", "active")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .executeTakeFirstOrThrow();
        const progress = startProgress(io, { label: "indexing", unit: "products", total: Number(active.count), everyUnits: 5_000 });
        const documents = catalogDocuments({
          repos: container.get(Tokens.Repositories),
          sales: new KyselySalesCounter(db),
          batchSize: batch,
        });
        async function* counted(): AsyncGenerator<readonly SearchDocument[]> {
          for await (const documentBatch of documents) {
            yield documentBatch;
            progress.advance(documentBatch.length);
          }
        }
        let indexed: number;
        try {
          ({ indexed } = await container.get(Tokens.SearchIndex).reindex(counted()));
        } finally {
          progress.done();
        }
        io.stdout(`Reindexed ${indexed} product${indexed === 1 ? "" : "s"}.\n`);
      });
    });
}
