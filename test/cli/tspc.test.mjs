// Drives the real `tspc` command line on a project that installs the packed
// package, as a new user would: npm pack and npm install of the tarball (done once
// by `npm test`, see scripts/pack-for-tests.mjs) → tspc → node.
//
// Runs on TypeScript 5.9 here, and on the other versions from test/versions.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { nodeOf, packedProject, runOutput, tspc, VERSION } from "../support/packed.mjs";
import { run } from "../support/project.mjs";

const tsconfig = (extra = {}) => ({
  compilerOptions: {
    target: "ES2022",
    module: "commonjs",
    lib: ["ES2022", "ESNext.Disposable", "DOM"],
    types: [],
    strict: true,
    outDir: "out",
    rootDir: "src",
    sourceMap: true,
    plugins: [{ transform: "ts-async-init" }],
    ...extra,
  },
  include: ["src"],
});

const DB = `
export const log: string[] = [];
/** @asyncInit */
export class Db {
  constructor(readonly url: string) { log.push("construct " + url); }
  async init() { await new Promise((r) => setTimeout(r, 1)); log.push("init"); }
  query() { log.push("query"); }
  async [Symbol.asyncDispose]() { log.push("dispose"); }
}
export const openDb = (url: string) => new Db(url);
`;

const MAIN = `
import { Db, log, openDb } from "./db";
async function main() {
  const db = await new Db("a");
  log.push("then is " + typeof (db as any).then);
  {
    await using other = openDb("b");
    other.query();
  }
  await db[Symbol.asyncDispose]();
  console.log(log.join("; "));
}
main();
`;

/** A project of `files` (src/…) with the tsconfig made by `tsconfig(extra)`. */
const project = (files, extra) => packedProject({ "tsconfig.json": tsconfig(extra), ...files });

test(`the packed package installs with its build-time dependencies only, no dev settings and only what users need (TypeScript ${VERSION})`, (t) => {
  const modules = join(project({}), "node_modules");
  t.true(JSON.parse(readFileSync(join(modules, "typescript/package.json"), "utf8")).version.startsWith(`${VERSION}.`), "the TypeScript under test");
  const installed = join(modules, "ts-async-init");
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  // The emitted code needs no package; magic-string (the text back end, ts-async-init/api), unplugin
  // (the bundler plugins) and picomatch (globs of include and exclude under Bun's runtime, as unplugin
  // matches them, with the same picomatch) serve at build time only, each loaded only by its own entries.
  t.deepEqual(manifest.dependencies, { "magic-string": "0.30.21", picomatch: "4.0.7", unplugin: "3.7.0" });
  // The tarball carries no scripts (npm 11 warns about a prepare script on install) and no dev settings.
  t.is(manifest.scripts, undefined);
  t.is(manifest.devDependencies, undefined);
  t.is(manifest["clean-package"], undefined);
  t.truthy(manifest.peerDependencies.typescript);
  t.deepEqual(readdirSync(installed).sort(), ["LICENSE", "README.md", "dist", "package.json"]);
  const dist = readdirSync(join(installed, "dist"), { recursive: true }).map(String);
  t.deepEqual(
    dist.filter((f) => !/\.(js|d\.ts)$/.test(f) && !/^[\w-]+(\/[\w-]+)*$/.test(f) && f !== "build-id.txt" && f !== "plumbing/module.mjs"),
    [],
    "only JavaScript and its declarations (and build-id.txt, which names the build for the cache of the bundler plugins, and the plumbing's module, which webpack and Rspack bundle)",
  );
  t.true(dist.includes("plumbing/module.mjs"), "the plumbing's module for webpack and Rspack");
  // Every entry of package.json's exports, with its declarations.
  const entries = ["index", "ts-jest", "api", "register", "cli", "vite", "rolldown", "rollup", "esbuild", "webpack", "rspack", "bun"];
  t.deepEqual(
    entries.flatMap((name) => [`${name}.js`, `${name}.d.ts`]).filter((file) => !dist.includes(file)),
    [],
  );
});

test(`tspc compiles a project with the plugin, and the output runs (TypeScript ${VERSION})`, (t) => {
  const dir = project({ "src/db.ts": DB, "src/main.ts": MAIN });
  const result = tspc(dir);
  t.is(result.stdout + result.stderr, "");
  t.is(result.code, 0);
  const run = runOutput(join(dir, "out/main.js"));
  t.is(run.stderr, "");
  t.is(run.stdout.trim(), "construct a; init; then is undefined; construct b; init; query; dispose; dispose");
  const emitted = readFileSync(join(dir, "out/main.js"), "utf8");
  // the imported class is known to the checker: the factory call is awaited on entry, and `await new Db` goes through the plumbing
  t.true(emitted.includes(`__addDisposableResource(env_1, await asyncInit_1.ready((0, db_1.openDb)("b")), true)`), emitted);
  t.true(emitted.includes(`const db = await asyncInit_1.ready(new db_1.Db("a"));`), emitted);
});

// Bare declares no teardown of its own: `await using` of it is error TS2851 unless the program transformer corrects the checker.
const BARE = `
const log: string[] = [];
/** @asyncInit */
class Bare {
  async init() { await new Promise((r) => setTimeout(r, 1)); log.push("init"); }
}
async function main() {
  {
    await using bare = new Bare();
    log.push("body");
  }
  const other = await new Bare();
  console.log(log.join(", ") + "; then is " + typeof (other as any).then);
}
main();
`;

