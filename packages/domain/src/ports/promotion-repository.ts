import type { Promotion } from "../pricing/types.js";
import type { Page, PageRequest } from "./page.js";

export interface PromotionRepository {
  /** Case-insensitive. */
  findByCode(code: string): Promise<Promotion | null>;
  findById(id: string): Promise<Promotion | null>;
  list(page: PageRequest): Promise<Page<Promotion>>;
  /** Returns false when the code is taken. */
  insert(promotion: Promotion): Promise<boolean>;
  countRedemptions(promotionId: string, customerId: string): Promise<number>;
  /**
   * Records one use by `customerId` for `orderId` if the overall limit still allows it
   * (a conditional increment). Returns false when exhausted.
   */
  redeem(promotionId: string, customerId: string, orderId: string, at: Date): Promise<boolean>;
}
