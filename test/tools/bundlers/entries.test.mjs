// The bundler entries of the packed package (ts-async-init/vite, /rolldown, /rollup,
// /esbuild, /webpack, /rspack, /bun), as CommonJS and ES module consumers load them,
// and as TypeScript types them.
import test from "ava";
import { assertInstalled, bin, run, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

const ENTRIES = ["vite", "rolldown", "rollup", "esbuild", "webpack", "rspack", "bun"];

test("require() and import give the same function (also as .default) for every entry; it makes the bundler's plugin", (t) => {
  const check = `
    const { createRequire } = require("node:module");
    (async () => {
      const seen = {};
      for (const entry of ${JSON.stringify(ENTRIES)}) {
        const required = require("ts-async-init/" + entry);
        const imported = await import("ts-async-init/" + entry);
        // Bun's plugin can only be made inside Bun.
        const plugin = entry === "bun" ? undefined : required();
        seen[entry] = {
          fn: typeof required,
          sameDefault: required.default === required,
          sameImport: imported.default === required,
          made: plugin === undefined ? null : plugin.name ?? (typeof plugin.apply === "function" ? "apply" : typeof plugin),
          pre: plugin?.enforce,
          // Handed to the bundler, which evaluates it natively (Rolldown, Vite, Rollup 4.40+).
          filter: plugin?.transform?.filter && Object.keys(plugin.transform.filter),
        };
      }
      console.log(JSON.stringify(seen));
    })();
  `;
  const dir = writeApp("entries", { "check.cjs": check });
  const result = run(process.execPath, ["check.cjs"], { cwd: dir });
  t.is(result.stderr, "");
  const same = { fn: "function", sameDefault: true, sameImport: true };
  t.deepEqual(JSON.parse(result.stdout), {
    vite: { ...same, made: "ts-async-init", pre: "pre", filter: ["id", "code"] },
    rolldown: { ...same, made: "ts-async-init", pre: "pre", filter: ["id", "code"] },
    rollup: { ...same, made: "ts-async-init", pre: "pre", filter: ["id", "code"] },
    esbuild: { ...same, made: "ts-async-init" },
    webpack: { ...same, made: "apply" },
    rspack: { ...same, made: "apply" },
    bun: { ...same, made: null },
  });
});

test("TypeScript types the default import (bundler and nodenext resolution), import = require (node10 resolution too, through typesVersions), the Options type, and a config's declaration (each plugin's type has a name), with skipLibCheck off: the types read no package of unplugin's", (t) => {
  const dir = writeApp("entries-types", {
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] },
      include: ["*.ts", "*.mts", "*.cts"],
    }),
    "bundler/tsconfig.json": JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "esnext",
        moduleResolution: "bundler",
        strict: true,
        exactOptionalPropertyTypes: true,
        noEmit: true,
        skipLibCheck: false,
        types: ["node"],
      },
      include: ["*.ts"],
    }),
    "bundler/vite.config.ts": `import { defineConfig } from "vite";
import tsAsyncInit, { type Options } from "ts-async-init/vite";

const options: Options = { initMethod: "setup", include: [/\\.ts$/], exclude: "**/vendor/**" };
// @ts-expect-error: initMethod is a string (the types are not any)
tsAsyncInit({ initMethod: 1 });
// Another TypeScript than the one installed (@typescript/typescript6 next to TypeScript 7), typed by its own version's types.
declare const otherTypeScript: { version: "6.0.2"; versionMajorMinor: "6.0"; createSourceFile(): unknown };
// Options left undefined, as the plugin takes them, under exactOptionalPropertyTypes.
const unset: Options = { initMethod: undefined, target: undefined, typescript: undefined, cacheDir: undefined };
export default defineConfig({ plugins: [tsAsyncInit(options), tsAsyncInit(), tsAsyncInit({ typescript: otherTypeScript }), tsAsyncInit(unset)] });
`,
    "bundler/rolldown.config.ts": `import { defineConfig } from "rolldown";
import tsAsyncInit from "ts-async-init/rolldown";

export default defineConfig({ input: "src/index.ts", plugins: [tsAsyncInit({ target: "ES2020" })] });
`,
    "bundler/rollup.config.ts": `import type { RollupOptions } from "rollup";
import tsAsyncInit from "ts-async-init/rollup";

export default { input: "src/index.ts", plugins: [tsAsyncInit()] } satisfies RollupOptions;
`,
    "bundler/others.ts": `import type { RspackOptions } from "@rspack/core";
import type { Plugin } from "esbuild";
import esbuild from "ts-async-init/esbuild";
import webpack from "ts-async-init/webpack";
import rspack from "ts-async-init/rspack";
import bun from "ts-async-init/bun";
import type { Configuration } from "webpack";

export const esbuildPlugins: Plugin[] = [esbuild()];
export const webpackConfig: Configuration = { plugins: [webpack()] };
export const rspackConfig: RspackOptions = { plugins: [rspack()] };
export const bunPlugin: { name: string; setup(build: { config: object }): void | Promise<void> } = bun();
`,
    // TypeScript 5's default resolution for CommonJS (node10: no moduleResolution), which reads no exports: typesVersions.
    "node10/tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "commonjs", strict: true, noEmit: true, skipLibCheck: false, types: ["node"] },
      include: ["*.ts"],
    }),
    "node10/webpack.config.ts": `import tsAsyncInit = require("ts-async-init/webpack");
import vite = require("ts-async-init/vite");
import rolldown = require("ts-async-init/rolldown");
import rollup = require("ts-async-init/rollup");
import esbuild = require("ts-async-init/esbuild");
import rspack = require("ts-async-init/rspack");
import bun = require("ts-async-init/bun");
import main = require("ts-async-init");
import { transform } from "ts-async-init/api";
import { factory } from "ts-async-init/ts-jest";
import "ts-async-init/register";

// @ts-expect-error: initMethod is a string (the types are not any)
tsAsyncInit({ initMethod: 1 });
export const plugins = [tsAsyncInit({ stateField: false }), vite(), rolldown(), rollup(), esbuild(), rspack(), bun()];
export const code: string = transform("let a = 1;", "a.ts").code;
export const before = [main(), factory];
`,
    // A config whose declaration TypeScript writes (declaration, composite): the plugins' types must be nameable (TS2742).
    "declarations/tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", strict: true, declaration: true, emitDeclarationOnly: true, outDir: "out", types: ["node"] },
      include: ["*.ts"],
    }),
    "declarations/config.ts": `import vite from "ts-async-init/vite";
import rolldown from "ts-async-init/rolldown";
import rollup from "ts-async-init/rollup";
import esbuild from "ts-async-init/esbuild";
import webpack from "ts-async-init/webpack";
import rspack from "ts-async-init/rspack";
import bun from "ts-async-init/bun";

export default { vite: [vite()], rolldown: [rolldown()], rollup: [rollup()], esbuild: [esbuild()], webpack: [webpack()], rspack: [rspack()], bun: bun() };
`,
    "vite.config.mts": `import { defineConfig } from "vite";
import tsAsyncInit from "ts-async-init/vite";

export default defineConfig({ plugins: [tsAsyncInit.default(), tsAsyncInit()] });
`,
    "webpack.config.cts": `import tsAsyncInit = require("ts-async-init/webpack");

const options: tsAsyncInit.Options = { stateField: false };
// @ts-expect-error: the webpack plugin is not a Vite plugin (the types are not any)
const notVite: { name: string } = tsAsyncInit();
export = { plugins: [tsAsyncInit(options)] };
`,
  });
  for (const project of [dir, `${dir}/bundler`, `${dir}/node10`, `${dir}/declarations`]) {
    const result = run(bin("tsc"), ["-p", project], { cwd: dir });
    t.is(result.code, 0, `${project}: ${result.output}`);
  }
});

