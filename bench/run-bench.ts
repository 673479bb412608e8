// `npm run bench`: builds, then measures each profile beside a bare Hono baseline and writes
// bench/results/<date>-<profile>.json, a markdown table on stdout and bench/README.md.
// Exits 1 when any request failed (non-2xx, connection error, failed check) or stock did not add up.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { parseBenchOptions, REPO_ROOT, type BenchOptions } from "./bench-options.js";
import { benchProfile } from "./bench-profile.js";
import type { BenchResult } from "./bench-result.js";
import { writeDemoCsv } from "./import-timing.js";
import { machineInfo } from "./machine-info.js";
import { embeddedProfile, productionProfile } from "./profiles.js";
import { machineMarkdown, profileMarkdown } from "./report.js";
import { updateReadme } from "./readme.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(options: BenchOptions): Promise<number> {
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  if (options.build) await build();
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const workDir = mkdtempSync(join(tmpdir(), "emporium-bench-"));
  mkdirSync(options.outDir, { recursive: true });
  const results: BenchResult[] = [];
  let failed = false;
  try {
    let importCsv: string | null = null;
    if (options.importRows > 0) {
      importCsv = join(workDir, "catalogue.csv");
      log(`writing ${options.importRows} demo rows to ${importCsv}`);
      await writeDemoCsv(importCsv, options.importRows);
    }
    for (const choice of options.profiles) {
      const setup = choice === "embedded" ? embeddedProfile(workDir) : await productionProfile(runId);
      if (setup === null) {
        log("[production] skipped: PostgreSQL does not answer at 127.0.0.1:5432");
        continue;
      }
      let profile;
      try {
        profile = await benchProfile(setup, { options, runId, workDir, importCsv, log });
      } finally {
        await setup.cleanup();
      }
      const result: BenchResult = {
        startedAt,
        finishedAt: new Date().toISOString(),
        machine,
        settings: {
          connections: options.connections,
          warmupSeconds: options.warmupSeconds,
          durationSeconds: options.durationSeconds,
          products: options.products,
          importRows: options.importRows,
          quick: options.quick,
        },
        profile,
      };
      results.push(result);
      const file = join(options.outDir, `${startedAt.slice(0, 19).replaceAll(":", "-")}-${profile.profile}.json`);
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      log(`wrote ${file}`);
      process.stdout.write(`${profileMarkdown(result)}\n`);
      if (profile.errors > 0 || profile.failure !== null) failed = true;
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  if (results.length === 0) {
    log("no profile could be run");
    return 1;
  }
  process.stdout.write(`${machineMarkdown(machine, startedAt)}\n`);
  if (options.updateReadme) updateReadme(options.outDir);
  if (failed) log("bench FAILED: some requests failed or stock did not add up (see the errors column and the notes)");
  return failed ? 1 : 0;
}

function build(): Promise<void> {
  log("npm run build");
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "build"], { cwd: REPO_ROOT, stdio: ["ignore", process.stderr, process.stderr] });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20 * 60_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else
        reject(new Error(`npm run build failed (exit ${code ?? "timeout"}); fix the build, or run with --skip-build against the last one`));
    });
  });
}

try {
  process.exitCode = await main(parseBenchOptions(process.argv.slice(2)));
} catch (error) {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
