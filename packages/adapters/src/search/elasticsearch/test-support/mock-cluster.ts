import { Client, errors } from "@elastic/elasticsearch";
import MockModule, { type MockPattern } from "@elastic/elasticsearch-mock";

// A CommonJS module whose typings declare an ES default export: at run time the default import is the class itself.
const Mock = MockModule as unknown as typeof MockModule.default;

/** One request as the mock saw it: body parsed, ndjson bodies as an array of lines. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly querystring: Record<string, string>;
  readonly body: unknown;
}

type Reply = Record<string, unknown> | errors.ResponseError;

/**
 * A client whose HTTP layer is @elastic/elasticsearch-mock: routes answer with
 * canned bodies or status errors, and every request that reached a route is
 * recorded in order, for request-shape assertions. Unrouted requests get 404.
 */
export function mockCluster() {
  const mock = new Mock();
  const requests: RecordedRequest[] = [];
  const client = new Client({ node: "http://localhost:9200", Connection: mock.getConnection(), maxRetries: 0 });
  return {
    client,
    requests,
    /** Routes `method path` to `reply` (replacing an earlier route), called with the request, so it can vary per call. */
    on(method: string, path: string, reply: (request: RecordedRequest) => Reply) {
      if (mock.get({ method, path }) !== null) mock.clear({ method, path });
      mock.add({ method, path }, (params: MockPattern) => {
        const request = params as unknown as RecordedRequest;
        requests.push(request);
        return reply(request) as Record<string, unknown>;
      });
    },
    /** The recorded requests as "METHOD /path", to assert on the order of a flow. */
    calls: () => requests.map((request) => `${request.method} ${request.path}`),
  };
}

/** A reply with an HTTP error status, as the cluster sends it. */
export function statusError(statusCode: number, type: string): errors.ResponseError {
  return new errors.ResponseError({
    body: { error: { type, reason: `${type} (test)` }, status: statusCode },
    statusCode,
    headers: {},
    warnings: null,
    meta: {} as errors.ResponseError["meta"]["meta"],
  });
}
