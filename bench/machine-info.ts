import { cpus, loadavg, release, totalmem } from "node:os";

export interface MachineInfo {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly memoryMb: number;
  readonly node: string;
  readonly kernel: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews every figure. */
  readonly loadAverageAtStart: readonly [number, number, number];
}

export function machineInfo(): MachineInfo {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    nproc: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    memoryMb: Math.round(totalmem() / 1_048_576),
    node: process.version,
    kernel: release(),
    loadAverageAtStart: [round2(one), round2(five), round2(fifteen)],
  };
}

export const round2 = (value: number): number => Math.round(value * 100) / 100;
