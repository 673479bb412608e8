import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./bench-options.js";

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

const BIN = join(REPO_ROOT, "packages/cli/bin/emporium.js");

/** Runs the compiled `emporium` CLI; killed (code null) once `timeoutMs` has passed. */
export function emporium(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  { timeoutMs = 30 * 60_000, stdin }: { timeoutMs?: number; stdin?: string } = {},
): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    // Progress lines can be many; the end says what went wrong.
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
    child.stdin.end(stdin ?? "");
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, seconds: Math.round((performance.now() - started) / 10) / 100 });
    });
  });
}

/** Like `emporium`, but a non-zero exit is an error naming the command and the end of its output. */
export async function emporiumOk(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options?: { timeoutMs?: number; stdin?: string },
): Promise<CliRun> {
  const run = await emporium(args, env, options);
  if (run.code !== 0) {
    const tail = `${run.stdout}\n${run.stderr}`.trim().split("\n").slice(-8).join("\n");
    throw new Error(`emporium ${args.join(" ")} exited with ${run.code ?? "a timeout"}:\n${tail}`);
  }
  return run;
}
