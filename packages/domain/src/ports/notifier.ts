export type MessageTemplate = "order_confirmation" | "shipping_notice" | "password_reset" | "low_stock";

export interface Message {
  readonly to: string;
  readonly template: MessageTemplate;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Sends a message to a person (SMTP, or the mailbox table in the embedded profile). */
export interface Notifier {
  send(message: Message): Promise<void>;
}
