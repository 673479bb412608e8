import { KyselySalesCounter, Tokens } from "@emporium/adapters";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../app-env.js";
import { createApi } from "../../app-factory.js";
import { requirePermission } from "../../middleware/auth.js";
import { BEARER_SECURITY } from "../../ops.js";
import { problem, titleOf } from "../../problem.js";
import { ReindexJob, ReindexParams, ReindexStarted } from "../../schemas/admin-search.js";
import { problemResponses } from "../../schemas/common.js";
import type { RouteContext } from "../route-context.js";
import { catalogDocuments } from "./catalog-documents.js";
import { ReindexJobs, type ReindexJob as Job } from "./reindex-jobs.js";

const common = { tags: ["admin: search"], security: BEARER_SECURITY, middleware: [requirePermission("search:reindex")] };

const reindexRoute = createRoute({
  ...common,
  method: "post",
  path: "/search/reindex",
  summary: "Rebuild the search index from the catalogue, in the background",
  description:
    "Answers at once with the job id; searches keep answering from the current index until the new one is complete. " +
    "While a rebuild runs, starting another returns the running one.",
  responses: {
    202: { description: "The rebuild is under way", content: { "application/json": { schema: ReindexStarted } } },
    ...problemResponses(401, 403),
  },
});

const jobRoute = createRoute({
  ...common,
  method: "get",
  path: "/search/reindex/{jobId}",
  summary: "A rebuild's status and progress",
  description: "Jobs are kept by the instance that runs them, the last 20 finished ones.",
  request: { params: ReindexParams },
  responses: {
    200: { description: "The job", content: { "application/json": { schema: ReindexJob } } },
    ...problemResponses(401, 403, 404, 422),
  },
});

const toJobJson = (job: Job) => ({
  jobId: job.id,
  status: job.status,
  indexed: job.indexed,
  startedAt: job.startedAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
  error: job.error,
});

/** `/admin/search/reindex`: rebuilds of the search index, run as jobs of this process. */
export function adminSearchRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = createApi({ logger: ctx.logger });
  const { container } = ctx;
  const repos = container.get(Tokens.Repositories);
  const sales = new KyselySalesCounter(container.get(Tokens.Database).db);
  const jobs = new ReindexJobs({
    search: container.get(Tokens.SearchIndex),
    documents: () => catalogDocuments({ repos, sales }),
    ids: container.get(Tokens.IdGenerator),
    clock: container.get(Tokens.Clock),
    logger: ctx.logger,
  });

  app.openapi(reindexRoute, (c) => {
    const { job, started } = jobs.start();
    c.get("logger").info({ job_id: job.id, started }, started ? "search reindex started" : "search reindex already running");
    return c.json({ jobId: job.id, status: started ? ("started" as const) : ("running" as const) }, 202);
  });

  app.openapi(jobRoute, (c) => {
    const { jobId } = c.req.valid("param");
    const job = jobs.get(jobId);
    if (job === undefined)
      return problem(c, 404, "reindex_job.not_found", titleOf(404), `reindex job ${jobId} was not found on this instance`);
    return c.json(toJobJson(job), 200);
  });

  return app;
}
