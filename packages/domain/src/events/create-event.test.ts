import { describe, expect, it } from "vitest";
import { createEvent } from "./create-event.js";

describe("createEvent", () => {
  it("builds an event with the id and time the caller supplies", () => {
    const now = new Date("2025-01-01T00:00:00Z");
    const event = createEvent("order.placed", { orderId: "ord-1", total: 4498 }, { id: "evt-1", now });
    expect(event).toEqual({ id: "evt-1", type: "order.placed", payload: { orderId: "ord-1", total: 4498 }, occurredAt: now });
    expect(event.payload.total).toBe(4498);
  });
});
