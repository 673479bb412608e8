import type { ApiRequest, ApiResponse } from "./api-request.js";
import type { Operation } from "./openapi-document.js";

/**
 * Statuses that the shared middleware can answer on any route, so a route's `default` problem
 * response stands for them instead of each route listing them. Anything else a route answers
 * must be listed under its own status code.
 */
export const CROSS_CUTTING_STATUSES: readonly {
  readonly status: number;
  readonly when: (request: ApiRequest) => boolean;
  readonly reason: string;
}[] = [
  {
    status: 401,
    when: (r) => r.auth === "forged" || r.auth === "malformed-header",
    reason: "authenticate refuses a bad Authorization header on every /v1 route",
  },
  { status: 400, when: (r) => r.bodyKind === "not-json", reason: "the JSON body parser refuses a body that is not JSON" },
  { status: 413, when: () => true, reason: "the body limit applies to every route" },
  { status: 429, when: () => true, reason: "rate limits apply to every /v1 route" },
];

const PROBLEM_JSON = "application/problem+json";
const mediaType = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase();

function problemViolations(response: ApiResponse): string[] {
  if (mediaType(response.contentType) !== PROBLEM_JSON)
    return [`a ${response.status} must be ${PROBLEM_JSON}, got "${response.contentType}"`];
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return ["the problem body is not JSON"];
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return ["the problem body is not an object"];
  const problem = body as Record<string, unknown>;
  const missing = (["type", "title", "code"] as const).filter((field) => typeof problem[field] !== "string" || problem[field] === "");
  const violations = missing.map((field) => `the problem has no string "${field}"`);
  if (problem["status"] !== response.status)
    violations.push(`the problem's status ${String(problem["status"])} is not the response's ${response.status}`);
  return violations;
}

/** Whether the document declares this status for the operation, or its `default` covers it as cross-cutting. */
export function isDeclared(op: Operation, request: ApiRequest, status: number): boolean {
  if (op.responses[String(status)] !== undefined || op.responses[`${Math.floor(status / 100)}XX`] !== undefined) return true;
  return op.responses["default"] !== undefined && CROSS_CUTTING_STATUSES.some((c) => c.status === status && c.when(request));
}

/**
 * What is wrong with an answer, by the contract every route keeps: never a 5xx, only statuses
 * the document declares (with a declared content type), and every 4xx a problem document
 * with `type`, `title`, `status` and `code`.
 */
export function contractViolations(op: Operation, request: ApiRequest, response: ApiResponse): string[] {
  const { status } = response;
  const violations: string[] = [];
  if (status >= 500) violations.push(`server error ${status}`);
  if (!isDeclared(op, request, status)) {
    violations.push(`status ${status} is not declared for ${op.key} (declared: ${Object.keys(op.responses).join(", ")})`);
  } else {
    const declared = op.responses[String(status)]?.content;
    const type = mediaType(response.contentType);
    if (declared !== undefined && response.text !== "" && !(type in declared)) {
      violations.push(`content type "${type}" is not declared for ${status} (declared: ${Object.keys(declared).join(", ")})`);
    }
  }
  if (status >= 400 && status < 500) violations.push(...problemViolations(response));
  return violations;
}
