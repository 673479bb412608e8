import { err, invalid, ok, type FieldIssue, type ForbiddenError, type InvalidInputError, type Result } from "../errors.js";
import { normalizeCouponCode } from "../pricing/promotion.js";
import type { Promotion, PromotionKind } from "../pricing/types.js";
import { authorize } from "./authorize.js";
import type { AppDeps } from "./context.js";
import { recordAdminChange, type AdminCommand } from "./record-admin-change.js";

export interface CreatePromotionInput extends AdminCommand {
  readonly code: string;
  readonly kind: PromotionKind;
  /** Basis points for `percent_off` (1000 = 10%), minor units for `fixed_off`; ignored for `free_shipping`. */
  readonly value?: number;
  /** Minor units; 0 by default. */
  readonly minSubtotal?: number;
  readonly startsAt?: Date | null;
  readonly endsAt?: Date | null;
  readonly usageLimit?: number | null;
  readonly perCustomerLimit?: number | null;
  readonly active?: boolean;
}

const CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
const KINDS: ReadonlySet<string> = new Set(["percent_off", "fixed_off", "free_shipping"]);

/** Admin: creates a coupon. Codes are stored upper-cased and are unique whatever their case. */
export class CreatePromotion {
  constructor(private readonly deps: Pick<AppDeps, "uow" | "ids" | "clock">) {}

  async execute(input: CreatePromotionInput): Promise<Result<Promotion, InvalidInputError | ForbiddenError>> {
    const denied = authorize(input.actor, "promotions:write");
    if (denied !== null) return err(denied);
    const code = normalizeCouponCode(input.code);
    const issues = promotionIssues(input, code);
    if (issues.length > 0) return err(invalid(...issues));
    const promotion: Promotion = {
      id: this.deps.ids.next(),
      code,
      kind: input.kind,
      value: input.kind === "free_shipping" ? 0 : (input.value ?? 0),
      minSubtotal: input.minSubtotal ?? 0,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      usageLimit: input.usageLimit ?? null,
      perCustomerLimit: input.perCustomerLimit ?? null,
      timesUsed: 0,
      active: input.active ?? true,
      createdAt: this.deps.clock.now(),
    };
    return this.deps.uow.run(async (tx): Promise<Result<Promotion, InvalidInputError>> => {
      if (!(await tx.promotions.insert(promotion)))
        return err(invalid({ path: "code", message: `coupon ${code} already exists; choose another code` }));
      await recordAdminChange(tx, this.deps, input, {
        action: "promotion.create",
        entityType: "promotion",
        entityId: promotion.id,
        before: null,
        after: promotion,
      });
      return ok(promotion);
    });
  }
}

function promotionIssues(input: CreatePromotionInput, code: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!CODE.test(code))
    issues.push({ path: "code", message: "must be 2 to 40 letters, digits, dashes or underscores, starting with a letter or digit" });
  if (!KINDS.has(input.kind)) issues.push({ path: "kind", message: "must be percent_off, fixed_off or free_shipping" });
  if (input.kind === "percent_off" && !isWhole(input.value, 1, 10_000)) {
    issues.push({ path: "value", message: "must be basis points from 1 to 10000 (1000 = 10%)" });
  }
  if (input.kind === "fixed_off" && !isWhole(input.value, 1, Number.MAX_SAFE_INTEGER)) {
    issues.push({ path: "value", message: "must be a positive amount in minor units" });
  }
  if (input.minSubtotal !== undefined && !isWhole(input.minSubtotal, 0, Number.MAX_SAFE_INTEGER)) {
    issues.push({ path: "minSubtotal", message: "must be a non-negative amount in minor units" });
  }
  if (input.startsAt != null && input.endsAt != null && input.endsAt.getTime() <= input.startsAt.getTime()) {
    issues.push({ path: "endsAt", message: "must be after startsAt" });
  }
  for (const field of ["usageLimit", "perCustomerLimit"] as const) {
    const limit = input[field];
    if (limit != null && !isWhole(limit, 1, Number.MAX_SAFE_INTEGER))
      issues.push({ path: field, message: "must be a positive whole number, or null for no limit" });
  }
  return issues;
}

const isWhole = (value: number | undefined, min: number, max: number): boolean =>
  value !== undefined && Number.isSafeInteger(value) && value >= min && value <= max;
