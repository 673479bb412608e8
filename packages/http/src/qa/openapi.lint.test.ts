import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../test-support/test-app.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const CONFIG = join(ROOT, "redocly.yaml");
const REDOCLY = join(ROOT, "node_modules", "@redocly", "cli", "bin", "cli.js");

interface LintReport {
  readonly totals: { readonly errors: number; readonly warnings: number; readonly ignored: number };
  readonly problems: readonly {
    readonly ruleId: string;
    readonly severity: string;
    readonly message: string;
    readonly location: readonly { readonly pointer: string }[];
  }[];
}

/** Runs `redocly lint --format=json`; it exits 1 when it finds errors, which is a report too. */
function lint(file: string): Promise<LintReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [REDOCLY, "lint", file, `--config=${CONFIG}`, "--format=json"],
      // No telemetry and no update check: the test never leaves this machine.
      {
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout) as LintReport);
        } catch {
          reject(new Error(`redocly lint printed no report (${error?.message ?? "exit 0"}):\n${stderr}`));
        }
      },
    );
  });
}

describe("the served OpenAPI document", () => {
  const dir = mkdtempSync(join(tmpdir(), "emporium-openapi-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("passes redocly lint (recommended rules, exceptions in redocly.yaml) without errors", async () => {
    const t = await createTestApp({ seed: false });
    let document: string;
    try {
      const res = await t.app.request("/openapi.json");
      expect(res.status).toBe(200);
      document = await res.text();
    } finally {
      await t.close();
    }
    const file = join(dir, "openapi.json");
    writeFileSync(file, document);

    const report = await lint(file);
    const errors = report.problems
      .filter((problem) => problem.severity === "error")
      .map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location.map((l) => l.pointer).join(", ")}`);
    console.log(`redocly lint: ${report.totals.errors} errors, ${report.totals.warnings} warnings`);
    expect(errors).toEqual([]);
  });

  it("gives every rule switched off in redocly.yaml a reason on the lines above it", () => {
    const lines = readFileSync(CONFIG, "utf8").split("\n");
    const off = lines.flatMap((line, i) => (/^\s+[a-z0-9-]+:\s*off\s*$/.test(line) ? [i] : []));
    for (const i of off) expect(lines[i - 1] ?? "", `${lines[i]!.trim()} needs a # reason`).toMatch(/^\s*#\s*\S/);
  });
});
