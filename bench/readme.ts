import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH_DIR } from "./bench-options.js";
import type { BenchResult } from "./bench-result.js";
import { machineMarkdown, profileMarkdown } from "./report.js";

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";
const PROFILES = ["embedded", "production"] as const;

/**
 * Rewrites the results section of bench/README.md from the latest full run of each profile in
 * `resultsDir` (a run of one profile keeps the other's last table), each with its machine line.
 */
export function updateReadme(resultsDir: string): void {
  const path = join(BENCH_DIR, "README.md");
  const readme = readFileSync(path, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${START} … ${END} section to write the results into`);
  const latest = PROFILES.flatMap((profile) => {
    const file = readdirSync(resultsDir)
      .filter((name) => name.endsWith(`-${profile}.json`))
      .sort()
      .at(-1);
    if (file === undefined) return [];
    const result = JSON.parse(readFileSync(join(resultsDir, file), "utf8")) as BenchResult;
    return result.settings.quick ? [] : [result];
  });
  const sections = latest.flatMap((result) => [profileMarkdown(result), machineMarkdown(result.machine, result.startedAt), ""]);
  writeFileSync(path, `${readme.slice(0, start)}${[START, "", ...sections, END].join("\n")}${readme.slice(end + END.length)}`);
}
