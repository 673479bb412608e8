import { ContainerModule } from "inversify";
import { MailboxNotifier } from "../notifications/log/mailbox-notifier.js";
import { SmtpNotifier } from "../notifications/smtp/smtp-notifier.js";
import { singleton } from "./binding.js";
import { Tokens } from "./tokens.js";

/** Notifications: mail over SMTP when SMTP_URL is set, the mailbox table otherwise. */
export const notificationsModule = () =>
  new ContainerModule(({ bind }) => {
    singleton(
      bind,
      Tokens.OnceNotifier,
      [Tokens.Config, Tokens.Persistence, Tokens.Logger, Tokens.Clock],
      (config, persistence, logger, clock) => {
        const common = {
          db: persistence.database.db,
          processedEvents: persistence.processedEvents,
          log: (fields: Record<string, unknown>, message: string) => logger.debug(fields, message),
          clock,
        };
        return config.smtpUrl === null
          ? new MailboxNotifier(common)
          : new SmtpNotifier({ ...common, url: config.smtpUrl, from: config.smtpFrom });
      },
    );
    // The same instance is the Notifier port of the use cases.
    singleton(bind, Tokens.Notifier, [Tokens.OnceNotifier], (notifier) => notifier);
  });
