import { err, invalid, ok, type ForbiddenError, type InvalidInputError, type Result } from "../errors.js";
import type { CustomerStats } from "../ports/report-repository.js";
import { calendarDaysSince, dayOf, type CalendarDay } from "../reports/calendar-day.js";
import { CUSTOMER_SEGMENTS, scoreRfm, type CustomerSegment, type RfmScore } from "../reports/rfm.js";
import { authorize } from "./authorize.js";
import type { Actor, AppDeps } from "./context.js";
import { offsetPage } from "./offset-page.js";

export interface GetCustomerSegmentsReportInput {
  readonly actor: Actor;
  /** Only the customers of this segment. */
  readonly segment?: CustomerSegment;
  readonly limit?: number;
  readonly cursor?: string | null;
}

/** A customer's purchases and RFM scores. */
export interface CustomerSegmentRow extends CustomerStats, RfmScore {
  readonly email: string;
  readonly name: string;
  /** Whole UTC days from the last order to the report's day. */
  readonly recencyDays: number;
}

export interface SegmentSummary {
  readonly segment: CustomerSegment;
  readonly customers: number;
  readonly lifetimeValue: number;
}

export interface CustomerSegmentsReport {
  readonly asOf: CalendarDay;
  readonly currency: string;
  /** Customers with at least one paid order. */
  readonly customers: number;
  /** Every segment, best first, empty ones included. */
  readonly segments: readonly SegmentSummary[];
  /** A page of customers (of `segment` when given), highest lifetime value first. */
  readonly items: readonly CustomerSegmentRow[];
  readonly nextCursor: string | null;
}

/**
 * Admin: RFM segmentation. Every customer with a paid order is scored 1–5 on recency (days
 * since the last order), frequency (paid orders) and monetary value (lifetime value) against
 * all the others, and named by the RFM_SEGMENTS table (champions, loyal, new, at risk,
 * hibernating…).
 */
export class GetCustomerSegmentsReport {
  constructor(private readonly deps: Pick<AppDeps, "reports" | "repos" | "clock" | "settings">) {}

  async execute(input: GetCustomerSegmentsReportInput): Promise<Result<CustomerSegmentsReport, ForbiddenError | InvalidInputError>> {
    const denied = authorize(input.actor, "reports:read");
    if (denied !== null) return err(denied);
    if (input.segment !== undefined && !CUSTOMER_SEGMENTS.includes(input.segment)) {
      return err(invalid({ path: "segment", message: `must be one of ${CUSTOMER_SEGMENTS.join(", ")}` }));
    }
    const now = this.deps.clock.now();
    const stats = await this.deps.reports.customerStats();
    const recency = stats.map((s) => Math.max(0, calendarDaysSince(s.lastOrderAt, now)));
    const scores = scoreRfm(stats.map((s, i) => ({ recencyDays: recency[i]!, frequency: s.orders, monetary: s.lifetimeValue })));
    const scored = stats.map((s, i) => ({ ...s, ...scores[i]!, recencyDays: recency[i]! }));

    const segments = CUSTOMER_SEGMENTS.map((segment) => {
      const members = scored.filter((row) => row.segment === segment);
      return { segment, customers: members.length, lifetimeValue: members.reduce((sum, row) => sum + row.lifetimeValue, 0) };
    });
    const listed = scored
      .filter((row) => input.segment === undefined || row.segment === input.segment)
      .sort((a, b) => b.lifetimeValue - a.lifetimeValue || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
    const page = offsetPage(listed, input.limit, input.cursor);
    if (!page.ok) return page;

    const customers = await Promise.all(page.value.items.map((row) => this.deps.repos.customers.findById(row.customerId)));
    return ok({
      asOf: dayOf(now),
      currency: this.deps.settings.currency,
      customers: stats.length,
      segments,
      items: page.value.items.map((row, i) => ({ ...row, email: customers[i]?.email ?? "", name: customers[i]?.name ?? "" })),
      nextCursor: page.value.nextCursor,
    });
  }
}
