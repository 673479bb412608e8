import { createCart } from "../cart/cart-ops.js";
import type { Cart } from "../cart/cart.js";
import type { Repositories } from "../ports/unit-of-work.js";
import type { AppDeps } from "./context.js";

/** Whose cart: a signed-in customer's (customerId wins when both are given) or a guest's, by token. */
export interface CartOwner {
  readonly customerId?: string | null;
  readonly token?: string | null;
}

/** The owner's cart, or null when there is none yet. */
export async function findOwnedCart(repos: Pick<Repositories, "carts">, owner: CartOwner): Promise<Cart | null> {
  if (owner.customerId != null) return repos.carts.findByCustomerId(owner.customerId);
  if (owner.token != null && owner.token !== "") return repos.carts.findByToken(owner.token);
  return null;
}

/**
 * The owner's cart, or a new unsaved one. A guest whose token matches no cart gets a new cart
 * with a fresh server-made token: a client never chooses its own token.
 */
export async function findOrStartCart(
  tx: Pick<Repositories, "carts">,
  deps: Pick<AppDeps, "ids" | "tokens" | "clock">,
  owner: CartOwner,
): Promise<Cart> {
  const existing = await findOwnedCart(tx, owner);
  if (existing !== null) return existing;
  const customerId = owner.customerId ?? null;
  return createCart({
    id: deps.ids.next(),
    customerId,
    token: customerId === null ? deps.tokens.randomToken() : null,
    now: deps.clock.now(),
  });
}
