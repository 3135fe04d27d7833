// Writes dist/build-id.txt: a hash of every .js file of dist/ (their paths and contents),
// which names this build of the package. The cache of rewritten modules
// (transformer/frontends/cache.ts) keys its entries by it, so that another version, or a
// rebuilt one, never reads back what this one wrote; a process reads one small file for it
// instead of hashing the package. Run by `npm run build`, after tsc.
//
//   node scripts/build-id.mjs

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const files = readdirSync(DIST, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith(".js"))
  .sort();
const digest = createHash("sha256");
for (const file of files)
  digest
    .update(file)
    .update("\0")
    .update(readFileSync(join(DIST, file)))
    .update("\0");
writeFileSync(join(DIST, "build-id.txt"), `${digest.digest("hex")}\n`);
