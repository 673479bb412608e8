import type { Kysely } from "kysely";
import type { Clock, Message } from "@emporium/domain";
import type { Database } from "../../sql/database.js";
import { KyselyMailbox } from "../../sql/kysely-mailbox.js";
import type { KyselyProcessedEvents } from "../../sql/kysely-processed-events.js";
import type { OnceNotifier } from "../once-notifier.js";
import { renderMessage } from "../templates.js";

export type LogFn = (fields: Record<string, unknown>, message: string) => void;

export interface MailboxNotifierOptions {
  readonly db: Kysely<Database>;
  readonly processedEvents: KyselyProcessedEvents;
  /** Receives each message at debug level. */
  readonly log?: LogFn;
  readonly clock?: Clock;
}

/**
 * The embedded profile's Notifier: instead of mailing, it keeps each message, rendered (under
 * `data.body`), in the mailbox table (`GET /v1/admin/mailbox`) and logs that it did. `sendOnce` records the event as
 * processed in the same transaction as the messages, so they are written exactly once.
 */
export class MailboxNotifier implements OnceNotifier {
  private readonly db: Kysely<Database>;
  private readonly processedEvents: KyselyProcessedEvents;
  private readonly log: LogFn;
  private readonly clock: Clock;

  constructor({ db, processedEvents, log = () => undefined, clock = { now: () => new Date() } }: MailboxNotifierOptions) {
    this.db = db;
    this.processedEvents = processedEvents;
    this.log = log;
    this.clock = clock;
  }

  async send(message: Message): Promise<void> {
    await this.write(this.db, [message]);
  }

  async sendOnce(consumer: string, eventId: string, messages: readonly Message[]): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.processedEvents.tryRecord(trx, consumer, eventId, this.clock.now()))) return false;
      await this.write(trx, messages);
      return true;
    });
  }

  private async write(db: Kysely<Database>, messages: readonly Message[]): Promise<void> {
    const mailbox = new KyselyMailbox(db);
    for (const message of messages) {
      const { text, html } = renderMessage(message);
      const stored = await mailbox.insert({ ...message, data: { ...message.data, body: { text, html } } }, this.clock.now());
      // The body stays out of the log: a password reset mail carries a live token.
      this.log(
        { mailboxId: stored.id, to: message.to, template: message.template, subject: message.subject },
        "notification written to the mailbox",
      );
    }
  }
}
