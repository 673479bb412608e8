import { removeItem } from "../cart/cart-ops.js";
import { err, notFound, ok, type NotFoundError, type Result } from "../errors.js";
import { findOwnedCart, type CartOwner } from "./cart-owner.js";
import { viewCart, type CartView } from "./cart-view.js";
import type { AppDeps } from "./context.js";

export interface RemoveCartItemInput extends CartOwner {
  readonly sku: string;
}

/** Removes a line from the cart (`cart_item.not_found` when it is not there). Works for SKUs no longer for sale. */
export class RemoveCartItem {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "settings">) {}

  async execute(input: RemoveCartItemInput): Promise<Result<CartView, NotFoundError>> {
    return this.deps.uow.run(async (tx): Promise<Result<CartView, NotFoundError>> => {
      const cart = await findOwnedCart(tx, input);
      if (cart === null) return err(notFound("cart_item", input.sku));
      const updated = removeItem(cart, input.sku, this.deps.clock.now());
      if (!updated.ok) return updated;
      await tx.carts.save(updated.value);
      return ok(await viewCart(tx, this.deps, updated.value));
    });
  }
}
