import type { ColumnType, Generated } from "kysely";

/**
 * Column types shared by both dialects. Repositories write ISO-8601 strings, JSON text and
 * 0/1 flags, which both dialects accept; they read whatever the driver returns (PostgreSQL
 * gives Date, parsed JSON and booleans; SQLite gives text and integers) through `codec.ts`.
 */
export type Timestamp = ColumnType<Date | string, string, string>;
export type Json = ColumnType<unknown, string, string>;
export type Flag = ColumnType<boolean | number, number, number>;

export interface ProductsTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  brand: string | null;
  status: string;
  featured: Flag;
  tax_class: string;
  images: Json;
  attributes: Json;
  /** The cheapest active variant (or any variant when none is active): the price filter and sort key. */
  min_price: number;
  max_price: number;
  rating_average: number;
  rating_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VariantsTable {
  sku: string;
  product_id: string;
  position: number;
  options: Json;
  price: number;
  status: string;
  low_stock_threshold: number;
}

export interface ProductCategoriesTable {
  product_id: string;
  category_id: string;
  /** 0 is the primary category. */
  position: number;
}

export interface RelatedProductsTable {
  product_id: string;
  related_id: string;
  position: number;
}

export interface CategoriesTable {
  id: string;
  slug: string;
  name: string;
  parent_id: string | null;
  path: string;
  position: number;
  attribute_definitions: Json;
}

export interface StockLevelsTable {
  sku: string;
  on_hand: number;
  reserved: number;
  low_stock_threshold: number;
}

export interface ReservationsTable {
  id: string;
  status: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ReservationLinesTable {
  reservation_id: string;
  position: number;
  sku: string;
  quantity: number;
}

export interface InventoryMovementsTable {
  id: string;
  sku: string;
  delta: number;
  reason: string;
  actor: string;
  note: string | null;
  order_id: string | null;
  at: Timestamp;
}

export interface CustomersTable {
  id: string;
  email: string;
  name: string;
  /** Sealed by the FieldCipher (`v1:<key id>:…`). */
  phone: string | null;
  /** JSON text, sealed by the FieldCipher. */
  addresses: string;
  password_hash: string;
  role: string;
  disabled: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RefreshTokensTable {
  id: string;
  family_id: string;
  customer_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface PasswordResetTokensTable {
  id: string;
  customer_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CartsTable {
  id: string;
  customer_id: string | null;
  token: string | null;
  coupon_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CartLinesTable {
  cart_id: string;
  position: number;
  sku: string;
  quantity: number;
}

export interface OrdersTable {
  id: string;
  number: string;
  customer_id: string;
  status: string;
  currency: string;
  subtotal: number;
  discount: number;
  tax: number;
  shipping: number;
  total: number;
  coupon_code: string | null;
  /** JSON text, sealed by the FieldCipher like customer addresses. */
  shipping_address: string;
  payment_provider: string;
  payment_id: string;
  payment_status: string;
  payment_client_secret: string | null;
  payment_attempts: number;
  reservation_id: string;
  tracking_number: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderLinesTable {
  order_id: string;
  position: number;
  sku: string;
  product_id: string;
  product_slug: string;
  name: string;
  options: Json;
  quantity: number;
  unit_price: number;
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

export interface OrderTransitionsTable {
  order_id: string;
  position: number;
  event_id: string;
  from_status: string;
  to_status: string;
  event: string;
  actor: string;
  at: Timestamp;
}

export interface PromotionsTable {
  id: string;
  code: string;
  /** `code` normalized (trimmed, upper case): the case-insensitive unique key. */
  code_key: string;
  kind: string;
  value: number;
  min_subtotal: number;
  starts_at: Timestamp | null;
  ends_at: Timestamp | null;
  usage_limit: number | null;
  per_customer_limit: number | null;
  times_used: number;
  active: Flag;
  created_at: Timestamp;
}

export interface PromotionRedemptionsTable {
  promotion_id: string;
  order_id: string;
  customer_id: string;
  at: Timestamp;
}

export interface ReviewsTable {
  id: string;
  product_id: string;
  customer_id: string;
  author_name: string;
  rating: number;
  title: string | null;
  body: string;
  verified_purchase: Flag;
  hidden: Flag;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OutboxTable {
  seq: Generated<number>;
  id: string;
  type: string;
  payload: Json;
  created_at: Timestamp;
  trace_id: string | null;
  attempts: Generated<number>;
  sent_at: Timestamp | null;
  claimed_until: Timestamp | null;
}

export interface ProcessedEventsTable {
  consumer: string;
  event_id: string;
  processed_at: Timestamp;
}

export interface IdempotencyRecordsTable {
  scope: string;
  key: string;
  request_hash: string;
  status: string;
  response_status: number | null;
  response_body: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** JSON text of any value, bare strings included (a json column would hand those back parsed, indistinguishable from text). */
  before: string;
  after: string;
  request_id: string | null;
  at: Timestamp;
}

export interface MailboxTable {
  id: Generated<number>;
  recipient: string;
  template: string;
  subject: string;
  data: Json;
  created_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

/** SQLite only: named counters incremented inside the transaction (PostgreSQL uses sequences). */
export interface CountersTable {
  name: string;
  value: number;
}

/** One row per customer with a paid order: their purchases, recomputed from orders on each paid or refunded order. */
export interface CustomerStatsTable {
  customer_id: string;
  orders: number;
  revenue: number;
  refunds: number;
  refunded_amount: number;
  lifetime_value: number;
  first_order_at: Timestamp;
  last_order_at: Timestamp;
  updated_at: Timestamp;
}

/** Both directions of each pair of products bought in one paid order, with how many orders had both. */
export interface ProductPairsTable {
  product_id: string;
  other_id: string;
  orders: number;
}

/** PostgreSQL only: the materialized daily sales rollup (SQLite computes the same rows live). */
export interface AnalyticsSalesDailyView {
  day: string;
  orders: number;
  units: number;
  revenue: number;
  refunds: number;
  refunded_amount: number;
}

/** PostgreSQL only: the materialized per-product daily sales (SQLite computes the same rows live). */
export interface AnalyticsProductSalesDailyView {
  day: string;
  product_id: string;
  orders: number;
  units: number;
  revenue: number;
}

export interface Database {
  products: ProductsTable;
  variants: VariantsTable;
  product_categories: ProductCategoriesTable;
  related_products: RelatedProductsTable;
  categories: CategoriesTable;
  stock_levels: StockLevelsTable;
  reservations: ReservationsTable;
  reservation_lines: ReservationLinesTable;
  inventory_movements: InventoryMovementsTable;
  customers: CustomersTable;
  refresh_tokens: RefreshTokensTable;
  password_reset_tokens: PasswordResetTokensTable;
  carts: CartsTable;
  cart_lines: CartLinesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_transitions: OrderTransitionsTable;
  promotions: PromotionsTable;
  promotion_redemptions: PromotionRedemptionsTable;
  reviews: ReviewsTable;
  outbox: OutboxTable;
  processed_events: ProcessedEventsTable;
  idempotency_records: IdempotencyRecordsTable;
  audit_log: AuditLogTable;
  mailbox: MailboxTable;
  settings: SettingsTable;
  counters: CountersTable;
  customer_stats: CustomerStatsTable;
  product_pairs: ProductPairsTable;
  analytics_sales_daily: AnalyticsSalesDailyView;
  analytics_product_sales_daily: AnalyticsProductSalesDailyView;
}

export type SqlDialect = "sqlite" | "postgres";
