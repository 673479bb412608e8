import { ok, type Result } from "../errors.js";
import { findOwnedCart, type CartOwner } from "./cart-owner.js";
import { viewCart, type CartView } from "./cart-view.js";
import type { AppDeps } from "./context.js";

export type GetCartInput = CartOwner;

/** The owner's cart, priced now; an empty cart (id null) when there is none. Reading never creates a cart. */
export class GetCart {
  constructor(private readonly deps: Pick<AppDeps, "repos" | "clock" | "settings">) {}

  async execute(input: GetCartInput): Promise<Result<CartView, never>> {
    const cart = await findOwnedCart(this.deps.repos, input);
    return ok(await viewCart(this.deps.repos, this.deps, cart, { customerId: input.customerId ?? null, token: null }));
  }
}
