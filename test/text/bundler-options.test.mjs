// The bundler plugins' options and setup problems, in-process (no bundler project, no packed
// package): a bad option is TS46006, said once when the build starts (whether or not a module
// mentions the tag) through the bundler's own channel for errors, without a stack of this
// package's frames; no TypeScript to parse with is TS46009, said the same way. The plugins'
// hooks are called as the bundlers call them (as bench/bundlers/work.mjs does), and esbuild
// builds for real.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import { runNode, tempDir } from "../support/project.mjs";
import { ts } from "./support.mjs";

const require = createRequire(import.meta.url);
const esbuild = require("esbuild");
const esbuildPlugin = require("../../dist/esbuild.js");
const { createPlugin } = require("../../dist/frontends/bundlers/plugin.js");
const ROLLUP_FAMILY = { vite: require("../../dist/vite.js"), rolldown: require("../../dist/rolldown.js"), rollup: require("../../dist/rollup.js") };

const DB = "/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n";
const PLAIN = "export const x: number = 1;\n";

/** An object that holds itself. @type {Record<string, unknown>} */
const CIRCULAR = {};
CIRCULAR.self = CIRCULAR;

/** Bad options, and the message each gives. @type {[any, string][]} */
const BAD = [
  [{ target: 5 }, `TS46006: ts-async-init: plugin option 'target' is 5; it must be an ECMAScript version, e.g. "ES2022" or "ESNext".`],
  [{ target: "banana" }, `TS46006: ts-async-init: plugin option 'target' is "banana"; it must be an ECMAScript version, e.g. "ES2022" or "ESNext".`],
  [{ include: 5 }, "TS46006: ts-async-init: plugin option 'include' is 5; it must be a string, a regular expression, or an array of them."],
  [{ exclude: [/x/, 5] }, "TS46006: ts-async-init: plugin option 'exclude' is [{},5]; it must be a string, a regular expression, or an array of them."],
  [{ cacheDir: 5 }, "TS46006: ts-async-init: plugin option 'cacheDir' is 5; it must be a folder's path, or false."],
  [null, `TS46006: ts-async-init: the plugin's options are null; they must be an object of options, e.g. { initMethod: "setup" }, or left out.`],
  [
    { typescript: "typescript" },
    `TS46006: ts-async-init: plugin option 'typescript' is "typescript"; it must be the typescript module itself, e.g. require("typescript").`,
  ],
  [
    { initMethod: "set up" },
    `TS46006: ts-async-init: plugin option 'initMethod' is "set up"; it must be the name of a method other than "constructor" and "then", e.g. "setup".`,
  ],
  [{ stateField: 1, include: "src/**" }, "TS46006: ts-async-init: plugin option 'stateField' is 1; it must be true or false."],
  [
    { initMethd: "setup" },
    "TS46006: ts-async-init: unknown plugin option 'initMethd'. The plugin's options are 'initMethod', 'stateField', 'target', 'include', 'exclude', 'typescript' and 'cacheDir'.",
  ],
  [
    { initMethod: "constructor" },
    `TS46006: ts-async-init: plugin option 'initMethod' is "constructor"; it must be the name of a method other than "constructor" and "then", e.g. "setup".`,
  ],
  [{ target: "ES3" }, `TS46006: ts-async-init: plugin option 'target' is "ES3"; it must be an ECMAScript version, e.g. "ES2022" or "ESNext".`],
  // Options that are no JSON: Vite's plugin names its dependency optimizer's plugin by a hash of the options.
  [{ target: 5n }, `TS46006: ts-async-init: plugin option 'target' is a bigint; it must be an ECMAScript version, e.g. "ES2022" or "ESNext".`],
  [{ include: CIRCULAR }, "TS46006: ts-async-init: plugin option 'include' is an object; it must be a string, a regular expression, or an array of them."],
];

/** A plugin context that records what the plugin says; `error` throws, as Rollup's does. */
function context() {
  /** @type {{ errors: any[], warnings: any[] }} */
  const said = { errors: [], warnings: [] };
  return {
    said,
    error(message) {
      said.errors.push(message);
      throw new Error("this.error");
    },
    warn(message) {
      said.warnings.push(message);
    },
  };
}

