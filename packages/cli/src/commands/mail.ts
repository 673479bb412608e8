import type { Command } from "@commander-js/extra-typings";
import { Tokens, type MailboxMessage } from "@emporium/adapters";
import type { CliIo } from "../cli-io.js";
import { printJson } from "../output/print-json.js";
import { formatTable } from "../output/table.js";
import { withContainer } from "../with-container.js";
import { wholeNumber } from "./parse-number.js";

/** `emporium mail list`: what the embedded profile's notifier "sent" (the mailbox table). */
export function registerMail(program: Command, io: CliIo): void {
  const mail = program.command("mail").description("the messages the shop has sent (embedded profile: kept in the database)");
  mail
    .command("list")
    .description("messages, newest first")
    .option("--limit <n>", "at most this many", wholeNumber, 20)
    .option("--json", "one JSON array, with each message's data")
    .addHelpText("after", "\nExamples:\n  $ emporium mail list\n  $ emporium mail list --json --limit 1 | jq '.[0].data'")
    .action(async ({ limit, json }) => {
      const { messages, smtp } = await withContainer(io, async (container) => {
        const mailbox = container.get(Tokens.Mailbox);
        const found: MailboxMessage[] = [];
        let cursor: string | null = null;
        do {
          const page = await mailbox.list({ limit: Math.min(100, limit - found.length), cursor });
          found.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== null && found.length < limit);
        return { messages: found, smtp: container.config.smtpUrl !== null };
      });
      if (json) {
        printJson(
          io,
          messages.map((message) => ({ ...message, createdAt: message.createdAt.toISOString() })),
        );
        return;
      }
      if (messages.length === 0) {
        io.stdout(smtp ? "No messages: SMTP_URL is set, so messages are mailed rather than kept here.\n" : "No messages yet.\n");
        return;
      }
      io.stdout(
        formatTable(
          ["ID", "SENT", "TO", "TEMPLATE", "SUBJECT"],
          messages.map((message) => [message.id, message.createdAt.toISOString(), message.to, message.template, message.subject]),
        ),
      );
    });
}
