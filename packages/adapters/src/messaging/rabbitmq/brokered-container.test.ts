import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createContainer, type EmporiumContainer } from "../../container/create-container.js";
import { tempSqlite, type TempSqlite } from "../../container/test-support/sqlite-file.js";
import { Tokens } from "../../container/tokens.js";
import { OutboxEventDispatcher } from "./outbox-event-dispatcher.js";
import { WorkerOwnedOutbox } from "./worker-owned-outbox.js";

// No broker is needed: with AMQP_URL the HTTP and CLI processes never talk to RabbitMQ.
describe("createContainer with AMQP_URL (production dispatch)", () => {
  let sqlite: TempSqlite;
  let app: EmporiumContainer;

  beforeEach(async () => {
    sqlite = tempSqlite();
    app = await createContainer(
      sqlite.config({ AMQP_URL: "amqp://guest:guest@127.0.0.1:1", JWT_SECRET: "a-test-secret-that-is-long-enough-for-hs256" }),
    );
  });
  afterEach(async () => {
    await app?.close();
    sqlite?.remove();
  });

  it("dispatches by appending to the outbox and runs no handler in process", async () => {
    expect(app.get(Tokens.EventDispatcher)).toBeInstanceOf(OutboxEventDispatcher);
    expect(app.get(Tokens.OutboxProcessor)).toBeInstanceOf(WorkerOwnedOutbox);
    app.startBackgroundJobs({ outboxIntervalMs: 1, sweepIntervalMs: 1 });

    const registered = await app
      .useCase("RegisterCustomer")
      .execute({ email: "prod@example.com", password: "correct horse battery", name: "Prod" });
    expect(registered.ok).toBe(true);
    await app.useCase("RequestPasswordReset").execute({ email: "prod@example.com" });
    await app
      .get(Tokens.EventDispatcher)
      .dispatch({ id: "evt-direct", type: "product.changed", payload: { productId: "p-1" }, occurredAt: new Date() });
    await app.get(Tokens.OutboxProcessor).drain();

    // Everything waits in the outbox for the worker's relay; nothing was mailed here.
    expect((await app.get(Tokens.OutboxRelay).status()).pending).toBe(3);
    expect((await app.get(Tokens.Mailbox).list({ limit: 10 })).items).toEqual([]);
  });
});
