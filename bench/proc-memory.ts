import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export interface ProcessMemory {
  /** Resident set size now (VmRSS), MiB. */
  readonly rssMb: number;
  /** The highest resident set size so far (VmHWM), MiB. */
  readonly peakMb: number;
}

/** Memory of a live process from /proc/<pid>/status; null once it has exited (or off Linux). */
export function processMemory(pid: number): ProcessMemory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  const rss = kib("VmRSS");
  const hwm = kib("VmHWM");
  if (Number.isNaN(rss) || Number.isNaN(hwm)) return null;
  return { rssMb: Math.round((rss / 1024) * 10) / 10, peakMb: Math.round((hwm / 1024) * 10) / 10 };
}

let ticksPerSecond: number | undefined;

/**
 * CPU time a process has used so far (user + system, from /proc/<pid>/stat), ms; null once it
 * has exited. On a busy machine this is the steadier figure: wall-clock throughput depends on
 * how much CPU the others leave, the CPU spent per request much less.
 */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name may hold spaces and parentheses; the fields after the last ")" are fixed: state is 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  ticksPerSecond ??= clockTicks();
  return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond : null;
}

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}
