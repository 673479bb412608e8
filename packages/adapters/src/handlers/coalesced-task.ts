/**
 * Runs an idempotent task on request, merging requests: a request made while a run is in
 * progress waits for one follow-up run, shared by every request made meanwhile. Each request
 * resolves after a run that started after it was made (so it sees the data it was made for),
 * and rejects when that run fails.
 */
export class CoalescedTask {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly task: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.next !== null) return this.next;
    if (this.running === null) return this.start();
    this.next = this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.start();
      });
    return this.next;
  }

  private start(): Promise<void> {
    const run = this.task().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
