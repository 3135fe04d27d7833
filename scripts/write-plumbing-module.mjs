// Writes dist/plumbing/module.mjs: the plumbing's module, the JavaScript that
// PLUMBING_MODULE_JS holds, as a file. webpack and Rspack bundle it through an
// alias of the specifier that rewritten modules import
// (transformer/frontends/bundlers/plugin.ts, aliasPlumbing); the other bundlers
// serve the same text as a virtual module. Run by `npm run build`, after tsc.
//
//   node scripts/write-plumbing-module.mjs

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const { PLUMBING_MODULE_JS } = createRequire(import.meta.url)("../dist/plumbing/index.js");
writeFileSync(fileURLToPath(new URL("../dist/plumbing/module.mjs", import.meta.url)), PLUMBING_MODULE_JS);
