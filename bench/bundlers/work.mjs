// What the plugin itself does during a build of the benchmark's project, alone in a fresh
// process (no bundler beside it, so its CPU time is its own): prints JSON
// `{ "ms": CPU time, "calls": … }`. Loading the plugin's module is left out (it is small); the
// first call that needs TypeScript loads it, as in a build, and that is counted.
//
//   node work.mjs <project dir> vite      the Vite plugin's transform of each module that
//                                         mentions the tag or `await using` (Vite 8 hands it
//                                         no other: its filter runs in Rolldown)
//   node work.mjs <project dir> esbuild   the esbuild plugin's loader, called for every
//                                         TypeScript module, as esbuild calls it
//
// A third argument, a folder, is the plugin's cacheDir (its results kept between runs: a run after
// one that filled it reads them back); without it, the plugin keeps nothing (cacheDir: false).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const [dir, tool, cacheDir = false] = process.argv.slice(2);
const files = readdirSync(join(dir, "src"), { recursive: true })
  .map((f) => join(dir, "src", String(f)))
  .filter((f) => f.endsWith(".ts"));
const fail = (message) => {
  throw new Error(typeof message === "string" ? message : message.message);
};

let calls = 0;
let start;
if (tool === "vite") {
  const plugin = require("../../dist/vite.js")({ cacheDir });
  // Reading the modules and the code filter are Vite's (Rolldown's) work, not the plugin's.
  const mentions = (code) => plugin.transform.filter.code.include.some((pattern) => pattern.test(code));
  const modules = files.map((file) => [file, readFileSync(file, "utf8")]).filter(([, code]) => mentions(code));
  start = process.cpuUsage();
  for (const [file, code] of modules) {
    calls++;
    plugin.transform.handler.call({ error: fail, warn: fail }, code, file);
  }
} else {
  const loaders = [];
  const build = { initialOptions: {}, onStart() {}, onEnd() {}, onResolve() {}, onLoad: (options, callback) => loaders.push({ options, callback }) };
  await require("../../dist/esbuild.js")({ cacheDir }).setup(build);
  const load = loaders.find(({ options }) => options.filter.test("module.ts") && options.namespace === "file").callback;
  // The plugin reads each module itself: that is its work.
  start = process.cpuUsage();
  for (const file of files) {
    calls++;
    const result = load({ path: file, namespace: "file", suffix: "", pluginData: undefined, with: {} });
    if (result?.errors?.length) fail(result.errors[0].text);
  }
}
const used = process.cpuUsage(start);
console.log(JSON.stringify({ ms: (used.user + used.system) / 1000, calls }));
