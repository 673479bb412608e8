/** What a host asks of the outbox delivery: OutboxProcessor's lifecycle. */
export interface OutboxDelivery {
  start(intervalMs: number): void;
  stop(): Promise<void>;
  drain(): Promise<void>;
  round(): Promise<number>;
}

/**
 * The outbox delivery of an HTTP or CLI process in the production profile (AMQP_URL set): none.
 * The worker's relay publishes the outbox to RabbitMQ and its consumers run the handlers, so
 * these processes only append events; running handlers here too would deliver them twice.
 */
export class WorkerOwnedOutbox implements OutboxDelivery {
  start(): void {}

  async stop(): Promise<void> {}

  async drain(): Promise<void> {}

  async round(): Promise<number> {
    return 0;
  }
}
