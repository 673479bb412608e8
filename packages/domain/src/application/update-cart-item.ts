import { setItemQuantity } from "../cart/cart-ops.js";
import { err, notFound, ok, type CartLimitError, type NotFoundError, type Result, type StockInsufficientError } from "../errors.js";
import { cartLineProblem } from "./cart-line-check.js";
import { loadCartCatalog } from "./cart-pricing.js";
import { findOwnedCart, type CartOwner } from "./cart-owner.js";
import { viewCart, type CartView } from "./cart-view.js";
import type { AppDeps } from "./context.js";

export interface UpdateCartItemInput extends CartOwner {
  readonly sku: string;
  /** The new quantity of the line, 1..999; removing a line is RemoveCartItem. */
  readonly quantity: number;
}

type UpdateCartItemError = NotFoundError | StockInsufficientError | CartLimitError;

/** Sets the quantity of a line already in the cart (`cart_item.not_found` otherwise), within what is available. */
export class UpdateCartItem {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "clock" | "settings">) {}

  async execute(input: UpdateCartItemInput): Promise<Result<CartView, UpdateCartItemError>> {
    return this.deps.uow.run(async (tx): Promise<Result<CartView, UpdateCartItemError>> => {
      const cart = await findOwnedCart(tx, input);
      if (cart === null) return err(notFound("cart_item", input.sku));
      const updated = setItemQuantity(cart, input.sku, input.quantity, this.deps.clock.now());
      if (!updated.ok) return updated;
      const catalog = await loadCartCatalog(
        tx,
        updated.value.lines.map((line) => line.sku),
      );
      const problem = cartLineProblem(catalog, input.sku, input.quantity);
      if (problem !== null) return err(problem);
      await tx.carts.save(updated.value);
      return ok(await viewCart(tx, this.deps, updated.value, undefined, catalog));
    });
  }
}
