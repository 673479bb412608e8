import { ok, type DomainEvent } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlPersistence } from "./create-sql-persistence.js";
import { sqlTargets } from "./test-support/sql-targets.js";

let counter = 0;
const event = (payload: Record<string, unknown> = {}): DomainEvent => ({
  id: `evt-${Date.now()}-${++counter}`,
  type: "order.placed",
  payload,
  occurredAt: new Date(Date.UTC(2024, 0, 1, 0, 0, counter)),
});

for (const target of sqlTargets()) {
  const reason = await target.unavailable();
  describe.skipIf(reason !== null)(`KyselyOutboxRelay on ${target.dialect}${reason === null ? "" : ` (skipped: ${reason})`}`, () => {
    let sql: SqlPersistence;
    beforeAll(async () => {
      sql = await target.open();
    });
    afterAll(async () => {
      await sql?.close();
    });

    const append = async (events: DomainEvent[]) => {
      const result = await sql.uow.run(async (tx) => ok(await tx.outbox.append(events)));
      expect(result.ok).toBe(true);
    };
    /** Marks everything pending sent (leases of earlier tests included), so each test starts from an empty queue. */
    const drain = async () => {
      for (;;) {
        const claimed = await sql.relay.claim(100, 1, new Date(Date.now() + 3_600_000));
        if (claimed.length === 0) return;
        await sql.relay.markSent(claimed.map((e) => e.id));
      }
    };

    it("claims unsent events in order, as envelopes with their trace and attempt", async () => {
      await drain();
      const events = [event({ n: 1 }), event({ n: 2 }), event({ n: 3 })];
      await append(events);
      const claimed = await sql.relay.claim(2, 60_000);
      expect(claimed.map((e) => e.id)).toEqual([events[0]!.id, events[1]!.id]);
      expect(claimed[0]).toMatchObject({
        type: "order.placed",
        payload: { n: 1 },
        createdAt: events[0]!.occurredAt,
        traceId: null,
        attempt: 1,
      });
      expect(claimed[1]!.seq).toBeGreaterThan(claimed[0]!.seq);
      // Leased rows are not handed out twice while the lease holds.
      expect((await sql.relay.claim(10, 60_000)).map((e) => e.id)).toEqual([events[2]!.id]);
      expect(await sql.relay.claim(10, 60_000)).toEqual([]);
    });

    it("hands released and lease-expired events out again, counting attempts", async () => {
      await drain();
      const [released, leased] = [event(), event()];
      await append([released!, leased!]);
      const now = new Date();
      const first = await sql.relay.claim(10, 1_000, now);
      expect(first.map((e) => e.attempt)).toEqual([1, 1]);
      await sql.relay.release([released!.id]);
      expect((await sql.relay.claim(10, 1_000, now)).map((e) => [e.id, e.attempt])).toEqual([[released!.id, 2]]);
      const later = new Date(now.getTime() + 1_001);
      expect((await sql.relay.claim(10, 1_000, later)).map((e) => [e.id, e.attempt])).toEqual([
        [released!.id, 3],
        [leased!.id, 2],
      ]);
    });

    it("never claims a sent event again", async () => {
      await drain();
      const sent = event();
      await append([sent]);
      await sql.relay.markSent((await sql.relay.claim(10, 1)).map((e) => e.id));
      expect(await sql.relay.claim(10, 1, new Date(Date.now() + 60_000))).toEqual([]);
      await sql.relay.release([sent.id]);
      expect(await sql.relay.claim(10, 1)).toEqual([]);
    });

    it("reports how many events wait and how old the oldest is", async () => {
      await drain();
      expect(await sql.relay.status()).toEqual({ pending: 0, oldestCreatedAt: null, oldestAgeMs: 0 });
      const [oldest, newer] = [event(), event()];
      await append([oldest!, newer!]);
      const status = await sql.relay.status(new Date(oldest!.occurredAt.getTime() + 5_000));
      expect(status).toEqual({ pending: 2, oldestCreatedAt: oldest!.occurredAt, oldestAgeMs: 5_000 });
    });

    it("splits events between concurrent relays without giving one to two of them", async () => {
      await drain();
      const events = Array.from({ length: 40 }, () => event());
      await append(events);
      const claims = await Promise.all(Array.from({ length: 4 }, () => sql.relay.claim(15, 60_000)));
      const ids = claims.flat().map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(events.map((e) => e.id).sort());
    });

    it("stores the trace id of the request that wrote the event", async () => {
      const traced = await target.open({ traceId: () => "4bf92f3577b34da6a3ce929d0e0e4736" });
      try {
        const written = event();
        await traced.uow.run(async (tx) => ok(await tx.outbox.append([written])));
        expect(await traced.relay.claim(10, 60_000)).toEqual([
          expect.objectContaining({ id: written.id, traceId: "4bf92f3577b34da6a3ce929d0e0e4736" }),
        ]);
      } finally {
        await traced.close();
      }
    });

    it("purges sent events older than a cut-off", async () => {
      await drain();
      await append([event()]);
      const claimed = await sql.relay.claim(10, 60_000);
      await sql.relay.markSent(
        claimed.map((e) => e.id),
        new Date(Date.UTC(2020, 0, 1)),
      );
      expect(await sql.relay.purgeSent(new Date(Date.UTC(2021, 0, 1)))).toBe(1);
      expect(await sql.relay.purgeSent(new Date(Date.UTC(2021, 0, 1)))).toBe(0);
    });
  });
}
