import { describe, expect, it } from "vitest";
import { main } from "./embedded.js";

describe("examples/embedded", () => {
  it("sells, pays and ships an order in memory, and prints it", async () => {
    const printed: string[] = [];
    const order = await main((line) => printed.push(line));

    expect(order.status).toBe("shipped");
    expect(printed[0]).toBe(`Order ${order.number}  status: shipped  tracking: 1Z999AA10123456784`);
    expect(printed.some((line) => line.includes("2 x Classic Tee (colour: blue, size: M)") && line.endsWith("19.99    39.98"))).toBe(true);
    // 39.98 + 14.50 = 54.48; tax 8.00 + 0.73; shipping free from 50.00.
    expect(printed.find((line) => line.includes("Total (USD)"))).toMatch(/63\.21$/);
    expect(printed.slice(-2).map((line) => line.replace(/^ +\S+ +/, ""))).toEqual([
      `payment_succeeded: pending_payment -> paid (by ${order.customerId})`,
      "ship: paid -> shipped (by admin)",
    ]);
  });
});
