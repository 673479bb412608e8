import { createEvent, type DomainEvent } from "@emporium/domain";
import { beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../container/logger.js";
import { OutboxProcessor } from "../messaging/in-process/outbox-processor.js";
import { createInMemoryPersistence, type InMemoryPersistence } from "./create-in-memory-persistence.js";
import { InProcessDispatcher } from "./in-process-dispatcher.js";

const NOW = new Date("2025-01-01T00:00:00Z");
const event = (id: string): DomainEvent => createEvent("stock.changed", { sku: id }, { id, now: NOW });

describe("InMemoryOutbox", () => {
  let db: InMemoryPersistence;

  beforeEach(async () => {
    db = createInMemoryPersistence();
    await db.outbox.append([event("e1"), event("e2")]);
    await db.outbox.append([event("e3")]);
  });

  it("hands out unsent events in order and forgets them once sent", async () => {
    expect((await db.outbox.pending(2)).map((e) => e.id)).toEqual(["e1", "e2"]);
    await db.outbox.markSent(["e1", "e3"]);
    expect((await db.outbox.pending(10)).map((e) => e.id)).toEqual(["e2"]);
    expect((await db.outbox.all()).map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
  });

  it("leases claimed events until the lease runs out or they are released, counting attempts", async () => {
    const first = await db.outbox.claim(2, 1000, NOW);
    expect(first.map((e) => [e.id, e.seq, e.attempt])).toEqual([
      ["e1", 1, 1],
      ["e2", 2, 1],
    ]);
    expect((await db.outbox.claim(10, 1000, NOW)).map((e) => e.id)).toEqual(["e3"]);
    expect(await db.outbox.claim(10, 1000, new Date(NOW.getTime() + 999))).toEqual([]);

    await db.outbox.release(["e2"]);
    await db.outbox.markSent(["e1"]);
    expect((await db.outbox.claim(10, 1000, new Date(NOW.getTime() + 500))).map((e) => [e.id, e.attempt])).toEqual([["e2", 2]]);
    expect((await db.outbox.claim(10, 1000, new Date(NOW.getTime() + 1000))).map((e) => [e.id, e.attempt])).toEqual([["e3", 2]]);
  });

  it("never hands out a parked event again until it is released", async () => {
    await db.outbox.park(["e1"]);
    expect((await db.outbox.claim(10, 1000, new Date("9000-01-01T00:00:00Z"))).map((e) => e.id)).toEqual(["e2", "e3"]);
    await db.outbox.release(["e1"]);
    expect((await db.outbox.claim(10, 1000, new Date("9000-01-01T00:00:00Z"))).map((e) => e.id)).toEqual(["e1"]);
  });

  it("is drained by the in-process OutboxProcessor", async () => {
    const dispatcher = new InProcessDispatcher();
    const seen: string[] = [];
    dispatcher.on("*", (e) => {
      seen.push(e.id);
    });
    await new OutboxProcessor({ source: db.outbox, dispatcher, logger: silentLogger }).drain();
    expect(seen).toEqual(["e1", "e2", "e3"]);
    expect(await db.outbox.pending(10)).toEqual([]);
  });
});
