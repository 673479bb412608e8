import type { DomainEvent } from "@emporium/domain";
import { describe, expect, it } from "vitest";
import { InProcessDispatcher } from "./in-process-dispatcher.js";

const event = (type: DomainEvent["type"], id = "evt_1"): DomainEvent => ({
  id,
  type,
  payload: { orderId: "ord_1" },
  occurredAt: new Date("2030-01-01T00:00:00Z"),
});

describe("InProcessDispatcher", () => {
  it("routes an event to the handlers of its type and to wildcard handlers", async () => {
    const dispatcher = new InProcessDispatcher();
    const seen: string[] = [];
    dispatcher.on("order.placed", (e) => void seen.push(`placed:${e.id}`));
    dispatcher.on("order.paid", () => void seen.push("paid"));
    dispatcher.on("*", (e) => void seen.push(`any:${e.type}`));
    await dispatcher.dispatch(event("order.placed"));
    expect(seen.sort()).toEqual(["any:order.placed", "placed:evt_1"]);
  });

  it("resolves only after every async handler has finished", async () => {
    const dispatcher = new InProcessDispatcher();
    let finished = 0;
    for (let i = 0; i < 3; i += 1) {
      dispatcher.on("stock.changed", async () => {
        await new Promise((resolve) => setImmediate(resolve));
        finished += 1;
      });
    }
    await dispatcher.dispatch(event("stock.changed"));
    expect(finished).toBe(3);
  });

  it("propagates a failing handler's error after the others ran", async () => {
    const dispatcher = new InProcessDispatcher();
    let otherRan = false;
    dispatcher.on("order.paid", async () => {
      throw new Error("mail server down");
    });
    dispatcher.on("order.paid", async () => {
      otherRan = true;
    });
    await expect(dispatcher.dispatch(event("order.paid"))).rejects.toThrow("mail server down");
    expect(otherRan).toBe(true);
  });

  it("reports several failures together", async () => {
    const dispatcher = new InProcessDispatcher();
    dispatcher.on("order.paid", () => {
      throw new Error("one");
    });
    dispatcher.on("*", () => {
      throw new Error("two");
    });
    const error = await dispatcher.dispatch(event("order.paid")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(["one", "two"]);
  });

  it("does nothing for an event nobody handles, and stops calling unsubscribed handlers", async () => {
    const dispatcher = new InProcessDispatcher();
    let calls = 0;
    const off = dispatcher.on("review.posted", () => void (calls += 1));
    await dispatcher.dispatch(event("order.placed"));
    await dispatcher.dispatch(event("review.posted"));
    off();
    await dispatcher.dispatch(event("review.posted"));
    expect(calls).toBe(1);
  });
});