test("Vite, Rolldown, Rollup and esbuild get the plugin without loading unplugin (nor TypeScript); an include of their own goes through unplugin's adapter", (t) => {
  const check = `
    const loaded = () => Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/](unplugin|typescript|magic-string)[\\\\/]/.test(f)).map((f) => f.match(/node_modules[\\\\/]([^\\\\/]+)/)[1]);
    const seen = {};
    for (const entry of ["vite", "rolldown", "rollup", "esbuild"]) {
      const plugin = require("ts-async-init/" + entry)();
      seen[entry] = { name: plugin.name, loaded: [...new Set(loaded())] };
    }
    const custom = require("ts-async-init/vite")({ include: ["src/**/*.ts"] });
    seen.include = { filter: custom.transform.filter.id, loaded: [...new Set(loaded())] };
    console.log(JSON.stringify(seen));
  `;
  const dir = writeApp("entries-light", { "check.cjs": check });
  const result = run(process.execPath, ["check.cjs"], { cwd: dir });
  t.is(result.stderr, "");
  const light = { name: "ts-async-init", loaded: [] };
  t.deepEqual(JSON.parse(result.stdout), {
    vite: light,
    rolldown: light,
    rollup: light,
    esbuild: light,
    // Vite's include gets the components (App.vue, App.svelte: COMPONENT_FILE, a regular expression) too, whose scripts may be error TS46011.
    include: { filter: { include: ["src/**/*.ts", {}], exclude: [{}] }, loaded: ["unplugin"] },
  });
});