test("Vite, Rolldown, Rollup: a bad option is made into a plugin without throwing, and fails the build at its start with TS46006 through this.error, without a stack", (t) => {
  for (const [name, tsAsyncInit] of Object.entries(ROLLUP_FAMILY)) {
    for (const [options, message] of BAD) {
      const label = `${name} ${message}`;
      let plugin;
      t.notThrows(() => {
        plugin = tsAsyncInit(options);
      }, label);
      const build = context();
      t.throws(() => plugin.buildStart.call(build), { message: "this.error" }, label);
      t.deepEqual(build.said.errors, [{ message, code: "TS46006", stack: "" }], label);
      // A module it would rewrite fails the same way (for a tool that does not call buildStart).
      const module = context();
      t.throws(() => plugin.transform.handler.call(module, DB, "/app/src/db.ts"));
      t.deepEqual(module.said.errors, [{ message, code: "TS46006", stack: "" }], label);
    }
  }
});

test("webpack, Rspack, Bun (unplugin's adapters, whose buildStart has no this.error): the build start throws an error whose stack is its message", (t) => {
  for (const framework of ["webpack", "rspack", "bun"]) {
    const plugin = createPlugin(/** @type {any} */ ({ target: 5 }), framework);
    const error = t.throws(() => plugin.buildStart?.call(/** @type {any} */ ({})));
    t.is(error.message, BAD[0][1]);
    t.is(error.stack, BAD[0][1], "no frames");
  }
});

test("good options make the plugin as before: no error at the start", (t) => {
  for (const options of [undefined, {}, { initMethod: "setup", stateField: false, target: "es2020", cacheDir: false, typescript: ts }, { include: null }]) {
    const plugin = /** @type {any} */ (ROLLUP_FAMILY.vite(options));
    // unplugin's adapter (an include of one's own) wraps a buildStart of its own.
    const build = context();
    plugin.buildStart?.call(build);
    t.deepEqual(build.said.errors, [], JSON.stringify(options));
    t.is(typeof (plugin.transform.handler ?? plugin.transform), "function");
  }
});

/** The onStart and onLoad callbacks that the esbuild plugin's setup registers, with a build object of esbuild's shape. */
async function esbuildCallbacks(options, initialOptions = {}) {
  /** @type {{ onStart: Function[], onLoad: { options: any, callback: Function }[] }} */
  const registered = { onStart: [], onLoad: [] };
  /** @type {any} */
  const build = {
    initialOptions,
    onStart: (callback) => registered.onStart.push(callback),
    onEnd() {},
    onResolve() {},
    onLoad: (options, callback) => registered.onLoad.push({ options, callback }),
  };
  await esbuildPlugin(options).setup(build);
  return registered;
}

/**
 * The onLoad callback of files on disk (TypeScript modules), of esbuildCallbacks.
 * @param {{ options: any, callback: Function }[]} onLoad
 * @returns {Function}
 */
const fileLoader = (onLoad) => onLoad.find(({ options }) => options.namespace === "file")?.callback ?? assert.fail("no onLoad of files");

test("esbuild: a bad option is an error of the build's start (an onStart result), for each option", async (t) => {
  for (const [options, message] of BAD) {
    const { onStart } = await esbuildCallbacks(options);
    t.deepEqual(await Promise.all(onStart.map((callback) => callback())), [{ errors: [{ text: message }] }], message);
  }
});

/** A project of TypeScript modules (name → text) in a fresh folder: its entry's path. */
function project(files) {
  const dir = tempDir("ts-async-init-options-");
  mkdirSync(join(dir, "src"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "src", name), text);
  return join(dir, "src", Object.keys(files)[0]);
}

/** esbuild's build of `entry` with a plugin, in memory (an ES module for Node), at `target` if given. */
const bundleWithEsbuild = (entry, plugin, target = undefined) =>
  esbuild.build({ entryPoints: [entry], bundle: true, platform: "node", format: "esm", write: false, logLevel: "silent", target, plugins: [plugin] });

