import { Presets, SingleBar } from "cli-progress";
import type { CliIo } from "../cli-io.js";

export interface Progress {
  /** Counts `by` more units done. */
  advance(by: number): void;
  /** Ends the bar (or prints the last line). */
  done(): void;
}

export interface ProgressOptions {
  /** What is being done, e.g. "importing". */
  readonly label: string;
  /** The plural unit counted, e.g. "rows". */
  readonly unit: string;
  /** Units to do, when known: the bar shows a percentage and an ETA. */
  readonly total: number | null;
  /** Without a terminal, a line every this many units… */
  readonly everyUnits?: number;
  /** …or after this long, whichever comes first. */
  readonly everyMs?: number;
}

/**
 * Progress on stderr: a bar with count, rate and ETA on a terminal; otherwise (a log file, CI,
 * tests) a plain line every `everyUnits` units or `everyMs`, and one at the end.
 */
export function startProgress(io: CliIo, options: ProgressOptions): Progress {
  return io.terminal === undefined ? plainProgress(io, options) : barProgress(io.terminal, options);
}

function barProgress(terminal: NodeJS.WriteStream, { label, unit, total }: ProgressOptions): Progress {
  const started = Date.now();
  const known = total !== null;
  const bar = new SingleBar(
    {
      stream: terminal,
      format: known
        ? `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`
        : `${label} {value} ${unit} | {rate} ${unit}/s | {duration_formatted}`,
      hideCursor: true,
      etaBuffer: 100,
      fps: 5,
    },
    Presets.shades_classic,
  );
  let value = 0;
  bar.start(total ?? 0, 0, { rate: "0" });
  return {
    advance: (by) => {
      value += by;
      bar.update(value, { rate: rate(value, started) });
    },
    done: () => {
      bar.update(value, { rate: rate(value, started) });
      bar.stop();
    },
  };
}

function plainProgress(io: CliIo, { label, unit, total, everyUnits = 10_000, everyMs = 5_000 }: ProgressOptions): Progress {
  const started = Date.now();
  let value = 0;
  let printedValue = 0;
  let printedAt = started;
  const line = () => `${label}: ${value}${total === null ? "" : `/${total}`} ${unit} (${rate(value, started)} ${unit}/s)\n`;
  return {
    advance: (by) => {
      value += by;
      const now = Date.now();
      if (value - printedValue >= everyUnits || now - printedAt >= everyMs) {
        io.stderr(line());
        printedValue = value;
        printedAt = now;
      }
    },
    done: () => io.stderr(line()),
  };
}

function rate(value: number, started: number): string {
  const seconds = (Date.now() - started) / 1000;
  return seconds <= 0 ? "0" : String(Math.round(value / seconds));
}
