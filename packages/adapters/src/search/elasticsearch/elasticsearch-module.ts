import { createRequire } from "node:module";
import type * as Elasticsearch from "@elastic/elasticsearch";

const require = createRequire(import.meta.url);

/**
 * @elastic/elasticsearch, loaded on first use. The client and its transport are the largest
 * dependency of the adapters (about a fifth of the server's start-up CPU), and a shop without
 * ELASTICSEARCH_URL never needs them. The package is CommonJS only, so this is the same module
 * instance an `import` would give.
 */
export const elasticsearchModule = (): typeof Elasticsearch => require("@elastic/elasticsearch") as typeof Elasticsearch;
