import type {
  AuditEntry,
  Cart,
  Category,
  Customer,
  DomainEvent,
  Order,
  PasswordResetRecord,
  Product,
  Promotion,
  RefreshTokenRecord,
  Reservation,
  Review,
  StockLevel,
  StockMovement,
  StoredResponse,
} from "@emporium/domain";

/** One event in the outbox, in append order; `sentAt` is set once the relay has delivered it. */
export interface OutboxRecord {
  readonly seq: number;
  readonly event: DomainEvent;
  readonly sentAt: Date | null;
  /** Delivery attempts so far (claims). */
  readonly attempts: number;
  /** A relay's lease on the event; null when nobody holds it. */
  readonly claimedUntil: Date | null;
}

export interface RedemptionRecord {
  readonly promotionId: string;
  readonly customerId: string;
  readonly orderId: string;
  readonly at: Date;
}

export interface IdempotencyRecord {
  readonly requestHash: string;
  readonly response: StoredResponse | null;
  readonly expiresAt: Date;
}

/**
 * Every table of the in-memory database. Stored values are private copies that are
 * replaced, never mutated, so a transaction can fork the state by copying the collections.
 */
export interface MemoryState {
  products: Map<string, Product>;
  categories: Map<string, Category>;
  stock: Map<string, StockLevel>;
  movements: StockMovement[];
  reservations: Map<string, Reservation>;
  carts: Map<string, Cart>;
  orders: Map<string, Order>;
  customers: Map<string, Customer>;
  refreshTokens: Map<string, RefreshTokenRecord>;
  passwordResets: Map<string, PasswordResetRecord>;
  reviews: Map<string, Review>;
  promotions: Map<string, Promotion>;
  redemptions: RedemptionRecord[];
  /** Keyed by `scope + "\u0000" + key`. */
  idempotency: Map<string, IdempotencyRecord>;
  audit: AuditEntry[];
  outbox: OutboxRecord[];
  sequences: { orderNumber: number; outbox: number };
}

export function createMemoryState(): MemoryState {
  return {
    products: new Map(),
    categories: new Map(),
    stock: new Map(),
    movements: [],
    reservations: new Map(),
    carts: new Map(),
    orders: new Map(),
    customers: new Map(),
    refreshTokens: new Map(),
    passwordResets: new Map(),
    reviews: new Map(),
    promotions: new Map(),
    redemptions: [],
    idempotency: new Map(),
    audit: [],
    outbox: [],
    sequences: { orderNumber: 0, outbox: 0 },
  };
}

/** A copy whose collections can be changed without touching `state` (values are shared: they are immutable). */
export function forkState(state: MemoryState): MemoryState {
  return {
    products: new Map(state.products),
    categories: new Map(state.categories),
    stock: new Map(state.stock),
    movements: [...state.movements],
    reservations: new Map(state.reservations),
    carts: new Map(state.carts),
    orders: new Map(state.orders),
    customers: new Map(state.customers),
    refreshTokens: new Map(state.refreshTokens),
    passwordResets: new Map(state.passwordResets),
    reviews: new Map(state.reviews),
    promotions: new Map(state.promotions),
    redemptions: [...state.redemptions],
    idempotency: new Map(state.idempotency),
    audit: [...state.audit],
    outbox: [...state.outbox],
    sequences: { ...state.sequences },
  };
}

/** Copies a value into or out of the store, so callers never alias stored data. */
export const copy = <T>(value: T): T => structuredClone(value);
