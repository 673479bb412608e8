import { describe, expect, it } from "vitest";
import { SimulatedPaymentGateway } from "./simulated-payment-gateway.js";

const input = (orderId: string, attempt = 1) => ({
  orderId,
  amount: 2500,
  currency: "USD",
  attempt,
  idempotencyKey: `${orderId}:${attempt}`,
});

describe("SimulatedPaymentGateway", () => {
  it("creates one payment per idempotency key", async () => {
    const gateway = new SimulatedPaymentGateway();
    const first = await gateway.createPayment(input("o1"));
    expect(first.paymentId).toMatch(/^pay_[0-9A-Z]{26}_2500_USD$/);
    expect(first.clientSecret).toBeNull();
    expect(await gateway.createPayment(input("o1"))).toEqual(first);
    expect((await gateway.createPayment(input("o1", 2))).paymentId).not.toBe(first.paymentId);
    expect(gateway.provider).toBe("simulated");
  });

  it("succeeds with pm_card_visa and declines pm_card_declined and unknown methods", async () => {
    const gateway = new SimulatedPaymentGateway();
    const { paymentId } = await gateway.createPayment(input("o1"));
    expect(await gateway.confirm(paymentId, "pm_card_declined")).toMatchObject({ ok: false, error: { code: "payment.declined" } });
    expect(await gateway.confirm(paymentId, "pm_card_amex")).toMatchObject({ ok: false, error: { code: "payment.declined" } });
    expect(gateway.find(paymentId)?.status).toBe("requires_payment_method");
    expect(await gateway.confirm(paymentId, "pm_card_visa")).toEqual({ ok: true, value: { status: "succeeded" } });
    expect(await gateway.confirm(paymentId, "pm_card_declined")).toEqual({ ok: true, value: { status: "succeeded" } });
    expect(gateway.find(paymentId)?.status).toBe("succeeded");
  });

  it("throws for a payment id that no simulated provider could have made", async () => {
    const gateway = new SimulatedPaymentGateway();
    await expect(gateway.confirm("pay_missing", "pm_card_visa")).rejects.toThrow(/no payment pay_missing/);
    await expect(gateway.refund("pay_missing", 1, "k")).rejects.toThrow(/no payment pay_missing/);
  });

  it("confirms and refunds, up to the amount, a payment another process created (no shared memory)", async () => {
    const { paymentId } = await new SimulatedPaymentGateway().createPayment(input("o1"));
    const other = new SimulatedPaymentGateway();
    expect(await other.confirm(paymentId, "pm_card_declined")).toMatchObject({ ok: false, error: { code: "payment.declined" } });
    expect(await other.confirm(paymentId, "pm_card_visa")).toEqual({ ok: true, value: { status: "succeeded" } });

    const third = new SimulatedPaymentGateway();
    await expect(third.refund(paymentId, 2501, "r1")).rejects.toThrow(/2500 is left/);
    await third.refund(paymentId, 2000, "r1");
    await third.refund(paymentId, 2000, "r1");
    await expect(third.refund(paymentId, 501, "r2")).rejects.toThrow(/500 is left/);
    expect(third.find(paymentId)).toMatchObject({ amount: 2500, currency: "USD", refunds: [{ key: "r1", amount: 2000 }] });
    await new SimulatedPaymentGateway().refund(paymentId, 2500, "r1");
  });

  it("records refunds once per key, never beyond the amount, and only of succeeded payments", async () => {
    const gateway = new SimulatedPaymentGateway();
    const { paymentId } = await gateway.createPayment(input("o1"));
    await expect(gateway.refund(paymentId, 100, "r1")).rejects.toThrow(/has not succeeded/);
    await gateway.confirm(paymentId, "pm_card_visa");
    await gateway.refund(paymentId, 2000, "r1");
    await gateway.refund(paymentId, 2000, "r1");
    await expect(gateway.refund(paymentId, 501, "r2")).rejects.toThrow(/500 is left/);
    await gateway.refund(paymentId, 500, "r2");
    expect(gateway.find(paymentId)?.refunds).toEqual([
      { key: "r1", amount: 2000 },
      { key: "r2", amount: 500 },
    ]);
  });
});
