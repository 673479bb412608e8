import type { ProfileChoice } from "./bench-options.js";
import type { ImportTiming } from "./import-timing.js";
import type { LoadRow } from "./load-test.js";
import type { MachineInfo } from "./machine-info.js";
import type { ProcessMemory } from "./proc-memory.js";
import type { OversellAudit } from "./stock-audit.js";

/** The endpoints every complete profile run has a row for, by `LoadRow.endpoint`. */
export const ENDPOINTS = {
  baseline: "bare Hono, fixed JSON body",
  firstPage: "GET /v1/products?limit=20",
  categoryPage: "GET /v1/products?limit=20&category=…",
  deepPage: "GET /v1/products?limit=20&cursor=… (deep page)",
  productCached: "GET /v1/products/{slug} (cache warm)",
  categories: "GET /v1/categories",
  search: "GET /v1/search?q=… (20 queries)",
  cartAdd: "POST /v1/cart/items (a customer per connection)",
  checkout: "checkout + pay (closed loop)",
  productUncached: "GET /v1/products/{slug} (uncached)",
  firstPageUncached: "GET /v1/products?limit=20 (uncached)",
  deepPageUncached: "GET /v1/products?limit=20&cursor=… (deep page, uncached)",
} as const;

export interface Target {
  readonly name: string;
  readonly figure: string;
  /** By the figure the target names (req/s, orders/s, ms, MB, s); null: not measured in this run (e.g. a shorter import in --quick). */
  readonly met: boolean | null;
  /**
   * The same target judged by CPU time per request instead of requests per second (null where
   * that does not apply). On a busy machine req/s depends on what the other processes leave;
   * CPU per request much less, so this verdict is the steadier one there.
   */
  readonly metByCpu: boolean | null;
}

export interface ProfileResult {
  readonly profile: ProfileChoice;
  readonly services: Readonly<Record<string, unknown>>;
  readonly notes: readonly string[];
  readonly products: number;
  readonly seedSeconds: number | null;
  /** Bytes of the first product page; the baseline answers as many. */
  readonly pageBytes: number | null;
  /** The page the deep cursor reached (200 unless the catalogue is smaller). */
  readonly deepPage: number | null;
  readonly coldStartMs: number | null;
  /** Memory of each process: idle right after start, and the peak (VmHWM) just before it stopped. */
  readonly memory: Readonly<Record<string, { readonly idle: ProcessMemory | null; readonly end: ProcessMemory | null }>>;
  /** The mean of the two baseline runs (before and after the shop's endpoints); ratios divide by it. */
  readonly baselineRequestsPerSecond: number | null;
  /** The baseline's CPU time per request (mean of its runs), ms; `LoadRow.cpuRatio` divides by each row's. */
  readonly baselineCpuMsPerRequest: number | null;
  readonly rows: readonly LoadRow[];
  readonly oversell: OversellAudit | null;
  readonly import: ImportTiming | null;
  readonly targets: readonly Target[];
  /** Total of every row's errors plus oversell problems; the run fails when it is not 0. */
  readonly errors: number;
  /** Set when the profile could not be run to the end. */
  readonly failure: string | null;
}

export interface BenchResult {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly settings: {
    readonly connections: number;
    readonly warmupSeconds: number;
    readonly durationSeconds: number;
    readonly products: number;
    readonly importRows: number;
    readonly quick: boolean;
  };
  readonly profile: ProfileResult;
}