test("a Rollup or Vite that does not evaluate hook filters (before Rollup 4.40) calls transform for every module: the plugin rewrites only TypeScript modules (their ids with or without a query, under node_modules too) that mention the tag", (t) => {
  const check = `
    const tagged = "/** @asyncInit */\\nexport class Db {\\n  async init() {}\\n}\\n";
    const errors = [];
    const context = { error: (e) => errors.push(e), warn: (e) => errors.push(e) };
    const out = {};
    for (const entry of ["rollup", "vite", "rolldown"]) {
      const { transform } = require("ts-async-init/" + entry)({ cacheDir: false });
      const rewritten = (code, id) => transform.handler.call(context, code, id) !== null;
      out[entry] = {
        ts: rewritten(tagged, "/app/src/db.ts"),
        mts: rewritten(tagged, "/app/src/db.mts"),
        tsx: rewritten(tagged, "/app/src/db.tsx"),
        js: rewritten(tagged, "/app/src/db.js"),
        declaration: rewritten(tagged, "/app/src/db.d.ts"),
        nodeModules: rewritten(tagged, "/app/node_modules/lib/db.ts"),
        query: rewritten(tagged, "/app/src/db.ts?v=1"),
        workerFile: rewritten(tagged, "/app/src/db.ts?worker_file&type=module"),
        declarationQuery: rewritten(tagged, "/app/src/db.d.ts?v=1"),
        untagged: rewritten("export class Db {}\\n", "/app/src/db.ts"),
      };
    }
    console.log(JSON.stringify({ out, errors }));
  `;
  const dir = writeApp("entries-no-native-filter", { "check.cjs": check });
  const result = run(process.execPath, ["check.cjs"], { cwd: dir });
  t.is(result.stderr, "");
  const want = {
    ts: true,
    mts: true,
    tsx: true,
    js: false,
    declaration: false,
    nodeModules: true,
    query: true,
    workerFile: true,
    declarationQuery: false,
    untagged: false,
  };
  t.deepEqual(JSON.parse(result.stdout), { out: { rollup: want, vite: want, rolldown: want }, errors: [] });
});

test('a block of a Vue SFC is parsed in the language its id gives: <script lang="tsx"> as TSX (JSX and all), <script lang="ts"> as TS; messages and the map name the .vue file', (t) => {
  const check = `
    const messages = [];
    const context = { error: (e) => messages.push(e), warn: (e) => messages.push(e) };
    const { transform } = require("ts-async-init/vite")({ cacheDir: false });
    const block = (jsx) => "/** @asyncInit */\\nclass Hello {\\n  async init(): Promise<void> {}\\n}\\n" + (jsx ? "const el = <span>{1}</span>;\\n" : "const n = <number>(1 as unknown);\\n");
    const tsx = transform.handler.call(context, block(true), "/app/src/App.vue?vue&type=script&setup=true&lang.tsx");
    const ts = transform.handler.call(context, block(false), "/app/src/App.vue?vue&type=script&setup=true&lang.ts");
    // The same TSX block named as TS: TypeScript's syntax error, in the plugin's message.
    const wrong = transform.handler.call(context, block(true), "/app/src/App.vue?vue&type=script&setup=true&lang.ts");
    console.log(JSON.stringify({
      tsx: { rewritten: tsx.code.includes("then("), keepsJsx: tsx.code.includes("<span>{1}</span>"), sources: tsx.map.sources },
      ts: { rewritten: ts.code.includes("then("), sources: ts.map.sources },
      wrong,
      messages: messages.map((m) => [m.code, m.id]),
    }));
  `;
  const dir = writeApp("entries-vue-blocks", { "check.cjs": check });
  const result = run(process.execPath, ["check.cjs"], { cwd: dir });
  t.is(result.stderr, "");
  t.deepEqual(JSON.parse(result.stdout), {
    tsx: { rewritten: true, keepsJsx: true, sources: ["/app/src/App.vue"] },
    ts: { rewritten: true, sources: ["/app/src/App.vue"] },
    wrong: null,
    messages: [["TS1005", "/app/src/App.vue"]],
  });
});

