import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp } from "../../http/src/test-support/test-app.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const TSX = join(ROOT, "node_modules/.bin/tsx");
const dir = mkdtempSync(join(tmpdir(), "emporium-bin-"));
const databaseUrl = `sqlite:${join(dir, "shop.db")}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real entry point as a child process, as `npx emporium` would, on the sources. */
function emporium(args: readonly string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, ["--conditions=@emporium/source", "packages/cli/src/main.ts", ...args], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"], DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("the emporium bin", () => {
  // A child process on the TypeScript sources takes seconds to start on a busy machine.
  it("creates an admin from stdin who can then log in over HTTP", { timeout: 120_000 }, async () => {
    const password = "piped through stdin";
    const result = await emporium(["users", "create-admin", "--email", "owner@example.com", "--password-stdin"], `${password}\n`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Created admin owner@example\.com/);

    const t = await createTestApp({ databaseUrl, seed: false });
    try {
      const login = await t.json("POST", "/v1/auth/login", { body: { email: "owner@example.com", password } });
      expect(login.status).toBe(200);
      const me = await t.json("GET", "/v1/me", { token: login.body.accessToken });
      expect(me.body).toMatchObject({ email: "owner@example.com", role: "admin" });
    } finally {
      await t.close();
    }
  });

  it("prints its help and exits 0, and exits with the table's status on failure", { timeout: 120_000 }, async () => {
    const help = await emporium(["--help"], "");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: emporium \[options\] \[command\]/);
    for (const command of ["import", "export", "reindex", "stock", "orders", "backup", "restore", "dlq"])
      expect(help.stdout).toContain(command);

    const missing = await emporium(["import", "products", "no-such-file.csv"], "");
    expect(missing).toMatchObject({
      code: 4,
      stdout: "",
      stderr: "emporium: cannot read no-such-file.csv: no such file, or not readable\n",
    });
  });
});
