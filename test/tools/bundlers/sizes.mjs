// What the plumbing costs in a minified bundle: `vite build` (build.minify on, the
// default browser target) of the app of app/ as users build it, for the README's
// "Vite (and vitest)" section. Needs the packed package in this project (npm run pretest).
//
//   node test/tools/bundlers/sizes.mjs
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { transform } from "ts-async-init/api";
import tsAsyncInit from "ts-async-init/vite";
import { build } from "vite";

/** The same rewrite, with the plumbing inserted into each module that needs it (what the API does by default). */
const inlined = {
  name: "ts-async-init-inlined",
  enforce: "pre",
  transform(code, id) {
    if (!/\.ts$/.test(id)) return null;
    const result = transform(code, id);
    return result.map ? { code: result.code, map: result.map } : null;
  },
};

const app = mkdtempSync(join(tmpdir(), "ts-async-init-sizes-"));
cpSync(new URL("app", import.meta.url), join(app, "src"), { recursive: true });
rmSync(join(app, "src/order.test.ts"));
// Its tsconfig.json extends this repository's, which is not there in the copy: the app builds with Vite's defaults.
rmSync(join(app, "src/tsconfig.json"));
writeFileSync(join(app, "index.html"), `<script type="module" src="/src/index.ts"></script>\n`);

const variants = [
  ["the app as written, without the plugin (the tags are comments; it does not run right)", []],
  ["with the plugin: the plumbing imported once", [tsAsyncInit()]],
  ["the same rewrite, the plumbing inlined in each module that needs it (2)", [inlined]],
];
const rows = [];
for (const [what, plugins] of variants) {
  const output = await build({ root: app, configFile: false, logLevel: "silent", plugins, build: { write: false, minify: true } });
  const js = output.output
    .filter((chunk) => chunk.type === "chunk")
    .map((chunk) => chunk.code)
    .join("");
  rows.push(`| ${what} | ${js.length} | ${gzipSync(js).length} |`);
}
rmSync(app, { recursive: true, force: true });
console.log(["| bundle | bytes | gzip |", "| --- | ---: | ---: |", ...rows].join("\n"));
