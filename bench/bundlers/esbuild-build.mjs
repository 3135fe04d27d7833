// One esbuild build of the benchmark's project (bench/bundlers/bench-bundlers.mjs), as the
// README's esbuild recipe does it, with or without this package's plugin (dist/esbuild.js), or
// with a reference plugin that is called for every TypeScript module and does nothing (what
// any esbuild plugin that looks at TypeScript modules costs: esbuild asks the plugin's process
// about each one):
//
//   node esbuild-build.mjs <project dir> plain|plugin|warm|edit|edit-cold|empty
//
// plugin, warm, edit and edit-cold keep the plugin's results in <project dir>/.cache/<variant>
// (its cacheDir), which bench-bundlers.mjs empties before each build of plugin (a first build),
// leaves for warm, and takes one module's entry out of before edit and edit-cold (an edit).
import { createRequire } from "node:module";
import { join } from "node:path";
import * as esbuild from "esbuild";

const require = createRequire(import.meta.url);
const [dir, variant] = process.argv.slice(2);
const EMPTY = { name: "empty", setup: (build) => build.onLoad({ filter: /\.[cm]?tsx?$/, namespace: "file" }, () => undefined) };
const withPlugin = () => [require("../../dist/esbuild.js")({ cacheDir: join(dir, ".cache", variant) })];
const plugins = { plain: () => [], plugin: withPlugin, warm: withPlugin, edit: withPlugin, "edit-cold": withPlugin, empty: () => [EMPTY] }[variant]();
await esbuild.build({
  absWorkingDir: dir,
  entryPoints: ["src/index.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: join(dir, `dist/esbuild-${variant}/index.mjs`),
  tsconfig: join(dir, "tsconfig.bundle.json"),
  logLevel: "warning",
  plugins,
});
