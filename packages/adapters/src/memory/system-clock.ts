import type { Clock } from "@emporium/domain";

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
