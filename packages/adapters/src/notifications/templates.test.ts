import { describe, expect, it } from "vitest";
import { buildMessage, passwordResetUrl, renderMessage, type OrderConfirmationData } from "./templates.js";

const ORDER: OrderConfirmationData = {
  orderNumber: "EM-000042",
  customerName: "Ada <Admin> Lovelace",
  currency: "EUR",
  lines: [
    { name: "Classic Tee", sku: "TEE-M", options: { size: "M", colour: "blue" }, quantity: 2, unitPrice: 1999, total: 3998 },
    { name: "Mug", sku: "MUG", options: {}, quantity: 1, unitPrice: 500, total: 500 },
  ],
  totals: { subtotal: 4498, discount: 450, tax: 0, shipping: 0, total: 4048 },
  shippingAddress: { name: "Ada Lovelace", line1: "1 Rue de Rivoli", city: "Paris", postalCode: "75001", country: "FR" },
};

describe("message templates", () => {
  it("confirms an order with its lines, totals and address", () => {
    const message = buildMessage("order_confirmation", "ada@example.com", ORDER);
    expect(message).toMatchObject({ to: "ada@example.com", template: "order_confirmation", subject: "Order EM-000042 confirmed" });

    const { text, html } = renderMessage(message);
    expect(text).toContain("2 × Classic Tee (size: M, colour: blue) [TEE-M] at 19.99 EUR: 39.98 EUR");
    expect(text).toContain("1 × Mug [MUG] at 5.00 EUR: 5.00 EUR");
    expect(text).toContain("Discount: -4.50 EUR");
    expect(text).toContain("Total: 40.48 EUR");
    expect(text).toContain("75001 Paris");
    expect(html).toContain("Ada &#60;Admin&#62; Lovelace");
    expect(html).not.toContain("<Admin>");
  });

  it("gives the tracking number in the shipping notice", () => {
    const { subject, text, html } = renderMessage(
      buildMessage("shipping_notice", "ada@example.com", { orderNumber: "EM-7", customerName: "Ada", trackingNumber: "1Z999" }),
    );
    expect(subject).toBe("Order EM-7 has shipped");
    expect(text).toContain("Tracking number: 1Z999");
    expect(html).toContain("<strong>1Z999</strong>");
  });

  it("links the password reset page with the token", () => {
    const resetUrl = passwordResetUrl("https://shop.example.com/", "a+b/c");
    expect(resetUrl).toBe("https://shop.example.com/password-reset?token=a%2Bb%2Fc");
    const { subject, text, html } = renderMessage(
      buildMessage("password_reset", "ada@example.com", { customerName: "Ada", token: "a+b/c", resetUrl, expiresInMinutes: 30 }),
    );
    expect(subject).toBe("Reset your password");
    expect(text).toContain(resetUrl);
    expect(text).toContain("30 minutes");
    expect(html).toContain(`href="${resetUrl}"`);
  });

  it("alerts on low stock with the figures", () => {
    const message = buildMessage("low_stock", "boss@example.com", { sku: "MUG", onHand: 3, reserved: 2, available: 1 });
    expect(message.subject).toBe("Low stock: MUG");
    expect(renderMessage(message).text).toBe("SKU MUG is low on stock: available 1 (on hand 3, reserved 2).");
  });
});
