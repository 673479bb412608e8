/**
 * Runs import batches, up to `concurrency` at a time. A batch that throws is run again alone,
 * before any new batch starts, once those in flight are done: two concurrent batches may both
 * create the same new category, and the later commit fails on its unique slug; alone, the
 * batch finds the category. A batch that fails alone ends the run with its error.
 */
export class BatchRunner<T> {
  private readonly running = new Set<Promise<void>>();
  private readonly failed: T[] = [];

  constructor(
    private readonly run: (batch: T) => Promise<void>,
    private readonly concurrency: number,
  ) {}

  /** Starts `batch`, first waiting for a free slot (and for failed batches to be run again). */
  async submit(batch: T): Promise<void> {
    while (this.running.size >= this.concurrency) await Promise.race(this.running);
    await this.retryFailed();
    const task: Promise<void> = this.run(batch)
      .catch(() => {
        this.failed.push(batch);
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Waits for every batch, failed ones run again included. */
  async finish(): Promise<void> {
    await Promise.all(this.running);
    await this.retryFailed();
  }

  /** Lets the batches under way end, without retrying anything (after a failure elsewhere). */
  async settle(): Promise<void> {
    await Promise.all(this.running);
  }

  private async retryFailed(): Promise<void> {
    while (this.failed.length > 0) {
      await Promise.all(this.running);
      for (const batch of this.failed.splice(0)) await this.run(batch);
    }
  }
}
