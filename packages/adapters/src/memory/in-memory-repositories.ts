import type { Repositories } from "@emporium/domain";
import { InMemoryAuditLog } from "./in-memory-audit-log.js";
import { InMemoryAuthTokenRepository } from "./in-memory-auth-token-repository.js";
import { InMemoryCartRepository } from "./in-memory-cart-repository.js";
import { InMemoryCategoryRepository } from "./in-memory-category-repository.js";
import { InMemoryCustomerRepository } from "./in-memory-customer-repository.js";
import { InMemoryIdempotencyStore } from "./in-memory-idempotency-store.js";
import { InMemoryInventoryRepository } from "./in-memory-inventory-repository.js";
import { InMemoryOrderRepository } from "./in-memory-order-repository.js";
import { InMemoryOutbox } from "./in-memory-outbox.js";
import { InMemoryProductRepository } from "./in-memory-product-repository.js";
import { InMemoryPromotionRepository } from "./in-memory-promotion-repository.js";
import { InMemoryRecommendationRepository } from "./in-memory-recommendation-repository.js";
import { InMemoryReviewRepository } from "./in-memory-review-repository.js";
import type { StateAccess } from "./memory-store.js";

/** Every repository over one way of reaching the state (a transaction's draft, or the committed state). */
export function createInMemoryRepositories(access: StateAccess): Repositories & { readonly outbox: InMemoryOutbox } {
  return {
    products: new InMemoryProductRepository(access),
    categories: new InMemoryCategoryRepository(access),
    inventory: new InMemoryInventoryRepository(access),
    carts: new InMemoryCartRepository(access),
    orders: new InMemoryOrderRepository(access),
    customers: new InMemoryCustomerRepository(access),
    authTokens: new InMemoryAuthTokenRepository(access),
    reviews: new InMemoryReviewRepository(access),
    promotions: new InMemoryPromotionRepository(access),
    idempotency: new InMemoryIdempotencyStore(access),
    audit: new InMemoryAuditLog(access),
    outbox: new InMemoryOutbox(access),
    recommendations: new InMemoryRecommendationRepository(access),
  };
}
