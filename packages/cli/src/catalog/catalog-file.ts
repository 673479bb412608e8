import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { parse, type CsvError, type Info } from "csv-parse";
import { CliError } from "../cli-error.js";
import { ExitCode } from "../exit-codes.js";
import type { CatalogRecord } from "./catalog-record.js";
import { jsonToRecord } from "./jsonl-record.js";

export const CATALOG_FORMATS = ["csv", "jsonl"] as const;
export type CatalogFormat = (typeof CATALOG_FORMATS)[number];

/** One row of a catalogue file: its record, or why it cannot be read, and its original text for the reject file. */
export interface SourceRecord {
  /** The line the row starts on (a CSV header is line 1). */
  readonly rowNumber: number;
  /** CSV: the fields as read. JSONL: the line. */
  readonly original: readonly string[];
  readonly outcome:
    { readonly ok: true; readonly record: CatalogRecord } | { readonly ok: false; readonly field: string; readonly reason: string };
}

export interface CatalogFile {
  readonly format: CatalogFormat;
  /** CSV: the header row. JSONL: null (each line names its own keys). */
  readonly header: readonly string[] | null;
  /** A fresh pass over the rows after the header; call it once per pass. */
  records(): AsyncGenerator<SourceRecord>;
}

/** The format `--format` names, else the one the extension implies (.csv; .jsonl or .ndjson). */
export function catalogFormatOf(path: string, explicit: CatalogFormat | undefined): CatalogFormat {
  if (explicit !== undefined) return explicit;
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") return "csv";
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  throw new CliError(`cannot tell the format of ${path} from its extension; name it with --format csv or --format jsonl`, ExitCode.usage);
}

/** Opens a catalogue file and reads its header (CSV); the rows are read by `records()`, as many times as needed. */
export async function openCatalogFile(path: string, format: CatalogFormat): Promise<CatalogFile> {
  await access(path).catch(() => {
    throw new CliError(`cannot read ${path}: no such file, or not readable`, ExitCode.invalid);
  });
  if (format === "jsonl") return { format, header: null, records: () => jsonlRecords(path) };
  const header = await csvHeader(path);
  if (header === null) throw new CliError(`${path} is empty: a CSV import needs a header row`, ExitCode.invalid);
  return { format, header, records: () => csvRecords(path, header) };
}

interface ParsedCsv {
  readonly record: string[];
  readonly info: Info;
}

function csvParser(path: string, onSkip: (error: CsvError | undefined, raw: string | undefined) => void) {
  // Lenient where a hand-edited file often slips (a stray quote, a short row); such rows are
  // rejected with their values rather than ending the import.
  const parser = parse({
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    info: true,
    raw: true,
    on_skip: (error, raw) => {
      onSkip(error, raw);
      return undefined;
    },
  });
  const source = createReadStream(path);
  source.on("error", (error) => parser.destroy(error));
  return source.pipe(parser);
}

async function csvHeader(path: string): Promise<string[] | null> {
  const parser = csvParser(path, () => undefined);
  try {
    for await (const { record } of parser as AsyncIterable<ParsedCsv>) return record.map((column) => column.trim());
    return null;
  } finally {
    parser.destroy();
  }
}

async function* csvRecords(path: string, header: readonly string[]): AsyncGenerator<SourceRecord> {
  // A record the parser gives up on is reported at its place: after the `records` parsed before it.
  const skipped: { readonly after: number; readonly line: number; readonly reason: string; readonly raw: string }[] = [];
  const parser = csvParser(path, (error, raw) => {
    skipped.push({
      after: typeof error?.records === "number" ? error.records : Number.MAX_SAFE_INTEGER,
      line: typeof error?.lines === "number" ? error.lines : 0,
      reason: error?.message ?? "cannot be parsed",
      raw: (raw ?? "").replace(/\r?\n$/, ""),
    });
  });
  const unreadable = ({ line, reason, raw }: (typeof skipped)[number]): SourceRecord => ({
    rowNumber: line,
    original: [raw],
    outcome: { ok: false, field: "row", reason: `is not valid CSV: ${reason}` },
  });
  for await (const { record, info } of parser as AsyncIterable<ParsedCsv>) {
    while (skipped[0] !== undefined && skipped[0].after < info.records) yield unreadable(skipped.shift()!);
    if (info.records === 1) continue;
    yield { rowNumber: firstLine(record, info), original: record, outcome: csvOutcome(record, header) };
  }
  for (const skip of skipped) yield unreadable(skip);
}

// The parser counts lines up to the end of a record; a quoted field may span several.
function firstLine(record: readonly string[], info: Info): number {
  const breaks = record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
  return info.lines - breaks;
}

function csvOutcome(fields: readonly string[], header: readonly string[]): SourceRecord["outcome"] {
  if (fields.length !== header.length) {
    return { ok: false, field: "row", reason: `has ${fields.length} fields where the header has ${header.length}` };
  }
  const record: Record<string, string> = {};
  header.forEach((column, index) => (record[column] = fields[index] ?? ""));
  return { ok: true, record };
}

async function* jsonlRecords(path: string): AsyncGenerator<SourceRecord> {
  const source = createReadStream(path, { encoding: "utf8" });
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let rowNumber = 0;
  for await (const raw of lines) {
    rowNumber += 1;
    const line = rowNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield {
        rowNumber,
        original: [line],
        outcome: { ok: false, field: "line", reason: `is not valid JSON: ${(error as Error).message}` },
      };
      continue;
    }
    const flattened = jsonToRecord(value);
    yield {
      rowNumber,
      original: [line],
      outcome: flattened.ok ? { ok: true, record: flattened.record } : { ok: false, field: flattened.field, reason: flattened.reason },
    };
  }
}
