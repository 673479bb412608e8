import { ExpireReservations, ok } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { silentLogger, type Logger } from "../container/logger.js";
import { createInMemoryPersistence, type InMemoryPersistence } from "../memory/create-in-memory-persistence.js";
import { SystemClock } from "../memory/system-clock.js";
import { UlidIdGenerator } from "../memory/ulid-id-generator.js";
import { ReservationSweeper } from "./reservation-sweeper.js";

const SKU = "MUG-BLUE";

async function holdStock(
  persistence: InMemoryPersistence,
  reservations: { id: string; quantity: number; expiresAt: Date }[],
): Promise<void> {
  await persistence.uow.run(async (tx) => {
    await tx.inventory.ensure(SKU, 0);
    await tx.inventory.applyDelta(SKU, { onHand: 10, reserved: 0 });
    for (const { id, quantity, expiresAt } of reservations) {
      await tx.inventory.applyDelta(SKU, { onHand: 0, reserved: quantity });
      await tx.inventory.insertReservation({
        id,
        status: "active",
        lines: [{ sku: SKU, quantity }],
        expiresAt,
        createdAt: new Date(expiresAt.getTime() - 900_000),
      });
    }
    return ok(undefined);
  });
}

function sweeperOver(persistence: InMemoryPersistence, logger: Logger = silentLogger): ReservationSweeper {
  const clock = new SystemClock();
  const expireReservations = new ExpireReservations({
    uow: persistence.uow,
    repos: persistence.repos,
    clock,
    ids: new UlidIdGenerator(clock),
  });
  return new ReservationSweeper({ expireReservations, logger, batchSize: 2 });
}

describe("ReservationSweeper", () => {
  it("releases every lapsed reservation, batch after batch, and leaves live ones alone", async () => {
    const persistence = createInMemoryPersistence();
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    await holdStock(persistence, [
      { id: "res-1", quantity: 1, expiresAt: past },
      { id: "res-2", quantity: 2, expiresAt: past },
      { id: "res-3", quantity: 3, expiresAt: past },
      { id: "res-live", quantity: 4, expiresAt: future },
    ]);

    expect(await sweeperOver(persistence).sweep()).toBe(3);

    const [level] = await persistence.repos.inventory.findManyBySkus([SKU]);
    expect(level).toMatchObject({ onHand: 10, reserved: 4 });
    expect((await persistence.repos.inventory.findReservationById("res-2"))?.status).toBe("expired");
    expect((await persistence.repos.inventory.findReservationById("res-live"))?.status).toBe("active");
    expect(await sweeperOver(persistence).sweep()).toBe(0);
  });

  it("sweeps on its timer until stopped", async () => {
    const persistence = createInMemoryPersistence();
    await holdStock(persistence, [{ id: "res-1", quantity: 1, expiresAt: new Date(Date.now() - 1000) }]);
    let reported: (fields: Record<string, unknown>) => void = () => undefined;
    const swept = new Promise<Record<string, unknown>>((resolve) => {
      reported = resolve;
    });
    const sweeper = sweeperOver(persistence, { ...silentLogger, info: (fields) => reported(fields) });

    sweeper.start(5);
    expect(await swept).toEqual({ expired: 1 });
    await sweeper.stop();
    expect((await persistence.repos.inventory.findManyBySkus([SKU]))[0]?.reserved).toBe(0);
  });
});
