import type { ExpireReservations } from "@emporium/domain";
import type { Logger } from "../container/logger.js";

export interface ReservationSweeperOptions {
  readonly expireReservations: Pick<ExpireReservations, "execute">;
  readonly logger: Logger;
  /** Reservations looked at per transaction batch (default 100). */
  readonly batchSize?: number;
}

/**
 * Releases the stock of checkouts not paid in time, on an interval. ExpireReservations
 * expires each reservation by compare-and-set, so sweepers in several processes are safe.
 */
export class ReservationSweeper {
  private readonly expireReservations: Pick<ExpireReservations, "execute">;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<unknown> = Promise.resolve();

  constructor({ expireReservations, logger, batchSize = 100 }: ReservationSweeperOptions) {
    this.expireReservations = expireReservations;
    this.logger = logger;
    this.batchSize = batchSize;
  }

  /** Sweeps every `intervalMs` (from the end of the previous sweep) until `stop()`. */
  start(intervalMs: number): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      this.timer = undefined;
      const sweep = this.sweep().catch((error: unknown) => {
        this.logger.error({ err: error }, "reservation sweep failed; retrying on the next tick");
      });
      this.current = sweep;
      void sweep.finally(() => {
        if (this.running) this.schedule(tick, intervalMs);
      });
    };
    this.schedule(tick, 0);
  }

  /** Stops the timer and waits for the sweep in progress, if any. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current.catch(() => undefined);
  }

  /** Expires every reservation due now, batch after batch. Returns how many it expired. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.expireReservations.execute({ limit: this.batchSize });
      const expired = result.ok ? result.value.expired : 0;
      total += expired;
      // A short batch means nothing more was due (or another sweeper took the rest).
      if (expired < this.batchSize) break;
    }
    if (total > 0) this.logger.info({ expired: total }, "expired unpaid reservations");
    return total;
  }

  private schedule(tick: () => void, delayMs: number): void {
    this.timer = setTimeout(tick, delayMs);
    this.timer.unref();
  }
}
