import { createEvent, type DomainEvent } from "@emporium/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../container/logger.js";
import { tempSqlite, type TempSqlite } from "../../container/test-support/sqlite-file.js";
import { InProcessDispatcher } from "../../memory/in-process-dispatcher.js";
import { createSqlPersistence, type SqlPersistence } from "../../sql/create-sql-persistence.js";
import { KyselyOutboxSource } from "./kysely-outbox-source.js";
import { OutboxProcessor } from "./outbox-processor.js";

interface LogLine {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function recordingLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push({ level, fields, message });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

describe("OutboxProcessor over the SQLite outbox", () => {
  let sqlite: TempSqlite;
  let persistence: SqlPersistence;
  let dispatcher: InProcessDispatcher;
  let logs: LogLine[];
  let processor: OutboxProcessor;
  let seq = 0;

  const event = (type: DomainEvent["type"] = "product.changed"): DomainEvent =>
    createEvent(type, { productId: `p-${++seq}` }, { id: `evt-${String(seq).padStart(4, "0")}`, now: new Date() });
  const commit = (...events: DomainEvent[]) => persistence.repos.outbox.append(events);

  beforeEach(async () => {
    sqlite = tempSqlite();
    persistence = await createSqlPersistence({ url: sqlite.url });
    dispatcher = new InProcessDispatcher();
    logs = [];
    processor = new OutboxProcessor({
      source: new KyselyOutboxSource(persistence.relay, persistence.database.db),
      dispatcher,
      logger: recordingLogger(logs),
      batchSize: 2,
    });
  });
  afterEach(async () => {
    await processor.stop();
    await persistence.close();
    sqlite.remove();
  });

  it("delivers committed events in outbox order, across batches, and marks them sent", async () => {
    const delivered: string[] = [];
    dispatcher.on("*", async (e) => {
      delivered.push(e.id);
    });
    const events = [event(), event("stock.changed"), event(), event("order.placed"), event()];
    await commit(...events);

    await processor.drain();

    expect(delivered).toEqual(events.map((e) => e.id));
    expect((await persistence.relay.status()).pending).toBe(0);
    await processor.drain();
    expect(delivered).toHaveLength(events.length);
  });

  it("hands handlers the event as it was appended", async () => {
    const received: DomainEvent[] = [];
    dispatcher.on("order.placed", async (e) => {
      received.push(e);
    });
    const placed = createEvent(
      "order.placed",
      { orderId: "ord-1", total: 4498 },
      { id: "evt-order", now: new Date("2025-03-01T10:00:00.000Z") },
    );
    await commit(placed);
    await processor.drain();
    expect(received).toEqual([placed]);
  });

  it("retries a failing handler and applies its effect exactly once", async () => {
    let calls = 0;
    const effects: string[] = [];
    dispatcher.on("product.changed", async (e) => {
      calls += 1;
      if (calls <= 2) throw new Error(`flaky handler, call ${calls}`);
      effects.push(e.id);
    });
    const flaky = event();
    await commit(flaky);

    await processor.drain();
    await processor.drain();

    expect(effects).toEqual([flaky.id]);
    expect(calls).toBe(3);
    expect(logs.filter((l) => l.level === "warn").map((l) => l.fields["attempt"])).toEqual([1, 2]);
    expect((await persistence.relay.status()).pending).toBe(0);
  });

  it("does not retry a failure within the round that saw it", async () => {
    let calls = 0;
    dispatcher.on("product.changed", async () => {
      calls += 1;
      throw new Error("still down");
    });
    await commit(event());
    expect(await processor.round()).toBe(1);
    expect(calls).toBe(1);
    expect(await processor.round()).toBe(1);
    expect(calls).toBe(2);
  });

  it("parks an event that keeps failing, without holding back the others, and replays it on release", async () => {
    let healthy = false;
    const delivered: string[] = [];
    dispatcher.on("*", async (e) => {
      if (e.type === "stock.changed" && !healthy) throw new Error("poisoned");
      delivered.push(e.id);
    });
    const before = event();
    const poisoned = event("stock.changed");
    const after = event();
    await commit(before, poisoned, after);

    await processor.drain();

    expect(delivered).toEqual([before.id, after.id]);
    const dead = logs.filter((l) => l.level === "error");
    expect(dead).toHaveLength(1);
    expect(dead[0]!.fields).toMatchObject({ eventId: poisoned.id, type: "stock.changed", attempts: 5 });
    // Parked, not lost: still pending, but no round claims it.
    expect((await persistence.relay.status()).pending).toBe(1);
    expect(await processor.round()).toBe(0);

    const later = event();
    await commit(later);
    await processor.drain();
    expect(delivered).toEqual([before.id, after.id, later.id]);

    healthy = true;
    await persistence.relay.release([poisoned.id]);
    await processor.drain();
    expect(delivered).toEqual([before.id, after.id, later.id, poisoned.id]);
    expect((await persistence.relay.status()).pending).toBe(0);
  });

  it("publishes nothing appended by a rolled-back unit of work", async () => {
    const delivered: string[] = [];
    dispatcher.on("*", async (e) => {
      delivered.push(e.id);
    });
    const rolledBack = event();
    await expect(
      persistence.uow.run(async (tx) => {
        await tx.outbox.append([rolledBack]);
        throw new Error("the work failed after appending");
      }),
    ).rejects.toThrow("the work failed after appending");
    const committed = event();
    await commit(committed);

    await processor.drain();

    expect(delivered).toEqual([committed.id]);
  });

  it("delivers on its timer until stopped", async () => {
    const first = new Promise<string>((resolve) => {
      dispatcher.on("*", async (e) => resolve(e.id));
    });
    processor.start(5);
    const committed = event();
    await commit(committed);
    expect(await first).toBe(committed.id);
    await processor.stop();

    const afterStop = event();
    await commit(afterStop);
    await processor.stop();
    expect((await persistence.relay.status()).pending).toBe(1);
  });
});
