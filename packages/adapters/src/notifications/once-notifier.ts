import type { Message, Notifier } from "@emporium/domain";

/**
 * A Notifier for event consumers: sends the messages an event calls for at most once per
 * (consumer, event id), so a redelivered event does not mail the customer twice.
 */
export interface OnceNotifier extends Notifier {
  /** Sends `messages` unless `consumer` already handled `eventId`; true when it sent them now. */
  sendOnce(consumer: string, eventId: string, messages: readonly Message[]): Promise<boolean>;
}
