import { createCart, mergeCarts } from "../cart/cart-ops.js";
import { ok, type Result } from "../errors.js";
import { viewCart, type CartView } from "./cart-view.js";
import type { AppDeps } from "./context.js";

export interface MergeGuestCartInput {
  readonly customerId: string;
  readonly token: string;
}

/**
 * At login: folds the guest cart of `token` into the customer's cart and deletes it. Quantities
 * of one SKU add up (capped at 999); the customer's coupon wins. Stock is checked at checkout,
 * where the cart view's `inStock` flags already warn about short lines. An unknown token merges nothing.
 */
export class MergeGuestCart {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock" | "settings">) {}

  async execute(input: MergeGuestCartInput): Promise<Result<CartView, never>> {
    return this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const guest = await tx.carts.findByToken(input.token);
      const target = await tx.carts.findByCustomerId(input.customerId);
      if (guest === null || guest.customerId !== null)
        return ok(await viewCart(tx, this.deps, target, { customerId: input.customerId, token: null }));
      const merged = mergeCarts(
        target ?? createCart({ id: this.deps.ids.next(), customerId: input.customerId, token: null, now }),
        guest,
        now,
      );
      await tx.carts.delete(guest.id);
      await tx.carts.save(merged);
      return ok(await viewCart(tx, this.deps, merged));
    });
  }
}
