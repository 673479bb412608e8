// Bundles the compiled server and worker into one ES module each (packages/*/dist/*.bundle.mjs),
// which is what `npm start` and `npm run worker` run. Node resolves, reads and compiles one file
// instead of several hundred, which roughly halves the time from process start to the first
// answered request. Native and lazily loaded packages stay outside the bundle.
import { build } from "esbuild";
import { fileURLToPath, URL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

const external = [
  "better-sqlite3", // native addon
  "@node-rs/argon2", // native addon, picks its binary at run time
  "pg-native", // optional native driver pg probes for
  "@elastic/elasticsearch", // loaded on first use, only with ELASTICSEARCH_URL
  "stripe", // only with STRIPE_SECRET_KEY
];

const entries = [
  { entry: "packages/http/dist/main.js", outfile: "packages/http/dist/server.bundle.mjs" },
  { entry: "packages/worker/dist/main.js", outfile: "packages/worker/dist/worker.bundle.mjs" },
];

for (const { entry, outfile } of entries) {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    external,
    // CommonJS packages inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __emporiumRequire } from 'node:module'; const require = __emporiumRequire(import.meta.url);" },
    logLevel: "warning",
  });
}
