import { err, ok, type ForbiddenError, type Result } from "../errors.js";
import type { Page } from "../ports/page.js";
import type { Promotion } from "../pricing/types.js";
import { authorize } from "./authorize.js";
import type { Actor, AppDeps } from "./context.js";
import { pageLimit } from "./page-limit.js";

export interface ListPromotionsInput {
  readonly actor: Actor;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** Admin: every coupon with its usage so far (reading them needs the same permission as creating them). */
export class ListPromotions {
  constructor(private readonly deps: Pick<AppDeps, "repos">) {}

  async execute(input: ListPromotionsInput): Promise<Result<Page<Promotion>, ForbiddenError>> {
    const denied = authorize(input.actor, "promotions:write");
    if (denied !== null) return err(denied);
    return ok(await this.deps.repos.promotions.list({ limit: pageLimit(input.limit), cursor: input.cursor ?? null }));
  }
}
