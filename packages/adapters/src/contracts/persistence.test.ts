import { describe } from "vitest";
import { auditLogContract } from "./audit-log.contract.js";
import { authTokenRepositoryContract } from "./auth-token.contract.js";
import { cartRepositoryContract } from "./cart.contract.js";
import { categoryRepositoryContract } from "./category.contract.js";
import { customerRepositoryContract } from "./customer.contract.js";
import type { ContractSuite } from "./harness.js";
import { idempotencyStoreContract } from "./idempotency.contract.js";
import { inventoryRepositoryContract } from "./inventory.contract.js";
import { orderRepositoryContract } from "./order.contract.js";
import { productRepositoryContract } from "./product.contract.js";
import { promotionRepositoryContract } from "./promotion.contract.js";
import { reviewRepositoryContract } from "./review.contract.js";
import { persistenceTargets } from "./targets.js";
import { unitOfWorkContract } from "./unit-of-work.contract.js";

const CONTRACTS: readonly ContractSuite[] = [
  productRepositoryContract,
  categoryRepositoryContract,
  inventoryRepositoryContract,
  cartRepositoryContract,
  orderRepositoryContract,
  customerRepositoryContract,
  authTokenRepositoryContract,
  reviewRepositoryContract,
  promotionRepositoryContract,
  idempotencyStoreContract,
  auditLogContract,
  unitOfWorkContract,
];

// Every port's contract against every store; each suite opens a fresh store of its own.
for (const target of persistenceTargets()) {
  const reason = await target.unavailable();
  if (reason !== null) console.warn(`${target.name} persistence contracts skipped: ${reason}`);
  describe.skipIf(reason !== null)(`${target.name} persistence`, () => {
    for (const contract of CONTRACTS) contract(() => target.create());
  });
}
