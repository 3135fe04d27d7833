// webpack 5 (with ts-loader, transpileOnly) and Rspack 2 (with its built-in SWC loader), with
// ts-async-init/webpack and ts-async-init/rspack, set up as the README says
// (test/tools/bundlers/helpers.mjs). The README's commands run once each; the other builds
// run through run-webpack.mjs, which does what the command lines do, and watches.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { APP, assertInstalled, bin, checkInstallLine, EXPECTED, lineOf, plumbingCopies, recipe, run, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

const RUNNER = readFileSync(new URL("run-webpack.mjs", import.meta.url), "utf8");
const BROKEN = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
const WARNED = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport function notAClass(): void {}\n`;
const FAIL = '/** @asyncInit */\nexport class Fails {\n  async init(): Promise<void> {\n    throw new Error("init failed on purpose");\n  }\n}\n';
const FAIL_INDEX = `import { Fails } from "./fail";\n\nnew Fails().then(undefined, (error: Error) => console.log(error.stack));\n`;

/** The recipe's files for webpack or Rspack; the app's package.json makes webpack.config.js (and the bundle) CommonJS, as in most projects. */
const CONFIGS = {
  webpack: () => ({
    "webpack.config.js": recipe("webpack-plugin/webpack.config.js"),
    "tsconfig.json": recipe("webpack-plugin/tsconfig.json"),
  }),
  rspack: () => ({ "rspack.config.mjs": recipe("rspack/rspack.config.mjs") }),
};

/** Writes the app with `tool`'s recipe (and `files` over it) and builds it once; `args` are run-webpack.mjs's. */
function build(tool, name, files = {}, args = []) {
  const dir = writeApp(name, { ...APP, ...CONFIGS[tool](), "package.json": '{ "type": "commonjs" }\n', "run-webpack.mjs": RUNNER, ...files });
  return { dir, result: run(process.execPath, ["run-webpack.mjs", tool, ...args], { cwd: dir }) };
}

/** The app's bundle: it runs on Node 20 (await using lowered), prints the order, and holds the plumbing once. */
function checkBundle(t, dir) {
  const bundle = readFileSync(join(dir, "dist/main.js"), "utf8");
  t.is(plumbingCopies(bundle), 1);
  t.notRegex(bundle, /\bawait using\b/);
  const ran = run(process.execPath, ["dist/main.js"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), EXPECTED);
}

/** TS46001 fails the build, TS46003 does not; both messages start with file:line:col (1-based, since webpack prints no location of its own); an error in init maps to its .ts line. */
function checkDiagnosticsAndMaps(t, tool) {
  const failed = build(tool, `${tool}-error`, { "src/db.ts": BROKEN }).result;
  t.is(failed.code, 1, failed.output);
  t.regex(
    failed.stdout,
    new RegExp(
      `ERROR in \\./src/db\\.ts\\n.*Module Error \\(from .*unplugin.*\\):\\n.*/src/db\\.ts:${lineOf(BROKEN, "class Broken")}:14: TS46001: @asyncInit class 'Broken' has no method 'init'`,
    ),
  );

  const warned = build(tool, `${tool}-warning`, { "src/db.ts": WARNED });
  t.is(warned.result.code, 0, warned.result.output);
  t.regex(
    warned.result.stdout,
    new RegExp(
      `WARNING in \\./src/db\\.ts\\n.*Module Warning \\(from .*unplugin.*\\):\\n.*/src/db\\.ts:${lineOf(WARNED, "export function notAClass") - 1}:1: TS46003: @asyncInit only applies to a class`,
    ),
  );
  t.is(run(process.execPath, ["dist/main.js"], { cwd: warned.dir }).stdout.trim(), EXPECTED);

  const mapped = build(tool, `${tool}-map`, { "src/fail.ts": FAIL, "src/index.ts": FAIL_INDEX });
  t.is(mapped.result.code, 0, mapped.result.output);
  const ran = run(process.execPath, ["--enable-source-maps", "dist/main.js"], { cwd: mapped.dir });
  t.regex(ran.stdout, /init failed on purpose/);
  t.regex(ran.stdout, new RegExp(`webpack:///src/fail\\.ts:${lineOf(FAIL, "throw new Error")}:\\d+`), ran.output);
}

