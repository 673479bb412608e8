import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./bench-options.js";
import { ENDPOINTS, type BenchResult } from "./bench-result.js";

const out = mkdtempSync(join(tmpdir(), "emporium-bench-test-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// The bench drives the compiled server; it is built only when missing, to keep this test short.
const built = ["packages/http/dist/server.bundle.mjs", "packages/cli/dist/main.js"].every((file) => existsSync(join(REPO_ROOT, file)));

function runBench(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=@emporium/source", "--import", "tsx", join(REPO_ROOT, "bench/run-bench.ts"), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_OPTIONS: "", BENCH_DURATION: "1", BENCH_WARMUP: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("npm run bench", () => {
  it("measures every endpoint of the embedded profile on a tiny catalogue without a failed request", { timeout: 300_000 }, async () => {
    const args = ["--quick", "--products", "50", "--import-rows", "200", "--connections", "10", "--profile", "embedded", "--out", out];
    const { code, output } = await runBench(built ? [...args, "--skip-build"] : args);
    expect(code, output).toBe(0);

    const files = readdirSync(out).filter((file) => file.endsWith("-embedded.json"));
    expect(files).toHaveLength(1);
    const result = JSON.parse(readFileSync(join(out, files[0]!), "utf8")) as BenchResult;
    const { profile } = result;
    expect(profile.failure).toBeNull();
    const endpoints = profile.rows.map((row) => row.endpoint);
    for (const endpoint of Object.values(ENDPOINTS)) {
      if (endpoint === ENDPOINTS.baseline)
        expect(endpoints).toEqual(expect.arrayContaining([`${endpoint} (before)`, `${endpoint} (after)`]));
      else expect(endpoints).toContain(endpoint);
    }
    for (const row of profile.rows) {
      expect(row.errors, `${row.endpoint}: ${row.firstFailure ?? ""}`).toBe(0);
      expect(row.requests, row.endpoint).toBeGreaterThan(0);
    }
    expect(profile.rows.find((row) => row.endpoint === ENDPOINTS.checkout)?.loops).toBeGreaterThan(0);
    expect(profile.oversell?.problems).toEqual([]);
    expect(profile.import?.exitCode).toBe(0);
    expect(profile.targets.length).toBeGreaterThan(0);
    expect(output).toContain("| endpoint | server | req/s |");
  });
});
