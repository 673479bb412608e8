/**
 * A JSON object shaped like a product page ({ items, nextCursor }) whose serialization is
 * exactly `bytes` long, so the baseline sends as much as the endpoint it is compared with.
 */
export function jsonOfSize(bytes: number): Record<string, unknown> {
  const item = { id: "prd_0000000000", slug: "classic-tee", name: "Classic Tee", price: { min: { amount: 1999, currency: "USD" } } };
  const items: unknown[] = [];
  const frame = { items, nextCursor: "" };
  while (JSON.stringify(frame).length + JSON.stringify(item).length + 1 < bytes) items.push(item);
  const missing = bytes - JSON.stringify(frame).length;
  if (missing < 0)
    throw new Error(`a product-page-shaped JSON body needs at least ${JSON.stringify(frame).length} bytes, asked for ${bytes}`);
  frame.nextCursor = "x".repeat(missing);
  return frame;
}
