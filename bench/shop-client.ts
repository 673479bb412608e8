/** The few API calls the bench makes to set itself up (not under load): plain fetch, every answer checked. */
export class ShopClient {
  constructor(readonly baseUrl: string) {}

  async request<T>(
    method: string,
    path: string,
    { token, body, expect = [200] }: RequestOptions = {},
  ): Promise<{ status: number; body: T; bytes: number }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!expect.includes(response.status))
      throw new Error(`${method} ${path} answered ${response.status}, expected ${expect.join(" or ")}: ${text.slice(0, 300)}`);
    return { status: response.status, body: (text === "" ? null : JSON.parse(text)) as T, bytes: Buffer.byteLength(text) };
  }

  async register(email: string, password: string, name: string): Promise<string> {
    const { body } = await this.request<{ accessToken: string }>("POST", "/v1/auth/register", {
      body: { email, password, name },
      expect: [201],
    });
    return body.accessToken;
  }

  async login(email: string, password: string): Promise<string> {
    const { body } = await this.request<{ accessToken: string }>("POST", "/v1/auth/login", { body: { email, password } });
    return body.accessToken;
  }

  async adjustStock(adminToken: string, sku: string, delta: number): Promise<void> {
    await this.request("POST", `/v1/admin/inventory/${encodeURIComponent(sku)}/adjust`, {
      token: adminToken,
      body: { delta, reason: "restock", note: "bench" },
    });
  }

  /** Follows nextCursor from `path` to page `page` (1-based), or to the last page if there are fewer; returns that page's path. */
  async pagePath(path: string, page: number): Promise<{ path: string; page: number }> {
    let current = path;
    let reached = 1;
    while (reached < page) {
      const { body } = await this.request<{ nextCursor: string | null }>("GET", current);
      if (body.nextCursor === null) break;
      current = `${path}&cursor=${encodeURIComponent(body.nextCursor)}`;
      reached += 1;
    }
    return { path: current, page: reached };
  }

  async rootCategorySlug(): Promise<string> {
    const { body } = await this.request<{ items: { slug: string }[] }>("GET", "/v1/categories");
    const first = body.items[0];
    if (first === undefined) throw new Error("GET /v1/categories returned no category; was the catalogue seeded?");
    return first.slug;
  }
}

interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly expect?: readonly number[];
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