test("an entry handed to the bundler uncalled (plugins: [tsAsyncInit]) stops the build with TS46010 in every bundler, as does the main entry: none builds without the rewrite", (t) => {
  const script = `
    import { createRequire } from "node:module";
    const require = createRequire(import.meta.url);
    const input = "src/main.ts";
    const builds = {
      vite: (plugin) => import("vite").then(({ build }) =>
        build({ configFile: false, logLevel: "silent", plugins: [plugin], build: { lib: { entry: input, formats: ["es"] }, outDir: "out-vite" } })),
      rolldown: (plugin) => import("rolldown").then(({ rolldown }) => rolldown({ input, plugins: [plugin] })),
      rollup: (plugin) => import("rollup").then(({ rollup }) => rollup({ input, plugins: [plugin] })),
      webpack: (plugin) => require("webpack")({ mode: "none", entry: "./" + input, plugins: [plugin] }),
      rspack: (plugin) => require("@rspack/core").rspack({ mode: "none", entry: "./" + input, plugins: [plugin] }),
      esbuild: (plugin) => import("esbuild").then(({ build }) => build({ entryPoints: [input], bundle: true, write: false, logLevel: "silent", plugins: [plugin] })),
    };
    // esbuild's message starts with "Build failed with 1 error:", the error on the next line.
    const firstLine = (error) => String(error?.errors?.[0]?.text ?? error?.message ?? error).split("\\n")[0];
    for (const [bundler, build] of Object.entries(builds)) {
      // Each entry uncalled, and the main entry called (the right call, with the wrong import).
      for (const [entry, plugin] of [["ts-async-init/" + bundler, require("ts-async-init/" + bundler)], ["ts-async-init", require("ts-async-init")], ["ts-async-init()", require("ts-async-init")()]]) {
        try {
          await build(plugin);
          console.log(bundler, entry, "built");
        } catch (error) {
          console.log(bundler, entry, firstLine(error));
        }
      }
    }
  `;
  const dir = writeApp("uncalled", { "src/main.ts": "/** @asyncInit */\nexport class A {\n  async init(): Promise<void> {}\n}\n", "uncalled.mjs": script });
  const result = run(process.execPath, ["uncalled.mjs"], { cwd: dir });
  t.is(result.stderr, "");
  const uncalled = (entry) =>
    `error TS46010: ${entry} makes the bundler's plugin, and was handed to the bundler itself, uncalled. Call it: plugins: [tsAsyncInit()], not plugins: [tsAsyncInit].`;
  const mainEntry =
    /^error TS46010: ts-async-init's main entry is a TypeScript transformer .*and was used as a plugin of another tool\. A bundler takes its own entry/;
  const lines = result.stdout.trim().split("\n");
  const said = Object.fromEntries(lines.map((line) => /** @type {RegExpMatchArray} */ (line.match(/^(\S+ \S+) (.*)$/)).slice(1)));
  for (const bundler of ["vite", "rolldown", "rollup", "webpack", "rspack"]) {
    t.is(said[`${bundler} ts-async-init/${bundler}`], uncalled(`ts-async-init/${bundler}`), bundler);
    t.regex(said[`${bundler} ts-async-init`], mainEntry, bundler);
    t.regex(said[`${bundler} ts-async-init()`], mainEntry, `${bundler}, the main entry called`);
  }
  // esbuild refuses any function among its plugins itself.
  t.is(said["esbuild ts-async-init/esbuild"], "Plugin at index 0 must be an object");
  t.is(said["esbuild ts-async-init"], "Plugin at index 0 must be an object");
  t.is(said["esbuild ts-async-init()"], "Plugin at index 0 must be an object");
  t.is(lines.length, 18);
});

test("Bun: an entry handed to Bun.build or Bun's runtime plugin() uncalled stops with TS46010, as does the main entry", (t) => {
  const build = (entry) =>
    `import tsAsyncInit from "${entry}";\nawait Bun.build({ entrypoints: ["src/main.ts"], outdir: "out", plugins: [tsAsyncInit as any] });\n`;
  const dir = writeApp("uncalled-bun", {
    "src/main.ts": '/** @asyncInit */\nexport class A {\n  async init(): Promise<void> {}\n}\nconsole.log("ran");\n',
    "build-bun.ts": build("ts-async-init/bun"),
    "build-main.ts": build("ts-async-init"),
    "preload.ts": 'import { plugin } from "bun";\nimport tsAsyncInit from "ts-async-init/bun";\nplugin(tsAsyncInit as any);\n',
  });
  const uncalled =
    "error TS46010: ts-async-init/bun makes the bundler's plugin, and was handed to the bundler itself, uncalled. Call it: plugins: [tsAsyncInit()], not plugins: [tsAsyncInit].";
  /** @type {[string[], string][]} */
  const cases = [
    [["build-bun.ts"], uncalled],
    [["build-main.ts"], "error TS46010: ts-async-init's main entry is a TypeScript transformer"],
    [["--preload", "./preload.ts", "src/main.ts"], uncalled],
  ];
  for (const [args, expected] of cases) {
    const result = run(bin("bun"), args, { cwd: dir });
    t.not(result.code, 0, result.output);
    t.true(result.stderr.includes(expected), result.output);
    t.false(result.stdout.includes("ran"), result.output);
  }
});
