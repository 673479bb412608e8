import { z } from "@hono/zod-openapi";

export const ReindexParams = z.object({
  jobId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "jobId", in: "path" } }),
});

export const ReindexStarted = z
  .object({
    jobId: z.string(),
    status: z.enum(["started", "running"]).openapi({ description: "running: a reindex was already under way; this is its id" }),
  })
  .openapi("ReindexStarted");

export const ReindexJob = z
  .object({
    jobId: z.string(),
    status: z.enum(["running", "completed", "failed"]),
    indexed: z.number().int().openapi({ description: "Active products indexed so far" }),
    startedAt: z.string().openapi({ format: "date-time" }),
    finishedAt: z.string().nullable().openapi({ format: "date-time" }),
    error: z.string().nullable().openapi({ description: "Why a failed job failed" }),
  })
  .openapi("ReindexJob");
