import type { OrderStatus } from "@emporium/domain";

// An object, so a status added to the domain fails to compile here until it is listed.
const STATUSES = { pending_payment: 0, paid: 0, shipped: 0, delivered: 0, cancelled: 0, refunded: 0 } satisfies Record<OrderStatus, 0>;

/** Every order status, for `--status` choices. */
export const ORDER_STATUSES = Object.keys(STATUSES) as OrderStatus[];