/**
 * What esbuild says when it builds `entry` with the plugin: its errors (text and location), or "built".
 * @returns {Promise<any>}
 */
async function esbuildErrors(entry, options) {
  try {
    await bundleWithEsbuild(entry, esbuildPlugin(options));
    return "built";
  } catch (error) {
    return /** @type {import("esbuild").BuildFailure} */ (error).errors.map(({ text, location }) => ({
      text,
      location: location && `${location.file}:${location.line}`,
    }));
  }
}

test("esbuild, for real: a bad option fails the build with TS46006 alone (no location, no stack), also when no module mentions the tag", async (t) => {
  const plain = project({ "main.ts": PLAIN });
  t.deepEqual(await esbuildErrors(plain, { cacheDir: false, initMethod: "set up" }), [{ text: BAD[7][1], location: null }]);
  t.deepEqual(await esbuildErrors(plain, { target: 5 }), [{ text: BAD[0][1], location: null }]);
  t.deepEqual(await esbuildErrors(plain, { include: 5 }), [{ text: BAD[2][1], location: null }]);
  t.deepEqual(await esbuildErrors(plain, null), [{ text: BAD[5][1], location: null }]);
  t.deepEqual(await esbuildErrors(plain, /** @type {any} */ ({ initMethd: "setup" })), [{ text: BAD[9][1], location: null }]);
  t.is(await esbuildErrors(plain, { cacheDir: false }), "built");
});

/** A TypeScript too old to parse with (what `typescript@4.9` installed gives): the text back end throws TS46009 for it, as for none installed. */
const OLD_TYPESCRIPT = { ...ts, version: "4.9.5" };
const TOO_OLD =
  /^TS46009: ts-async-init parses TypeScript with TypeScript 5\.2 to 6\.x .*, and its 'typescript' option hands it TypeScript 4\.9\.5\. Pass one it can use/;

test("no usable TypeScript: Vite, Rolldown and Rollup say TS46009 through this.error, without a stack; a failure of the parser is TS46099 at the file, the same way", (t) => {
  for (const [name, tsAsyncInit] of Object.entries(ROLLUP_FAMILY)) {
    const plugin = tsAsyncInit({ cacheDir: false, typescript: OLD_TYPESCRIPT });
    const module = context();
    t.throws(() => plugin.transform.handler.call(module, DB, "/app/src/db.ts"), { message: "this.error" }, name);
    t.is(module.said.errors.length, 1);
    const [{ message, code, stack, loc }] = module.said.errors;
    t.regex(message, TOO_OLD, name);
    t.deepEqual({ code, stack, loc }, { code: "TS46009", stack: "", loc: undefined }, name);
    const broken = tsAsyncInit({ cacheDir: false, typescript: { ...ts, createSourceFile: () => assert.fail("boom") } });
    const other = context();
    t.throws(() => broken.transform.handler.call(other, DB, "/app/src/db.ts"), { message: "this.error" }, name);
    t.is(other.said.errors.length, 1, name);
    t.regex(
      String(other.said.errors[0].message),
      /TS46099: TypeScript [\d.]+'s parser failed on this file \(boom\); tsc fails on it too\. Please report it to TypeScript with the file\./,
      name,
    );
  }
});

test("no usable TypeScript, esbuild for real: one error, TS46009 alone (at the user's import, not in this package's code), however many modules need it", async (t) => {
  const entry = project({
    "main.ts": `import { Db } from "./db.ts";\nimport { Cache } from "./cache.ts";\nconsole.log(await new Db(), await new Cache());\n`,
    "db.ts": DB,
    "cache.ts": DB.replace("Db", "Cache"),
  });
  const errors = await esbuildErrors(entry, { cacheDir: false, typescript: OLD_TYPESCRIPT });
  t.is(errors.length, 1);
  t.regex(errors[0].text, TOO_OLD);
  // esbuild puts it at the import of the module that needed TypeScript: the user's code, not this package's.
  t.regex(errors[0].location, /src\/main\.ts:[12]$/);
  // Each build says it again (esbuild's context(): rebuilds).
  const { onStart, onLoad } = await esbuildCallbacks({ cacheDir: false, typescript: OLD_TYPESCRIPT });
  const load = fileLoader(onLoad);
  const db = join(entry, "..", "db.ts");
  for (let build = 0; build < 2; build++) {
    for (const callback of onStart) callback();
    t.regex(load({ path: db }).errors[0].text, TOO_OLD);
    t.is(load({ path: db }), undefined, "said once a build");
  }
});

