import type { Logger } from "../container/logger.js";

/**
 * Logs a recurring failure at most once per interval, saying how many occurrences it left
 * out: a dead Redis fails every request, and one line per request would bury the logs.
 */
export class ThrottledWarning {
  private lastLoggedAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  warn(fields: Record<string, unknown>, message: string): void {
    const now = this.now();
    if (now - this.lastLoggedAt < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    this.logger.warn({ ...fields, suppressed: this.suppressed }, message);
    this.lastLoggedAt = now;
    this.suppressed = 0;
  }

  /** True once something was logged since the last reset. */
  get active(): boolean {
    return this.lastLoggedAt !== Number.NEGATIVE_INFINITY;
  }

  /** Forgets the interval, so the next failure is logged at once (after a recovery). */
  reset(): void {
    this.lastLoggedAt = Number.NEGATIVE_INFINITY;
    this.suppressed = 0;
  }
}
