/** One CSV record (RFC 4180): a field is quoted when it holds a comma, a quote or a line break; quotes are doubled. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
