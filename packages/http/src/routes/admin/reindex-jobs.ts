import type { Clock, IdGenerator, SearchDocument, SearchIndex } from "@emporium/domain";
import type { Logger } from "pino";

export type ReindexStatus = "running" | "completed" | "failed";

export interface ReindexJob {
  readonly id: string;
  readonly status: ReindexStatus;
  /** Products handed to the index so far; the final count once completed. */
  readonly indexed: number;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly error: string | null;
}

export interface ReindexJobsOptions {
  readonly search: SearchIndex;
  /** A fresh pass over the catalogue for each job. */
  readonly documents: () => AsyncIterable<readonly SearchDocument[]>;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Finished jobs remembered for status queries (the oldest are forgotten first); 20 by default. */
  readonly keep?: number;
}

type MutableJob = { -readonly [K in keyof ReindexJob]: ReindexJob[K] };

/**
 * The search rebuilds this process runs in the background, by id, so `POST` can answer 202 at once
 * and `GET` report progress. One runs at a time: starting while one runs returns the running one.
 * The registry lives in memory; another instance behind the load balancer knows only its own jobs.
 */
export class ReindexJobs {
  private readonly jobs = new Map<string, MutableJob>();
  private readonly runs = new Map<string, Promise<void>>();

  constructor(private readonly options: ReindexJobsOptions) {}

  start(): { readonly job: ReindexJob; readonly started: boolean } {
    const running = [...this.jobs.values()].find((job) => job.status === "running");
    if (running !== undefined) return { job: { ...running }, started: false };
    const job: MutableJob = {
      id: this.options.ids.next(),
      status: "running",
      indexed: 0,
      startedAt: this.options.clock.now(),
      finishedAt: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    const run = this.run(job).finally(() => this.runs.delete(job.id));
    this.runs.set(job.id, run);
    return { job: { ...job }, started: true };
  }

  get(id: string): ReindexJob | undefined {
    const job = this.jobs.get(id);
    return job === undefined ? undefined : { ...job };
  }

  /** Resolves once every job under way has finished, whatever its outcome (shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all(this.runs.values());
  }

  private async run(job: MutableJob): Promise<void> {
    const { search, documents, clock, logger } = this.options;
    // Counted after each batch is handed back, i.e. once the index has written it.
    async function* counted(): AsyncGenerator<readonly SearchDocument[]> {
      for await (const batch of documents()) {
        yield batch;
        job.indexed += batch.length;
      }
    }
    try {
      const { indexed } = await search.reindex(counted());
      Object.assign(job, { status: "completed", indexed, finishedAt: clock.now() });
      logger.info({ job_id: job.id, indexed }, "search reindex completed");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      Object.assign(job, { status: "failed", error: reason, finishedAt: clock.now() });
      logger.error({ err: error, job_id: job.id }, "search reindex failed");
    }
    this.forgetOld();
  }

  private forgetOld(): void {
    const keep = this.options.keep ?? 20;
    const finished = [...this.jobs.values()].filter((job) => job.status !== "running");
    for (const job of finished.slice(0, Math.max(finished.length - keep, 0))) this.jobs.delete(job.id);
  }
}