test("a bundler's target after ES2022 (esbuild's `es2024`, Vite's build.target) is read as ES2022, which every supported TypeScript knows: the state is a private field, and no option is reported", async (t) => {
  // TypeScript 5.2 to 5.6 name no ES2024 target.
  const targets = Object.fromEntries(Object.entries(ts.ScriptTarget).filter(([name, value]) => name !== "ES2024" && value !== "ES2024"));
  const typescript = { ...ts, ScriptTarget: targets };
  const entry = project({ "db.ts": DB });
  const { onLoad } = await esbuildCallbacks({ cacheDir: false, typescript }, { target: "es2024" });
  const loaded = fileLoader(onLoad)({ path: entry });
  t.deepEqual(loaded.errors, undefined);
  t.regex(loaded.contents, /#asyncInit/);

  const vite = ROLLUP_FAMILY.vite({ cacheDir: false, typescript });
  vite.configResolved({ build: { target: ["es2024", "chrome120"] } });
  const module = context();
  t.regex(vite.transform.handler.call(module, DB, "/app/src/db.ts").code, /#asyncInit/);
  t.deepEqual(module.said.errors, []);
});

test("esbuild, for real: the target is read for each build (one plugin, several targets), and a runtime target without ES2022's class features keeps the class's name", async (t) => {
  const entry = project({
    "main.ts": `import { Db } from "./db.ts";\nnew Db().then((db: Db) => console.log(Db.name, db.constructor.name, JSON.stringify(db), Object.keys(db).join()));\n`,
    "db.ts": "/** @asyncInit */\nexport class Db {\n  a = 1;\n  async init() {}\n}\n",
  });
  const plugin = esbuildPlugin({ cacheDir: false });
  const bundle = async (target) => {
    const result = await bundleWithEsbuild(entry, plugin, target);
    const file = join(entry, "..", `out-${target}.mjs`);
    writeFileSync(file, result.outputFiles[0].text);
    return { code: result.outputFiles[0].text, run: runNode(file) };
  };
  const builds = {};
  for (const target of ["es2017", "es2022", "node14", "node20", "es2017"]) builds[target] = await bundle(target);
  t.false(builds.es2017.code.includes("#asyncInit"), "es2017: the WeakMap");
  t.true(builds.es2022.code.includes("#asyncInit"), "es2022 after es2017: a private field");
  t.false(builds.node14.code.includes("#asyncInit"), "node14: the WeakMap");
  t.true(builds.node20.code.includes("#asyncInit"), "node20: a private field");
  for (const [target, { run }] of Object.entries(builds)) t.is(run.output, 'Db Db {"a":1} a\n', target);
});

test("esbuild, for real: an include that takes every module (a regular expression, a glob) leaves the plumbing's own module alone: no warning about it, and the bundle runs", async (t) => {
  const entry = project({
    "main.ts": `/** @asyncInit */\nclass Db {\n  ready = false;\n  async init(): Promise<void> { this.ready = true; }\n}\nconsole.log((await new Db()).ready);\n`,
  });
  for (const include of [/.*/, "**/*"]) {
    const built = await bundleWithEsbuild(entry, esbuildPlugin({ cacheDir: false, include }));
    t.deepEqual(built.warnings, [], String(include));
    const bundle = join(entry, "..", "bundle.mjs");
    writeFileSync(bundle, built.outputFiles[0].text);
    t.is(runNode(bundle).stdout, "true\n", String(include));
  }
});
