/** How a generated request identifies itself, which decides the statuses a route may answer without declaring them. */
export type AuthMode = "none" | "customer" | "admin" | "forged" | "malformed-header";
export type BodyKind = "none" | "json" | "not-json";

/** A request generated from the document, ready to send in-process or over HTTP. */
export interface ApiRequest {
  readonly method: string;
  /** Path with its query string. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly auth: AuthMode;
  readonly bodyKind: BodyKind;
  /** What differs from a valid request, for the failure report ("body.quantity: wrong type"). */
  readonly mutations: readonly string[];
}

export interface ApiResponse {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

type Fetcher = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Sends a generated request through `fetch` or `app.request` and reads the whole answer. */
export async function send(fetcher: Fetcher, request: ApiRequest): Promise<ApiResponse> {
  const res = await fetcher(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return { status: res.status, contentType: res.headers.get("Content-Type") ?? "", text: await res.text() };
}

const clip = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** A request and its answer on a few lines, for failure messages. */
export function describeExchange(request: ApiRequest, response: ApiResponse): string {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${name.toLowerCase() === "authorization" ? `${value.slice(0, 20)}…` : clip(value, 80)}`)
    .join("; ");
  return [
    `${request.method} ${clip(request.url, 160)}  [auth ${request.auth}; ${request.mutations.join(", ") || "valid"}]`,
    headers === "" ? "" : `  headers: ${headers}`,
    request.body === undefined ? "" : `  body: ${clip(request.body, 300)}`,
    `  → ${response.status} ${response.contentType} ${clip(response.text)}`,
  ]
    .filter((line) => line !== "")
    .join("\n");
}
