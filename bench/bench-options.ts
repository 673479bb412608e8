import { resolve } from "node:path";

export type ProfileChoice = "embedded" | "production";

export interface BenchOptions {
  /** Seconds measured per endpoint (BENCH_DURATION; 15, or 2 with --quick). */
  readonly durationSeconds: number;
  /** Seconds of unmeasured load before each measurement (BENCH_WARMUP; 5, or 1 with --quick). */
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Demo products seeded into each profile's database. */
  readonly products: number;
  /** Rows of the timed CSV import (100,000, or 1,000 with --quick); 0 skips it. */
  readonly importRows: number;
  /** The profiles asked for; production still needs PostgreSQL to answer. */
  readonly profiles: readonly ProfileChoice[];
  readonly quick: boolean;
  readonly build: boolean;
  /** Where the JSON results go. */
  readonly outDir: string;
  /** Rewrite the results section of bench/README.md. */
  readonly updateReadme: boolean;
  /** Start the servers with --cpu-prof, profiles written to this folder. */
  readonly cpuProfileDir: string | null;
}

export const BENCH_DIR = import.meta.dirname;
export const REPO_ROOT = resolve(BENCH_DIR, "..");

const USAGE = `usage: npm run bench -- [--quick] [--products N] [--import-rows N] [--profile embedded|production]
                       [--connections N] [--out DIR] [--no-readme] [--skip-build] [--cpu-prof DIR]
environment: BENCH_DURATION (seconds per endpoint), BENCH_WARMUP (seconds of warm-up)`;

/** Reads the command line and BENCH_* variables; throws one line with the usage on a bad flag. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}\n${USAGE}`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
    else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value\n${USAGE}`);
      flags.set(name, value);
    } else throw new Error(`unknown option --${name}\n${USAGE}`);
  }
  const quick = flags.has("quick");
  const text = (name: string): string | undefined => {
    const value = flags.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const profile = text("profile");
  if (profile !== undefined && profile !== "embedded" && profile !== "production")
    throw new Error(`--profile must be embedded or production\n${USAGE}`);
  const outDir = text("out");
  const cpuProfileDir = text("cpu-prof");
  return {
    durationSeconds: number("BENCH_DURATION", env.BENCH_DURATION, quick ? 2 : 15, 1),
    warmupSeconds: number("BENCH_WARMUP", env.BENCH_WARMUP, quick ? 1 : 5, 0),
    connections: number("--connections", text("connections"), 50, 1),
    products: number("--products", text("products"), 10_000, 30),
    importRows: number("--import-rows", text("import-rows"), quick ? 1_000 : 100_000, 0),
    profiles: profile === undefined ? ["embedded", "production"] : [profile],
    quick,
    build: !flags.has("skip-build"),
    outDir: outDir === undefined ? resolve(BENCH_DIR, "results") : resolve(outDir),
    updateReadme: !flags.has("no-readme") && !quick && outDir === undefined,
    cpuProfileDir: cpuProfileDir === undefined ? null : resolve(cpuProfileDir),
  };
}

const BOOLEAN_FLAGS = new Set(["quick", "no-readme", "skip-build"]);
const VALUE_FLAGS = new Set(["products", "import-rows", "profile", "connections", "out", "cpu-prof"]);

function number(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, got "${raw}"`);
  return value;
}
