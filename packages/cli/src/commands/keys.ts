import type { Command } from "@commander-js/extra-typings";
import { createSqlPersistence, generateDataKey, loadConfig, resealPersonalData } from "@emporium/adapters";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../cli-io.js";
import { ExitCode } from "../exit-codes.js";
import { wholeNumber } from "./parse-number.js";

/** `emporium keys …`: the keys that seal personal data (phone numbers, addresses) at rest. */
export function registerKeys(program: Command, io: CliIo): void {
  const keys = program.command("keys").description("manage the keys that encrypt personal data at rest");

  keys
    .command("generate")
    .description("print a new random DATA_ENCRYPTION_KEY (append it to .env, or put it in your secret store)")
    .action(() => {
      const key = generateDataKey();
      io.stdout(
        `# data encryption key ${key.id}; when it replaces another key, keep that one in DATA_ENCRYPTION_KEYS until \`emporium keys rotate\` is done\n` +
          `DATA_ENCRYPTION_KEY=${key.material.toString("base64")}\n`,
      );
    });

  keys
    .command("rotate")
    .description("re-encrypt every phone number and address under DATA_ENCRYPTION_KEY (safe to run again or to resume)")
    .option("--batch-size <n>", "rows per transaction", wholeNumber, 500)
    .action(async ({ batchSize }) => {
      if (batchSize < 1) throw new CliError("--batch-size must be at least 1", ExitCode.usage);
      const config = loadConfig(io.env);
      const persistence = await createSqlPersistence({
        url: config.database.url,
        poolSize: 2,
        statementTimeoutMs: config.database.statementTimeoutMs,
        dataKeys: config.dataKeys,
      });
      try {
        const report = await resealPersonalData(persistence.database.db, persistence.database.dialect, persistence.cipher, {
          batchSize,
          onBatch: ({ table, examined, resealed }) => io.stderr(`${table}: ${examined} examined, ${resealed} re-encrypted\n`),
        });
        const keyId = persistence.cipher.currentKeyId;
        io.stdout(
          report.customers + report.orders === 0
            ? `Every phone number and address is already encrypted under key ${keyId}.\n`
            : `Re-encrypted ${count(report.customers, "customer")} and ${count(report.orders, "order")} under key ${keyId}.\n`,
        );
      } finally {
        await persistence.close();
      }
    });
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
