import type { Clock, Message } from "@emporium/domain";
import type { Kysely } from "kysely";
import { createTransport, type Mail } from "nodemailer";
import type { Database } from "../../sql/database.js";
import type { KyselyProcessedEvents } from "../../sql/kysely-processed-events.js";
import type { LogFn } from "../log/mailbox-notifier.js";
import type { OnceNotifier } from "../once-notifier.js";
import { renderMessage } from "../templates.js";

export interface SmtpNotifierOptions {
  /** SMTP_URL: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://host:465`. */
  readonly url: string;
  /** The From header, e.g. `Shop <shop@example.com>`. */
  readonly from: string;
  readonly db: Kysely<Database>;
  readonly processedEvents: KyselyProcessedEvents;
  /** Receives each sent message at debug level, without its body. */
  readonly log?: LogFn;
  readonly clock?: Clock;
  /** Connection and greeting timeout (default 10 s): an outbox round waits on it. */
  readonly timeoutMs?: number;
}

/**
 * The production Notifier: mails each message over SMTP (nodemailer) with a text and an HTML
 * part rendered from the templates. `sendOnce` skips an event already recorded for the consumer
 * and records it after every message was accepted. A mail server cannot join the database
 * transaction, so a crash between the send and the record sends that event's mails again on
 * redelivery: at least once, never lost.
 */
export class SmtpNotifier implements OnceNotifier {
  private readonly transport: Mail;
  private readonly options: SmtpNotifierOptions;
  private readonly log: LogFn;
  private readonly clock: Clock;

  constructor(options: SmtpNotifierOptions) {
    this.options = options;
    this.log = options.log ?? (() => undefined);
    this.clock = options.clock ?? { now: () => new Date() };
    const timeout = options.timeoutMs ?? 10_000;
    this.transport = createTransport({
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 3,
    });
  }

  async send(message: Message): Promise<void> {
    await this.deliver([message]);
  }

  async sendOnce(consumer: string, eventId: string, messages: readonly Message[]): Promise<boolean> {
    const { db, processedEvents } = this.options;
    if (await processedEvents.has(db, consumer, eventId)) return false;
    await this.deliver(messages);
    await processedEvents.tryRecord(db, consumer, eventId, this.clock.now());
    return true;
  }

  /** Closes pooled connections; the notifier is unusable afterwards. */
  close(): void {
    this.transport.close();
  }

  private async deliver(messages: readonly Message[]): Promise<void> {
    // Every message renders before the first is sent, so a broken one sends none of its event's mails.
    const rendered = messages.map((message) => ({ message, body: renderMessage(message) }));
    for (const { message, body } of rendered) {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        text: body.text,
        html: body.html,
      });
      // The body stays out of the log: a password reset mail carries a live token.
      this.log(
        { messageId: info.messageId, to: message.to, template: message.template, subject: message.subject },
        "notification mailed over SMTP",
      );
    }
  }
}