test(`tspc with the program transformer: no TS2851 for a class without a teardown, and the output runs (TypeScript ${VERSION})`, (t) => {
  const dir = project({ "src/main.ts": BARE }, { plugins: [{ transform: "ts-async-init", transformProgram: true }] });
  const result = tspc(dir);
  t.is(result.stdout + result.stderr, "");
  t.is(result.code, 0);
  const run = runOutput(join(dir, "out/main.js"));
  t.is(run.stderr, "");
  t.is(run.stdout.trim(), "init, body, init; then is undefined");
});

test(`the package's own declarations type-check with skipLibCheck off: a build script that imports the main entry (TypeScript ${VERSION})`, (t) => {
  const dir = packedProject({
    "tsconfig.json": {
      compilerOptions: { target: "ES2022", module: "commonjs", types: [], strict: true, skipLibCheck: false, noEmit: true },
      include: ["src"],
    },
    "src/build.ts": `import ts = require("typescript");
import tsAsyncInit = require("ts-async-init");

const program = ts.createProgram(["src/index.ts"], {});
export const before: ts.TransformerFactory<ts.SourceFile> = tsAsyncInit(program, { initMethod: "init" });
`,
  });
  const result = tspc(dir);
  t.is(result.stdout + result.stderr, "");
  t.is(result.code, 0);
});

test(`tspc with the plain entry rewrites the JavaScript, and the checker still reports TS2851 (TypeScript ${VERSION})`, (t) => {
  const dir = project({ "src/main.ts": BARE });
  const result = tspc(dir);
  t.regex(result.stdout, /src\/main\.ts\(9,24\): error TS2851/);
  t.is(result.code, 2, "errors reported, output written");
  const run = runOutput(join(dir, "out/main.js"));
  t.is(run.stderr, "");
  t.is(run.stdout.trim(), "init, body, init; then is undefined");
});

test(`tspc reports the plugin's errors with file, line and column, and exits non-zero (TypeScript ${VERSION})`, (t) => {
  const dir = project({
    "src/main.ts": `export const x = 1;\n/** @asyncInit */\nexport class Db {\n  async start() {}\n}\n/** @asyncInit */\nexport function notAClass() {}\n`,
  });
  const result = tspc(dir);
  t.not(result.code, 0);
  t.regex(result.stdout, /src\/main\.ts\(3,14\): error TS46001: @asyncInit class 'Db' has no method 'init'/);
  t.regex(result.stdout, /src\/main\.ts\(6,1\): warning TS46003: @asyncInit only applies to a class/);
  t.notRegex(result.stdout + result.stderr, /\n\s+at .*\.js:\d+/, "no stack trace");
});

test(`tspc with a bundler's entry in plugins (ts-async-init/vite): error TS46010 names the entry to use, exit 1, nothing emitted (TypeScript ${VERSION})`, (t) => {
  for (const entry of [{ transform: "ts-async-init/vite" }, { transform: "ts-async-init/esbuild", transformProgram: true }]) {
    const dir = project({ "src/main.ts": MAIN, "src/db.ts": DB }, { plugins: [entry] });
    const result = tspc(dir);
    t.is(result.code, 1, entry.transform);
    t.regex(
      result.stderr,
      new RegExp(
        `error TS46010: ${entry.transform}.* is a bundler's plugin.*Name the main entry there: \\{ "transform": "ts-async-init", "transformProgram": true \\}`,
      ),
    );
    t.notRegex(result.stdout + result.stderr, /\n\s+at /, "no stack trace");
    t.false(readdirSync(dir).includes("out"), "nothing emitted");
  }
});

test(`tspc with sourceMap: a frame inside the plumbing maps to the class it serves (or the await), not to the line above it (TypeScript ${VERSION})`, (t) => {
  // The line above the plumbing in db.js is `exports.helper = helper;`, mapped to helper's last line.
  const db = `/** @asyncInit */\nexport class Db {\n  async init() {}\n  async [Symbol.asyncDispose]() {}\n}\n\nexport function helper() {\n  return 42;\n}\n`;
  const main = `import { Db } from "./db";\nasync function main() {\n  const db = new Db();\n  await db[Symbol.asyncDispose]();\n  await db;\n}\nmain().catch((e) => console.log(e.stack));\n`;
  const dir = project({ "src/db.ts": db, "src/main.ts": main }, { plugins: [{ transform: "ts-async-init", transformProgram: true }] });
  const result = tspc(dir);
  t.is(result.code, 0, result.stdout + result.stderr);
  const ran = run(nodeOf(VERSION), ["--enable-source-maps", "out/main.js"], { cwd: dir });
  const frames = ran.stdout.split("\n").filter((line) => line.trim().startsWith("at "));
  t.regex(ran.stdout, /^ReferenceError: Db cannot be awaited: its dispose was requested/);
  t.true(frames.length > 2, ran.stdout);
  for (const frame of frames) t.regex(frame, /src\/(db\.ts:2:1|main\.ts:5:3)\)$/, frame);
  t.regex(frames.at(-1) ?? "", /at main \(.*src\/main\.ts:5:3\)$/);
});

test(`tspc with the plugin emits byte-identical output for a project that does not use it (TypeScript ${VERSION})`, (t) => {
  const files = { "src/a.ts": `export class A { x = 1; async run() { await using r = { async [Symbol.asyncDispose]() {} }; return this.x; } }\n` };
  const withPlugin = project(files);
  const without = project(files, { plugins: [] });
  t.is(tspc(withPlugin).code, 0);
  t.is(tspc(without).code, 0);
  for (const file of ["a.js", "a.js.map"]) {
    t.is(readFileSync(join(withPlugin, "out", file), "utf8"), readFileSync(join(without, "out", file), "utf8"), file);
  }
});
