import autocannon, { type RequestStep, type Result } from "autocannon";
import { processCpuMs, processMemory } from "./proc-memory.js";

/** One endpoint to drive: a fixed request or a sequence of steps per connection. */
export interface Scenario {
  readonly name: string;
  /** The server it runs against; the bare Hono baseline is "baseline". */
  readonly server: string;
  /** Fresh steps for each autocannon run (warm-up and measurement), so per-run state starts clean. */
  steps(): RequestStep[];
  /** Answers that were 2xx but wrong (an order not pending, a payment not paid), counted since the last reset. */
  readonly checks: CheckCounter;
  /** Completed loops (orders paid), counted since the last reset; makes the row report loops per second. */
  readonly loops?: LoopCounter;
}

/** What the steps' onResponse saw: 2xx answers that were wrong, and the first problem of any kind. */
export class CheckCounter {
  failures = 0;
  firstFailure: string | null = null;
  /** A 2xx answer that is wrong; autocannon does not count these. */
  fail(what: string): void {
    this.failures += 1;
    this.firstFailure ??= what;
  }
  /** Remembers the first unexpected status with its body; autocannon already counts it as non-2xx. */
  status(status: number, body: string): boolean {
    if (status >= 200 && status < 300) return true;
    this.firstFailure ??= `${status} ${body.slice(0, 300)}`;
    return false;
  }
  reset(): void {
    this.failures = 0;
    this.firstFailure = null;
  }
}

export class LoopCounter {
  completed = 0;
}

export interface LoadRow {
  readonly endpoint: string;
  readonly server: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** requestsPerSecond / the baseline's, filled in by the caller. */
  ratio: number | null;
  /** Non-2xx answers, connection errors, timeouts and failed checks, warm-up included (but for its timeouts). */
  readonly errors: number;
  readonly requests: number;
  /** Requests of the warm-up that got no answer within autocannon's 10 s timeout (not counted in `errors`). */
  readonly warmupTimeouts: number;
  readonly durationSeconds: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Closed loops only: completed loops per second (orders per second). */
  readonly loopsPerSecond: number | null;
  readonly loops: number | null;
  /** CPU time the server process spent per completed request during the measurement, ms. */
  readonly serverCpuMsPerRequest: number | null;
  /** CPU the load generator (this process) used during the measurement, % of one core. */
  readonly clientCpuPercent: number;
  /** The server's largest resident set size seen during warm-up and measurement (sampled every 250 ms), MiB. */
  readonly serverRssMaxMb: number | null;
  /** The baseline's CPU per request / this row's: the ratio on a machine with a core to spare for each. */
  cpuRatio: number | null;
  readonly firstFailure: string | null;
}

export interface LoadSettings {
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
}

/**
 * Warms the endpoint up, then measures it; every run is bounded by a hard stop past its
 * duration. `serverPid` is the process whose CPU time is charged to the requests.
 */
export async function measure(
  baseUrl: string,
  scenario: Scenario,
  settings: LoadSettings,
  serverPid: number | null = null,
): Promise<LoadRow> {
  let rssMax: number | null = null;
  const sampler =
    serverPid === null
      ? null
      : setInterval(() => {
          const rss = processMemory(serverPid)?.rssMb;
          if (rss !== undefined) rssMax = Math.max(rssMax ?? 0, rss);
        }, 250);
  try {
    return await warmAndMeasure(baseUrl, scenario, settings, serverPid, () => rssMax);
  } finally {
    if (sampler !== null) clearInterval(sampler);
  }
}

async function warmAndMeasure(
  baseUrl: string,
  scenario: Scenario,
  settings: LoadSettings,
  serverPid: number | null,
  rssMax: () => number | null,
): Promise<LoadRow> {
  let warmupErrors = 0;
  let warmupTimeouts = 0;
  const codes: Record<string, number> = {};
  if (settings.warmupSeconds > 0) {
    resetCounters(scenario);
    const warm = await run(baseUrl, scenario, settings.connections, settings.warmupSeconds);
    // A cold server flooded by every connection at once may answer its first requests after the
    // timeout; the warm-up exists to absorb that, so those are reported, not failed. Any other
    // error in the warm-up (a non-2xx answer, a dropped connection, a failed check) still counts.
    warmupTimeouts = warm.timeouts;
    warmupErrors = errorsOf(warm) - warm.timeouts + scenario.checks.failures;
    addCodes(codes, warm);
  }
  const firstWarmupFailure = scenario.checks.firstFailure;
  resetCounters(scenario);
  const serverCpuBefore = serverPid === null ? null : processCpuMs(serverPid);
  const clientCpuBefore = process.cpuUsage();
  const result = await run(baseUrl, scenario, settings.connections, settings.durationSeconds);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const serverCpuAfter = serverPid === null ? null : processCpuMs(serverPid);
  addCodes(codes, result);
  // A run in which nothing completed (every request hung past the end) must not pass as "0 errors".
  const stalled = result.requests.total === 0 ? 1 : 0;
  if (stalled) scenario.checks.firstFailure ??= `no request completed in ${settings.durationSeconds} s`;
  const loops = scenario.loops?.completed ?? null;
  return {
    endpoint: scenario.name,
    server: scenario.server,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ratio: null,
    errors: warmupErrors + errorsOf(result) + scenario.checks.failures + stalled,
    requests: result.requests.total,
    warmupTimeouts,
    durationSeconds: result.duration,
    statusCodes: codes,
    loopsPerSecond: loops === null ? null : Math.round(loops / result.duration),
    loops,
    serverCpuMsPerRequest:
      serverCpuBefore === null || serverCpuAfter === null || result.requests.total === 0
        ? null
        : Math.round(((serverCpuAfter - serverCpuBefore) / result.requests.total) * 1000) / 1000,
    clientCpuPercent: Math.round(((clientCpu.user + clientCpu.system) / 1000 / (result.duration * 1000)) * 100),
    serverRssMaxMb: rssMax(),
    cpuRatio: null,
    firstFailure: firstWarmupFailure ?? scenario.checks.firstFailure,
  };
}

function resetCounters(scenario: Scenario): void {
  scenario.checks.reset();
  if (scenario.loops) scenario.loops.completed = 0;
}

const errorsOf = (result: Result): number => result.non2xx + result.errors + result.mismatches;

function addCodes(into: Record<string, number>, result: Result): void {
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) into[code] = (into[code] ?? 0) + count;
}

async function run(baseUrl: string, scenario: Scenario, connections: number, seconds: number): Promise<Result> {
  const instance = autocannon({ url: baseUrl, connections, duration: seconds, timeout: 10, requests: scenario.steps() });
  // autocannon stops itself after `duration`; this is the bound if it ever did not.
  const guard = setTimeout(() => instance.stop(), (seconds + 30) * 1000);
  try {
    return await instance;
  } finally {
    clearTimeout(guard);
  }
}
