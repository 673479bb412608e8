import { cacheStatus, Tokens, type EmporiumContainer } from "@emporium/adapters";
import type { CheckStatus, ReadinessCheck } from "./ops.js";

/**
 * What `/readyz` asks the container about. Only the database is essential: without it
 * nothing works, so a failure there is "down" (503). The cache turns failures into misses
 * and search failures cost only search, so either one failing is "degraded" and the
 * instance keeps taking traffic.
 */
export function readinessChecks(container: EmporiumContainer): ReadinessCheck[] {
  const { db } = container.get(Tokens.Database);
  const cache = container.get(Tokens.Cache);
  const search = container.get(Tokens.SearchIndex);
  return [
    {
      name: "database",
      check: async (): Promise<CheckStatus> => {
        await db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
        return "ok";
      },
    },
    {
      name: "cache",
      check: () => cacheStatus(cache),
    },
    {
      name: "search",
      check: async (): Promise<CheckStatus> => {
        try {
          await search.suggest("a", 1);
          return "ok";
        } catch {
          return "degraded";
        }
      },
    },
  ];
}
