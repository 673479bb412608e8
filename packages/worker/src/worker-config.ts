/** The worker's own settings, beside the shared Config (AMQP_URL, DATABASE_URL… come from loadConfig). */
export interface WorkerConfig {
  /** Where Prometheus scrapes /metrics (WORKER_METRICS_PORT, default 9464; 0 picks a free port). */
  readonly metricsPort: number;
  /** Unacknowledged messages per queue handled at once (WORKER_PREFETCH, default 10). */
  readonly prefetch: number;
  /** Pause between reservation sweeps (WORKER_SWEEP_INTERVAL_MS, default 30 s). */
  readonly sweepIntervalMs: number;
  /** Pause between outbox relay rounds when it is empty (WORKER_RELAY_INTERVAL_MS, default 200 ms). */
  readonly relayIntervalMs: number;
}

const SETTINGS = {
  metricsPort: { name: "WORKER_METRICS_PORT", fallback: 9464, min: 0, max: 65_535 },
  prefetch: { name: "WORKER_PREFETCH", fallback: 10, min: 1, max: 1_000 },
  sweepIntervalMs: { name: "WORKER_SWEEP_INTERVAL_MS", fallback: 30_000, min: 100, max: 86_400_000 },
  relayIntervalMs: { name: "WORKER_RELAY_INTERVAL_MS", fallback: 200, min: 1, max: 60_000 },
} as const;

/** Reads the WORKER_* variables; throws one line naming each one at fault. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const problems: string[] = [];
  const read = ({ name, fallback, min, max }: { name: string; fallback: number; min: number; max: number }): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (/^\d+$/.test(raw) && value >= min && value <= max) return value;
    problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  };
  const config = {
    metricsPort: read(SETTINGS.metricsPort),
    prefetch: read(SETTINGS.prefetch),
    sweepIntervalMs: read(SETTINGS.sweepIntervalMs),
    relayIntervalMs: read(SETTINGS.relayIntervalMs),
  };
  if (problems.length > 0) throw new Error(problems.join("; "));
  return config;
}
