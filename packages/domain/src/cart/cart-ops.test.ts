import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_CART_LINES, MAX_LINE_QUANTITY, type Cart } from "./cart.js";
import { addItem, applyCoupon, createCart, mergeCarts, removeItem, setItemQuantity } from "./cart-ops.js";

const t0 = new Date("2025-01-01T00:00:00Z");
const t1 = new Date("2025-01-01T00:05:00Z");

const cartWith = (lines: Cart["lines"], overrides: Partial<Cart> = {}): Cart => ({
  ...createCart({ id: "cart-1", customerId: "cust-1", token: null, now: t0 }),
  lines,
  ...overrides,
});

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const fullCart = cartWith(Array.from({ length: MAX_CART_LINES }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 })));

describe("createCart", () => {
  it("starts empty, without a coupon", () => {
    expect(createCart({ id: "c", customerId: null, token: "tok", now: t0 })).toEqual({
      id: "c",
      customerId: null,
      token: "tok",
      lines: [],
      couponCode: null,
      createdAt: t0,
      updatedAt: t0,
    });
  });
});

describe("addItem", () => {
  it("appends a new line and adds to an existing one", () => {
    const once = value(addItem(cartWith([]), "A", 2, t1));
    const twice = value(addItem(once, "A", 3, t1));
    const other = value(addItem(twice, "B", 1, t1));
    expect(other.lines).toEqual([
      { sku: "A", quantity: 5 },
      { sku: "B", quantity: 1 },
    ]);
    expect(other.updatedAt).toBe(t1);
  });

  it("keeps a line within 1..999", () => {
    expect(addItem(cartWith([]), "A", 0, t1)).toMatchObject({ ok: false, error: { code: "cart.quantity_out_of_range" } });
    expect(addItem(cartWith([]), "A", 1.5, t1)).toMatchObject({ ok: false, error: { code: "cart.quantity_out_of_range" } });
    expect(addItem(cartWith([]), "A", MAX_LINE_QUANTITY, t1).ok).toBe(true);
    const result = addItem(cartWith([{ sku: "A", quantity: 990 }]), "A", 10, t1);
    expect(result).toEqual({
      ok: false,
      error: {
        code: "cart.quantity_out_of_range",
        message: "A cart line holds 1 to 999 units, this would make 1000; choose a quantity in that range.",
      },
    });
  });

  it("refuses a 101st line but still adds to an existing one", () => {
    expect(addItem(fullCart, "NEW", 1, t1)).toMatchObject({ ok: false, error: { code: "cart.too_many_lines" } });
    expect(value(addItem(fullCart, "SKU-0", 1, t1)).lines[0]).toEqual({ sku: "SKU-0", quantity: 2 });
  });
});

describe("setItemQuantity and removeItem", () => {
  const cart = cartWith([
    { sku: "A", quantity: 1 },
    { sku: "B", quantity: 2 },
  ]);

  it("sets the quantity of an existing line", () => {
    expect(value(setItemQuantity(cart, "B", 7, t1)).lines).toEqual([
      { sku: "A", quantity: 1 },
      { sku: "B", quantity: 7 },
    ]);
    expect(setItemQuantity(cart, "B", 0, t1)).toMatchObject({ ok: false, error: { code: "cart.quantity_out_of_range" } });
    expect(setItemQuantity(cart, "B", 1000, t1)).toMatchObject({ ok: false, error: { code: "cart.quantity_out_of_range" } });
    expect(setItemQuantity(cart, "Z", 1, t1)).toEqual({
      ok: false,
      error: { code: "cart_item.not_found", message: "cart_item Z was not found" },
    });
  });

  it("removes a line", () => {
    expect(value(removeItem(cart, "A", t1)).lines).toEqual([{ sku: "B", quantity: 2 }]);
    expect(removeItem(cart, "Z", t1)).toMatchObject({ ok: false, error: { code: "cart_item.not_found" } });
  });
});

describe("mergeCarts", () => {
  it("sums equal SKUs capped at 999, appends the rest and keeps the customer's coupon", () => {
    const target = cartWith(
      [
        { sku: "A", quantity: 500 },
        { sku: "B", quantity: 1 },
      ],
      { couponCode: "MINE" },
    );
    const guest = cartWith(
      [
        { sku: "A", quantity: 600 },
        { sku: "C", quantity: 2 },
      ],
      { id: "guest", customerId: null, token: "tok", couponCode: "GUEST" },
    );
    const merged = mergeCarts(target, guest, t1);
    expect(merged).toEqual({
      ...target,
      lines: [
        { sku: "A", quantity: 999 },
        { sku: "B", quantity: 1 },
        { sku: "C", quantity: 2 },
      ],
      couponCode: "MINE",
      updatedAt: t1,
    });
  });

  it("takes the guest's coupon when the customer has none, and drops lines beyond 100", () => {
    const guest = cartWith(
      [
        { sku: "SKU-0", quantity: 1 },
        { sku: "EXTRA", quantity: 1 },
      ],
      { couponCode: "GUEST" },
    );
    const merged = mergeCarts(fullCart, guest, t1);
    expect(merged.lines).toHaveLength(MAX_CART_LINES);
    expect(merged.lines[0]).toEqual({ sku: "SKU-0", quantity: 2 });
    expect(merged.lines.some((l) => l.sku === "EXTRA")).toBe(false);
    expect(merged.couponCode).toBe("GUEST");
  });

  it("always yields a cart within the limits that keeps every customer line", () => {
    const linesArb = fc.uniqueArray(
      fc.record({ sku: fc.constantFrom(...Array.from({ length: 150 }, (_, i) => `S${i}`)), quantity: fc.integer({ min: 1, max: 999 }) }),
      {
        selector: (l) => l.sku,
        maxLength: MAX_CART_LINES,
      },
    );
    fc.assert(
      fc.property(linesArb, linesArb, (a, b) => {
        const merged = mergeCarts(cartWith(a), cartWith(b), t1);
        expect(merged.lines.length).toBeLessThanOrEqual(MAX_CART_LINES);
        expect(new Set(merged.lines.map((l) => l.sku)).size).toBe(merged.lines.length);
        for (const line of merged.lines) expect(line.quantity >= 1 && line.quantity <= MAX_LINE_QUANTITY).toBe(true);
        for (const line of a) {
          const fromGuest = b.find((l) => l.sku === line.sku)?.quantity ?? 0;
          expect(merged.lines.find((l) => l.sku === line.sku)?.quantity).toBe(Math.min(line.quantity + fromGuest, MAX_LINE_QUANTITY));
        }
      }),
    );
  });
});

describe("applyCoupon", () => {
  it("stores the normalized code, and clears it with null or blank", () => {
    const withCoupon = applyCoupon(cartWith([]), "  save10 ", t1);
    expect(withCoupon.couponCode).toBe("SAVE10");
    expect(withCoupon.updatedAt).toBe(t1);
    expect(applyCoupon(withCoupon, null, t1).couponCode).toBeNull();
    expect(applyCoupon(withCoupon, "   ", t1).couponCode).toBeNull();
  });
});