const FLAG = "/** @asyncInit */\nexport class Thing {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n";
/** An entry that awaits a Thing and says whether its init ran (CommonJS: no top-level await). */
const FLAG_INDEX = `import { Thing } from "./flag";\n\n(async () => {\n  const thing = new Thing();\n  await thing;\n  console.log(\`ready \${thing.ready}\`);\n})();\n`;

test("the README's install lines name the versions tested here", (t) => {
  checkInstallLine(t, "webpack-plugin/install");
  checkInstallLine(t, "rspack/install");
});

/** The README's build command for `tool` (`npx webpack && node … dist/main.js`), run with the project's own commands. */
function buildCommand(tool, name) {
  const dir = writeApp(name, { ...APP, ...CONFIGS[tool](), "package.json": '{ "type": "commonjs" }\n' });
  const [npx, ...args] = recipe(`${tool === "webpack" ? "webpack-plugin" : "rspack"}/build`)
    .trim()
    .split(" && ")[0]
    .split(" ");
  if (npx !== "npx") throw new Error(`the README's ${tool} command does not start with npx`);
  return { dir, result: run(bin(args[0]), args.slice(1), { cwd: dir }) };
}

test("the README's commands, npx webpack and npx rspack build: the bundles run on Node 20 and hold the plumbing once", (t) => {
  for (const tool of ["webpack", "rspack"]) {
    const { dir, result } = buildCommand(tool, `${tool}-cli`);
    t.is(result.code, 0, result.output);
    t.notRegex(result.output, /WARNING|ERROR|TS\d{4}/);
    checkBundle(t, dir);
  }
});

test("webpack + ts-loader (transpileOnly): the bundle runs on Node 20 and holds the plumbing once, with no warning", (t) => {
  const { dir, result } = build("webpack", "webpack");
  t.is(result.code, 0, result.output);
  t.notRegex(result.output, /WARNING|ERROR|TS\d{4}/);
  checkBundle(t, dir);
});

test("webpack and Rspack in a folder whose path has a # (webpack reads it as a fragment of a request): the bundles run and hold the plumbing once", (t) => {
  for (const tool of ["webpack", "rspack"]) {
    const { dir, result } = build(tool, `${tool}-c#-folder`);
    t.true(dir.includes("#"));
    t.is(result.code, 0, `${tool}: ${result.output}`);
    t.notRegex(result.output, /WARNING|ERROR|TS\d{4}/, tool);
    checkBundle(t, dir);
  }
});

test("webpack and Rspack with an include that takes every module (/.*/): the plumbing's own file is left as it is, with no warning, and the bundles run", (t) => {
  for (const tool of ["webpack", "rspack"]) {
    const [name, config] = Object.entries(CONFIGS[tool]())[0];
    const every = config.replace("tsAsyncInit()", "tsAsyncInit({ include: [/.*/] })");
    t.not(every, config, tool);
    const { dir, result } = build(tool, `${tool}-include-all`, { [name]: every });
    t.is(result.code, 0, `${tool}: ${result.output}`);
    t.notRegex(result.output, /WARNING|ERROR|TS\d{4}/, tool);
    checkBundle(t, dir);
  }
});

test("webpack with externals for every package (as webpack-node-externals makes them): the plumbing is still in the bundle", (t) => {
  // Every request that is no path is left to require() at run time.
  const externals = 'externals: [({ request }, callback) => (/^[^./]/.test(request) ? callback(null, "commonjs " + request) : callback())],';
  const config = recipe("webpack-plugin/webpack.config.js").replace('target: "node",', `target: "node",\n  ${externals}`);
  t.true(config.includes("externals"));
  const { dir, result } = build("webpack", "webpack-externals", { "webpack.config.js": config });
  t.is(result.code, 0, result.output);
  checkBundle(t, dir);
});

test("webpack: error TS46001 fails the build at file:line:col, warning TS46003 does not; source maps point at the .ts line", (t) => {
  checkDiagnosticsAndMaps(t, "webpack");
});

