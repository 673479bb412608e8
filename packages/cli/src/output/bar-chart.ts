export interface Bar {
  readonly label: string;
  readonly value: number;
  /** What is printed after the bar, e.g. the formatted amount. */
  readonly caption: string;
}

// Eighths of a character cell, so bars of close values still differ.
const PARTIALS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/**
 * A horizontal bar chart in plain unicode: one line per bar, the longest `width` cells. Zero and
 * negative values draw no bar.
 */
export function barChart(bars: readonly Bar[], width = 40): string {
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  const labelWidth = Math.max(0, ...bars.map((bar) => bar.label.length));
  return bars
    .map((bar) => {
      const eighths = max === 0 || bar.value <= 0 ? 0 : Math.max(1, Math.round((bar.value / max) * width * 8));
      const drawn = "█".repeat(Math.floor(eighths / 8)) + PARTIALS[eighths % 8];
      return `${bar.label.padEnd(labelWidth)} │${drawn.padEnd(width)} ${bar.caption}\n`;
    })
    .join("");
}
