import { Tokens } from "@emporium/adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type JsonResponse, type TestApp } from "../../test-support/test-app.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = await t.adminToken();
});
afterAll(() => t.close());

const admin = (method: string, path: string) => t.json(method, `/v1/admin${path}`, { token });

/** Asks for the job until it has finished; yields to the event loop in between, so the job can progress. */
async function finished(jobId: string): Promise<JsonResponse> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const res = await admin("GET", `/search/reindex/${jobId}`);
    if (res.body.status !== "running") return res;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`reindex job ${jobId} did not finish`);
}

const ACTIVE_PRODUCTS = 8;

describe("POST /v1/admin/search/reindex", () => {
  it("answers 202 at once, rebuilds the index from the database, and search still answers", async () => {
    const search = t.container.get(Tokens.SearchIndex);
    const lamp = (await t.container.get(Tokens.Repositories).products.findBySlug("reading-lamp"))!;
    // An index that drifted from the catalogue: the lamp is missing from it.
    await search.remove([lamp.id]);
    expect((await search.search({ q: "lamp", page: 1, limit: 10 })).hits).toEqual([]);

    const started = await admin("POST", "/search/reindex");
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ jobId: expect.any(String), status: "started" });

    const job = await finished(started.body.jobId);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ jobId: started.body.jobId, status: "completed", indexed: ACTIVE_PRODUCTS, error: null });
    expect(Date.parse(job.body.finishedAt)).toBeGreaterThanOrEqual(Date.parse(job.body.startedAt));

    const found = await t.json("GET", "/v1/search?q=lamp");
    expect(found.status).toBe(200);
    expect(found.body.hits.map((hit: { slug: string }) => hit.slug)).toEqual(["reading-lamp"]);
    const drafts = await t.json("GET", "/v1/search?q=jacket");
    expect(drafts.body.hits).toEqual([]);
  });

  it("can run again once the previous rebuild is done", async () => {
    const first = await admin("POST", "/search/reindex");
    await finished(first.body.jobId);
    const second = await admin("POST", "/search/reindex");
    expect(second.status).toBe(202);
    expect(second.body.jobId).not.toBe(first.body.jobId);
    expect((await finished(second.body.jobId)).body.status).toBe("completed");
  });
});

describe("GET /v1/admin/search/reindex/{jobId}", () => {
  it("is 404 for a job this instance does not know", async () => {
    const res = await admin("GET", "/search/reindex/no-such-job");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("reindex_job.not_found");
  });
});
