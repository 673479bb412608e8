import type { Result } from "../errors.js";
import type { AuditLog } from "./audit-log.js";
import type { AuthTokenRepository } from "./auth-token-repository.js";
import type { CartRepository } from "./cart-repository.js";
import type { CategoryRepository } from "./category-repository.js";
import type { CustomerRepository } from "./customer-repository.js";
import type { IdempotencyStore } from "./idempotency-store.js";
import type { InventoryRepository } from "./inventory-repository.js";
import type { OrderRepository } from "./order-repository.js";
import type { Outbox } from "./outbox.js";
import type { ProductRepository } from "./product-repository.js";
import type { PromotionRepository } from "./promotion-repository.js";
import type { RecommendationRepository } from "./recommendation-repository.js";
import type { ReviewRepository } from "./review-repository.js";

/** Every repository, bound to one transaction (inside `UnitOfWork.run`) or to none (reads). */
export interface Repositories {
  readonly products: ProductRepository;
  readonly categories: CategoryRepository;
  readonly inventory: InventoryRepository;
  readonly carts: CartRepository;
  readonly orders: OrderRepository;
  readonly customers: CustomerRepository;
  readonly authTokens: AuthTokenRepository;
  readonly reviews: ReviewRepository;
  readonly promotions: PromotionRepository;
  readonly idempotency: IdempotencyStore;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly recommendations: RecommendationRepository;
}

/**
 * Runs `work` in one transaction. It commits when `work` returns `ok`, and rolls
 * back when it returns an error or throws (the throw is re-raised).
 */
export interface UnitOfWork {
  run<T, E>(work: (tx: Repositories) => Promise<Result<T, E>>): Promise<Result<T, E>>;
}
