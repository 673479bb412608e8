/** Groups rows by a key, mapping each row; keeps the rows' order within each group. */
export function groupBy<R, V>(rows: readonly R[], keyOf: (row: R) => string, map: (row: R) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [map(row)]);
    else group.push(map(row));
  }
  return groups;
}