test('webpack and Rspack in mode "development", which write the bundle after an error: the module with error TS46001 throws when it loads, with the error, instead of running as written', (t) => {
  for (const tool of ["webpack", "rspack"]) {
    const config = Object.fromEntries(Object.entries(CONFIGS[tool]()).map(([name, text]) => [name, text.replace('mode: "production"', 'mode: "development"')]));
    t.not(JSON.stringify(config), JSON.stringify(CONFIGS[tool]()));
    const { dir, result } = build(tool, `${tool}-development-error`, { ...config, "src/db.ts": BROKEN });
    t.is(result.code, 1, result.output);
    t.regex(result.stdout, /TS46001: @asyncInit class 'Broken' has no method 'init'/, tool);
    const ran = run(process.execPath, ["dist/main.js"], { cwd: dir });
    t.not(ran.code, 0, tool);
    t.regex(
      ran.stderr,
      /Error: ts-async-init: \S*src\/db\.ts:\d+:14: TS46001: @asyncInit class 'Broken' has no method 'init'\..* \(not built: see the build's errors\)/,
      tool,
    );
    t.is(ran.stdout, "", tool);
  }
});

test("webpack + vue-loader: a component's <script lang=\"ts\"> with a tagged class, which vue-loader hands to the TypeScript loader after this plugin's, fails the build with error TS46011 at the tag (before: the class ran as written); a component without one builds and runs", (t) => {
  const config = CONFIGS.webpack()
    ["webpack.config.js"].replace(
      'const tsAsyncInit = require("ts-async-init/webpack");',
      'const tsAsyncInit = require("ts-async-init/webpack");\nconst { VueLoaderPlugin } = require("vue-loader");',
    )
    .replace(
      'rules: [{ test: /\\.ts$/, loader: "ts-loader", options: { transpileOnly: true } }],',
      'rules: [{ test: /\\.vue$/, loader: "vue-loader" }, { test: /\\.ts$/, loader: "ts-loader", options: { transpileOnly: true, appendTsSuffixTo: [/\\.vue$/] } }],',
    )
    .replace("plugins: [tsAsyncInit()],", "plugins: [tsAsyncInit(), new VueLoaderPlugin()],");
  t.regex(config, /VueLoaderPlugin\(\)/);
  t.regex(config, /appendTsSuffixTo/);
  const component = (script) => `<template><p>conn</p></template>\n<script lang="ts">\n${script}export default { name: "Comp" };\n</script>\n`;
  const index = 'import { Conn } from "./Comp.vue";\n\n(async () => {\n  const conn = await new Conn();\n  console.log("conn", conn.ok);\n})();\n';
  const files = (script) => ({ "webpack.config.js": config, "src/index.ts": index, "src/Comp.vue": component(script) });
  const tagged = "/** @asyncInit */\nexport class Conn {\n  ok = false;\n  async init(): Promise<void> {\n    this.ok = true;\n  }\n}\n";
  const failed = build("webpack", "webpack-vue-tagged", files(tagged)).result;
  t.is(failed.code, 1, failed.output);
  t.regex(
    failed.stdout,
    /src\/Comp\.vue:3:5: TS46011: ts-async-init never sees the TypeScript of this component's <script lang="ts">: webpack \(vue-loader hands the block to your TypeScript loader after this plugin's loader has run\) strips its types itself/,
  );

  const plain = "export class Conn {\n  ok = true;\n}\n";
  const { dir, result } = build("webpack", "webpack-vue-plain", files(plain));
  t.is(result.code, 0, result.output);
  t.is(run(process.execPath, ["dist/main.js"], { cwd: dir }).stdout, "conn true\n");
});

test("webpack handed ts-async-init/rspack: error TS46010 says to use ts-async-init/webpack, with no stack (before: a TypeError from inside unplugin)", (t) => {
  const config = CONFIGS.webpack()["webpack.config.js"].replace('require("ts-async-init/webpack")', 'require("ts-async-init/rspack")');
  t.not(config, CONFIGS.webpack()["webpack.config.js"]);
  const dir = writeApp("webpack-rspack-entry", { ...APP, ...CONFIGS.webpack(), "webpack.config.js": config, "package.json": '{ "type": "commonjs" }\n' });
  const result = run(bin("webpack"), [], { cwd: dir });
  t.not(result.code, 0);
  t.regex(
    result.output,
    /error TS46010: ts-async-init\/rspack is Rspack's plugin, and webpack was handed it\. In webpack\.config\.js, use ts-async-init\/webpack\./,
  );
  t.notRegex(result.output, /\n\s+at /, "no stack");
});

