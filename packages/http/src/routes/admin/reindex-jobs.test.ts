import { KyselySalesCounter, SystemClock, Tokens, UlidIdGenerator } from "@emporium/adapters";
import type { SearchDocument } from "@emporium/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../logger.js";
import { createTestApp, type TestApp } from "../../test-support/test-app.js";
import { catalogDocuments } from "./catalog-documents.js";
import { ReindexJobs } from "./reindex-jobs.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Documents of the seeded catalogue as the index holds them, handed out only once `release` is called. */
function gatedSource(documents: readonly SearchDocument[]) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  async function* source(): AsyncGenerator<readonly SearchDocument[]> {
    await gate;
    yield documents.slice(0, 1);
    yield documents.slice(1);
  }
  return { source, release };
}

const jobsOver = (documents: () => AsyncIterable<readonly SearchDocument[]>) =>
  new ReindexJobs({
    search: t.container.get(Tokens.SearchIndex),
    documents,
    ids: new UlidIdGenerator(),
    clock: new SystemClock(),
    logger: createLogger({ level: "silent" }),
    keep: 2,
  });

const sampleDocuments = async (): Promise<SearchDocument[]> => {
  const batches: SearchDocument[] = [];
  const repos = t.container.get(Tokens.Repositories);
  for await (const batch of catalogDocuments({ repos, sales: new KyselySalesCounter(t.container.get(Tokens.Database).db), batchSize: 3 })) {
    expect(batch.length).toBeLessThanOrEqual(3);
    batches.push(...batch);
  }
  return batches;
};

describe("catalogDocuments", () => {
  it("yields every active product once, in batches", async () => {
    const documents = await sampleDocuments();
    expect(documents.map((d) => d.slug).sort()).toEqual(
      [
        "bluetooth-speaker",
        "classic-tee",
        "linen-shirt",
        "oak-sofa",
        "reading-lamp",
        "studio-headphones",
        "travel-earbuds",
        "vneck-tee",
      ].sort(),
    );
    expect(documents.find((d) => d.slug === "classic-tee")).toMatchObject({ brand: "Acme", minPrice: 1999, maxPrice: 2199, inStock: true });
  });
});

describe("ReindexJobs", () => {
  it("runs one rebuild at a time: starting again returns the running job", async () => {
    const { source, release } = gatedSource(await sampleDocuments());
    const jobs = jobsOver(source);
    const first = jobs.start();
    const again = jobs.start();
    expect(first.started).toBe(true);
    expect(again).toEqual({ job: expect.objectContaining({ id: first.job.id, status: "running" }), started: false });
    release();
    await jobs.idle();
    expect(jobs.get(first.job.id)).toMatchObject({ status: "completed", indexed: 8, error: null });
  });

  it("reports a failed rebuild with its reason, and the live index keeps answering", async () => {
    const jobs = jobsOver(async function* () {
      yield [];
      throw new Error("catalogue unreadable");
    });
    const { job } = jobs.start();
    await jobs.idle();
    expect(jobs.get(job.id)).toMatchObject({ status: "failed", error: "catalogue unreadable" });
    const result = await t.container.get(Tokens.SearchIndex).search({ q: "tee", page: 1, limit: 10 });
    expect(result.total).toBeGreaterThan(0);
  });

  it("forgets the oldest finished jobs beyond its limit", async () => {
    const jobs = jobsOver(async function* () {
      yield [];
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(jobs.start().job.id);
      await jobs.idle();
    }
    expect(ids.map((id) => jobs.get(id)?.status)).toEqual([undefined, undefined, "completed", "completed"]);
  });
});
