import { normalizeCouponCode } from "@emporium/domain";
import type { Page, PageRequest, Promotion, PromotionRepository } from "@emporium/domain";
import { copy } from "./memory-state.js";
import { paginate } from "./memory-page.js";
import type { StateAccess } from "./memory-store.js";

export class InMemoryPromotionRepository implements PromotionRepository {
  constructor(private readonly access: StateAccess) {}

  async findByCode(code: string): Promise<Promotion | null> {
    const wanted = normalizeCouponCode(code);
    const promotion = [...this.access.read().promotions.values()].find((p) => normalizeCouponCode(p.code) === wanted);
    return promotion === undefined ? null : copy(promotion);
  }

  async findById(id: string): Promise<Promotion | null> {
    const promotion = this.access.read().promotions.get(id);
    return promotion === undefined ? null : copy(promotion);
  }

  /** Newest first. */
  async list(page: PageRequest): Promise<Page<Promotion>> {
    const result = paginate(
      this.access.read().promotions.values(),
      { key: (p) => [p.createdAt.getTime(), p.id], descending: [true, true] },
      page,
    );
    return { items: result.items.map(copy), nextCursor: result.nextCursor };
  }

  async insert(promotion: Promotion): Promise<boolean> {
    return this.access.write((state) => {
      if (state.promotions.has(promotion.id)) throw new Error(`unique constraint: promotion ${promotion.id} exists`);
      const code = normalizeCouponCode(promotion.code);
      if ([...state.promotions.values()].some((p) => normalizeCouponCode(p.code) === code)) return false;
      state.promotions.set(promotion.id, copy(promotion));
      return true;
    });
  }

  async countRedemptions(promotionId: string, customerId: string): Promise<number> {
    return this.access.read().redemptions.filter((r) => r.promotionId === promotionId && r.customerId === customerId).length;
  }

  async redeem(promotionId: string, customerId: string, orderId: string, at: Date): Promise<boolean> {
    return this.access.write((state) => {
      const promotion = state.promotions.get(promotionId);
      if (promotion === undefined) throw new Error(`foreign key: promotion ${promotionId} does not exist`);
      if (promotion.usageLimit !== null && promotion.timesUsed >= promotion.usageLimit) return false;
      state.promotions.set(promotionId, { ...promotion, timesUsed: promotion.timesUsed + 1 });
      state.redemptions.push({ promotionId, customerId, orderId, at: new Date(at) });
      return true;
    });
  }
}
