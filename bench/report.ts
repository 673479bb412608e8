import type { BenchResult, ProfileResult } from "./bench-result.js";
import type { MachineInfo } from "./machine-info.js";
import { percent } from "./targets.js";

/** The markdown tables of one profile: endpoints, then targets, then the other figures. */
export function profileMarkdown({ profile: p, settings }: BenchResult): string {
  const lines: string[] = [];
  lines.push(`### ${p.profile} profile — ${describeServices(p)}`, "");
  lines.push(
    `${p.products.toLocaleString("en")} products; ${settings.connections} connections, ${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s per endpoint` +
      (p.pageBytes === null ? "" : `; baseline body ${p.pageBytes} bytes (the first product page)`) +
      ".",
    "",
  );
  if (p.failure !== null) lines.push(`**The run failed:** ${p.failure}`, "");
  lines.push(
    "| endpoint | server | req/s | p50 ms | p99 ms | × baseline | errors | CPU ms/req | × baseline by CPU | RSS max MB |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const row of p.rows) {
    const perSecond =
      row.loopsPerSecond === null ? `${row.requestsPerSecond}` : `${row.requestsPerSecond} (${row.loopsPerSecond} orders/s)`;
    const ratio = (value: number | null) => (value === null ? "—" : percent(value));
    lines.push(
      `| ${row.endpoint} | ${row.server} | ${perSecond} | ${row.p50Ms} | ${row.p99Ms} | ${ratio(row.ratio)} | ${row.errors} | ${row.serverCpuMsPerRequest ?? "—"} | ${ratio(row.cpuRatio)} | ${row.serverRssMaxMb ?? "—"} |`,
    );
  }
  const verdict = (met: boolean | null, absent: string) => (met === null ? absent : met ? "met" : "**missed**");
  lines.push("", "| target | figure | result | by CPU per request |", "|---|---|---|---|");
  for (const target of p.targets) {
    lines.push(`| ${target.name} | ${target.figure} | ${verdict(target.met, "not measured")} | ${verdict(target.metByCpu, "—")} |`);
  }
  lines.push("");
  const facts: string[] = [];
  if (p.seedSeconds !== null)
    facts.push(`seeding ${p.products.toLocaleString("en")} products with \`emporium seed --demo\`: ${p.seedSeconds} s`);
  if (p.coldStartMs !== null) facts.push(`cold start (spawn to first 200 of /healthz): ${p.coldStartMs} ms`);
  for (const [name, memory] of Object.entries(p.memory)) {
    facts.push(`${name} RSS: ${memory.idle?.rssMb ?? "?"} MB idle, ${memory.end?.peakMb ?? "?"} MB peak`);
  }
  if (p.oversell !== null) {
    const o = p.oversell;
    facts.push(
      `checkout audit: ${o.paidOrders} orders paid (${o.paidUnits} units), ${o.unitsOutOfStock} units left stock, ${o.pendingOrders} orders still pending (cut off at the end of a run), ` +
        (o.problems.length === 0 ? "stock and orders agree" : `**${o.problems.length} problems**: ${o.problems.slice(0, 3).join("; ")}`),
    );
  }
  if (p.import !== null) {
    facts.push(
      p.import.seconds === null
        ? `import: not run (${p.import.problem ?? "?"})`
        : `import of ${p.import.rows.toLocaleString("en")} CSV rows: ${p.import.seconds} s${p.import.problem === null ? "" : ` (${p.import.problem})`}`,
    );
  }
  for (const note of p.notes) facts.push(note);
  for (const row of p.rows) if (row.firstFailure !== null) facts.push(`first failure of ${row.endpoint}: ${row.firstFailure}`);
  for (const row of p.rows) {
    if (row.warmupTimeouts > 0)
      facts.push(
        `${row.endpoint}: ${row.warmupTimeouts} requests of the warm-up (cold server, all connections at once) timed out after 10 s`,
      );
  }
  lines.push(...facts.map((fact) => `- ${fact}`), "");
  return lines.join("\n");
}

export function machineMarkdown(machine: MachineInfo, startedAt: string): string {
  const [one, five, fifteen] = machine.loadAverageAtStart;
  return (
    `Run ${startedAt} on ${machine.nproc} × ${machine.cpuModel}, ${Math.round(machine.memoryMb / 1024)} GiB memory, Node ${machine.node}, Linux ${machine.kernel}; ` +
    `load average at start ${one} / ${five} / ${fifteen} (1 / 5 / 15 min).`
  );
}

function describeServices(p: ProfileResult): string {
  const s = p.services as { database?: string; redis?: boolean; rabbitmq?: boolean; worker?: boolean };
  const parts = [s.database === "postgres" ? "PostgreSQL" : "SQLite"];
  parts.push(s.redis ? "Redis cache and rate limiter" : "in-process cache and rate limiter");
  parts.push(s.rabbitmq ? "RabbitMQ with one worker process" : "in-process events");
  return parts.join(", ");
}
