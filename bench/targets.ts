import { ENDPOINTS, type ProfileResult, type Target } from "./bench-result.js";
import type { LoadRow } from "./load-test.js";

type Measured = Omit<ProfileResult, "targets">;

const IMPORT_TARGET_ROWS = 100_000;

/** The performance targets of the bench, each met or missed with its figure (null when not measured). */
export function evaluateTargets(result: Measured): Target[] {
  const row = (endpoint: string): LoadRow | undefined => result.rows.find((r) => r.endpoint === endpoint);
  const share = (name: string, endpoint: string, minRatio: number, maxP99Ms?: number): Target => {
    const r = row(endpoint);
    if (r === undefined || r.ratio === null) return { name, figure: "not measured", met: null, metByCpu: null };
    const latencyOk = maxP99Ms === undefined || r.p99Ms < maxP99Ms;
    const latency = maxP99Ms === undefined ? "" : `, p99 ${r.p99Ms} ms`;
    const byCpu = r.cpuRatio === null ? "" : `; by CPU per request ${percent(r.cpuRatio)}`;
    return {
      name,
      figure: `${percent(r.ratio)} of baseline (${r.requestsPerSecond} req/s${latency}${byCpu})`,
      met: r.ratio >= minRatio && latencyOk,
      metByCpu: r.cpuRatio === null ? null : r.cpuRatio >= minRatio && latencyOk,
    };
  };
  const within = (name: string, deepEndpoint: string, firstEndpoint: string): Target => {
    const deep = row(deepEndpoint);
    const first = row(firstEndpoint);
    if (deep === undefined || first === undefined || first.requestsPerSecond === 0)
      return { name, figure: "not measured", met: null, metByCpu: null };
    const relative = deep.requestsPerSecond / first.requestsPerSecond;
    const cpu =
      deep.serverCpuMsPerRequest !== null && first.serverCpuMsPerRequest ? first.serverCpuMsPerRequest / deep.serverCpuMsPerRequest : null;
    return {
      name,
      figure:
        `page ${result.deepPage ?? "?"}: ${deep.requestsPerSecond} req/s vs ${first.requestsPerSecond} req/s (${percent(relative)})` +
        (cpu === null ? "" : `; CPU per request ${deep.serverCpuMsPerRequest} vs ${first.serverCpuMsPerRequest} ms`),
      met: relative >= 0.8,
      metByCpu: cpu === null ? null : cpu >= 0.8,
    };
  };
  const checkout = row(ENDPOINTS.checkout);
  const oversold = result.oversell === null ? null : result.oversell.problems.length;
  const peak = Math.max(
    0,
    ...Object.entries(result.memory)
      .filter(([name]) => name.startsWith("server"))
      .map(([, m]) => m.end?.peakMb ?? 0),
  );
  const imported = result.import;
  return [
    share("cached product detail ≥ 50% of baseline", ENDPOINTS.productCached, 0.5),
    share("first product page ≥ 50% of baseline", ENDPOINTS.firstPage, 0.5),
    share("category tree ≥ 50% of baseline", ENDPOINTS.categories, 0.5),
    share("uncached product detail ≥ 25% of baseline, p99 < 50 ms", ENDPOINTS.productUncached, 0.25, 50),
    share("search (10k products) ≥ 15% of baseline, p99 < 100 ms", ENDPOINTS.search, 0.15, 100),
    within("deep cursor page within 20% of the first page (cached)", ENDPOINTS.deepPage, ENDPOINTS.firstPage),
    within("deep cursor page within 20% of the first page (uncached)", ENDPOINTS.deepPageUncached, ENDPOINTS.firstPageUncached),
    checkout === undefined || checkout.loopsPerSecond === null
      ? { name: "checkout + pay ≥ 300 orders/s, zero oversell, zero errors", figure: "not measured", met: null, metByCpu: null }
      : {
          name: "checkout + pay ≥ 300 orders/s, zero oversell, zero errors",
          figure: `${checkout.loopsPerSecond} orders/s, ${oversold ?? "unchecked"} stock problems, ${checkout.errors} errors`,
          met: checkout.loopsPerSecond >= 300 && oversold === 0 && checkout.errors === 0,
          metByCpu: null,
        },
    result.coldStartMs === null
      ? { name: "cold start < 1.5 s", figure: "not measured", met: null, metByCpu: null }
      : { name: "cold start < 1.5 s", figure: `${result.coldStartMs} ms`, met: result.coldStartMs < 1_500, metByCpu: null },
    peak === 0
      ? { name: "server RSS < 250 MB at peak", figure: "not measured", met: null, metByCpu: null }
      : { name: "server RSS < 250 MB at peak", figure: `${peak} MB`, met: peak < 250, metByCpu: null },
    imported === null || imported.seconds === null
      ? { name: "import of 100,000 rows < 60 s", figure: imported?.problem ?? "not measured", met: null, metByCpu: null }
      : imported.exitCode !== 0
        ? {
            name: "import of 100,000 rows < 60 s",
            figure: `failed after ${imported.seconds} s: ${imported.problem ?? ""}`,
            met: false,
            metByCpu: null,
          }
        : {
            name: "import of 100,000 rows < 60 s",
            figure: `${imported.rows.toLocaleString("en")} rows in ${imported.seconds} s`,
            met: imported.rows >= IMPORT_TARGET_ROWS ? imported.seconds < 60 : null,
            metByCpu: null,
          },
  ];
}

export const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`;
