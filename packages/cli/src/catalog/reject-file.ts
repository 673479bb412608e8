import { csvLine } from "../output/csv-line.js";
import { fileSink, type TextSink } from "../output/text-sink.js";
import { REJECT_COLUMNS } from "./catalog-columns.js";

export interface Rejection {
  readonly rowNumber: number;
  /** The column at fault, as the import format spells it. */
  readonly field: string;
  readonly reason: string;
  /** The row's original values (CSV fields, or the JSONL line). */
  readonly original: readonly string[];
}

/**
 * The CSV of rejected rows: row, field and reason, then the row's values under the source's
 * own header (a JSONL source's line goes in one `record` column). Created on the first
 * rejection only; an import without one leaves no file behind.
 */
export class RejectFile {
  private sink: Promise<TextSink> | undefined;
  private written = 0;

  constructor(
    readonly path: string,
    private readonly sourceHeader: readonly string[] | null,
  ) {}

  get count(): number {
    return this.written;
  }

  async add({ rowNumber, field, reason, original }: Rejection): Promise<void> {
    this.sink ??= this.open();
    const sink = await this.sink;
    this.written += 1;
    await sink.write(csvLine([String(rowNumber), field, reason, ...original]));
  }

  async close(): Promise<void> {
    if (this.sink !== undefined) await (await this.sink).close();
  }

  private async open(): Promise<TextSink> {
    const sink = await fileSink(this.path);
    await sink.write(csvLine([...REJECT_COLUMNS, ...(this.sourceHeader ?? ["record"])]));
    return sink;
  }
}