test("webpack + ts-loader without transpileOnly: ts-loader type-checks the rewritten text, and fails on the plumbing's import (TS2307), as the README says", (t) => {
  const config = recipe("webpack-plugin/webpack.config.js").replace("options: { transpileOnly: true } ", "");
  t.not(config, recipe("webpack-plugin/webpack.config.js"));
  const { result } = build("webpack", "webpack-checked", { "webpack.config.js": config });
  t.is(result.code, 1);
  t.regex(result.stdout, /TS2307: Cannot find module '\/@ts-async-init\/plumbing'/);
});

test("webpack watch: one build at start, and one per edit: removing the tag, then adding it back, changes the next bundle", (t) => {
  const { result } = build("webpack", "webpack-watch", { "src/flag.ts": FLAG, "src/index.ts": FLAG_INDEX }, ["--watch"]);
  t.is(result.code, 0, result.output);
  t.deepEqual(JSON.parse(result.stdout), { said: ["ready true", "ready false", "ready true"], builds: 3 });
});

test("rspack + builtin:swc-loader: the bundle runs on Node 20 and holds the plumbing once; TS46001 fails the build, TS46003 does not; source maps point at the .ts line; watch mode sees the tag removed and added back", (t) => {
  const { dir, result } = build("rspack", "rspack");
  t.is(result.code, 0, result.output);
  t.notRegex(result.output, /WARNING|ERROR|TS\d{4}/);
  checkBundle(t, dir);
  checkDiagnosticsAndMaps(t, "rspack");
  const watched = build("rspack", "rspack-watch", { "src/flag.ts": FLAG, "src/index.ts": FLAG_INDEX }, ["--watch"]).result;
  t.is(watched.code, 0, watched.output);
  t.deepEqual(JSON.parse(watched.stdout), { said: ["ready true", "ready false", "ready true"], builds: 3 });
});

test("webpack and Rspack: a module imported with a query (./flag?v=1) is rewritten, as the same module without one", (t) => {
  const index = FLAG_INDEX.replace('"./flag"', '"./flag?v=1"');
  t.not(index, FLAG_INDEX);
  for (const tool of ["webpack", "rspack"]) {
    const { dir, result } = build(tool, `${tool}-query`, { "src/flag.ts": FLAG, "src/index.ts": index });
    t.is(result.code, 0, result.output);
    const ran = run(process.execPath, ["dist/main.js"], { cwd: dir });
    t.is(ran.stderr, "", tool);
    t.is(ran.stdout.trim(), "ready true", tool);
  }
});

test('webpack and Rspack with the loader that strips the types in a rule of enforce: "pre": the plugin\'s loader still runs first, and the bundles run (before: the stripper ran first, and its JavaScript, with the TypeScript the rewrite then added, failed to parse)', (t) => {
  // (webpack parses a "pre" rule's output of a package of type commonjs as CommonJS unless the rule says otherwise.)
  const pre = (config, rule) => {
    const changed = config.replace(rule, `enforce: "pre", type: "javascript/auto", ${rule}`);
    t.not(changed, config);
    return changed;
  };
  const configs = {
    webpack: { "webpack.config.js": pre(recipe("webpack-plugin/webpack.config.js"), 'test: /\\.ts$/, loader: "ts-loader"') },
    rspack: { "rspack.config.mjs": pre(recipe("rspack/rspack.config.mjs"), 'test: /\\.ts$/,\n        loader: "builtin:swc-loader"') },
  };
  for (const tool of ["webpack", "rspack"]) {
    const { dir, result } = build(tool, `${tool}-pre-loader`, configs[tool]);
    t.is(result.code, 0, result.output);
    t.notRegex(result.output, /WARNING|ERROR|TS\d{4}/, tool);
    checkBundle(t, dir);
  }
});
