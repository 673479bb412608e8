#!/usr/bin/env node
// npm links bins when it installs, before the TypeScript build exists; a link to dist/main.js
// would be skipped on a fresh clone. So the bin is this committed file, which loads the build.
import { existsSync } from "node:fs";
import process from "node:process";
import { URL } from "node:url";

const main = new URL("../dist/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("emporium: the CLI is not built yet; run `npm run build` in the repository first\n");
  process.exit(1);
}
await import(main.href);
