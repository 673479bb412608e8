export const MAX_CART_LINES = 100;
export const MIN_LINE_QUANTITY = 1;
export const MAX_LINE_QUANTITY = 999;

export interface CartLine {
  readonly sku: string;
  readonly quantity: number;
}

/** A shopping cart: a customer's (customerId set) or a guest's (token set). Priced on read. */
export interface Cart {
  readonly id: string;
  readonly customerId: string | null;
  readonly token: string | null;
  readonly lines: readonly CartLine[];
  readonly couponCode: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
