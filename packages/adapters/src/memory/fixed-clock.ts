import type { Clock } from "@emporium/domain";

/** A clock that only moves when told to: for tests and reproducible examples. */
export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string = "2025-01-01T00:00:00.000Z") {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(milliseconds: number): void {
    this.current += milliseconds;
  }

  advanceSeconds(seconds: number): void {
    this.advance(seconds * 1000);
  }
}
