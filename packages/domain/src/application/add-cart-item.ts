import { addItem } from "../cart/cart-ops.js";
import { err, ok, type CartLimitError, type NotFoundError, type Result, type StockInsufficientError } from "../errors.js";
import { cartLineProblem } from "./cart-line-check.js";
import { loadCartCatalog } from "./cart-pricing.js";
import { findOrStartCart, type CartOwner } from "./cart-owner.js";
import { viewCart, type CartView } from "./cart-view.js";
import type { AppDeps } from "./context.js";

export interface AddCartItemInput extends CartOwner {
  readonly sku: string;
  readonly quantity: number;
}

type AddCartItemError = NotFoundError | StockInsufficientError | CartLimitError;

/**
 * Adds units of a SKU to the owner's cart, creating the cart on first use (a guest cart gets a
 * new token, returned in the view). The line's total quantity must be available now.
 */
export class AddCartItem {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "tokens" | "clock" | "settings">) {}

  async execute(input: AddCartItemInput): Promise<Result<CartView, AddCartItemError>> {
    return this.deps.uow.run(async (tx): Promise<Result<CartView, AddCartItemError>> => {
      const cart = await findOrStartCart(tx, this.deps, input);
      const added = addItem(cart, input.sku, input.quantity, this.deps.clock.now());
      if (!added.ok) return added;
      const quantity = added.value.lines.find((line) => line.sku === input.sku)?.quantity ?? input.quantity;
      // One read of products and stock serves both the check of the new line and the priced view.
      const catalog = await loadCartCatalog(
        tx,
        added.value.lines.map((line) => line.sku),
      );
      const problem = cartLineProblem(catalog, input.sku, quantity);
      if (problem !== null) return err(problem);
      await tx.carts.save(added.value);
      return ok(await viewCart(tx, this.deps, added.value, undefined, catalog));
    });
  }
}
