// Drives the real `tspc` command line on a project that installs the packed
// package, as a new user would: npm pack (done once by `npm test`, see
// scripts/pack-for-tests.mjs) → npm install the tarball → tspc → node.
import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "../helpers/build.mjs";
import { TARBALL } from "../../scripts/test-projects.mjs";

const devVersion = (name) => JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).devDependencies[name];

function write(dir, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), typeof text === "string" ? text : JSON.stringify(text, null, 2));
  }
}

const tsconfig = (extra = {}) => ({
  compilerOptions: {
    target: "ES2022", module: "commonjs", lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [], strict: true,
    outDir: "out", rootDir: "src", sourceMap: true, plugins: [{ transform: "ts-async-init" }], ...extra,
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

let project;
let installLog;
test.before(() => {
  project = tempDir("ts-async-init-cli-");
  write(project, { "package.json": { name: "cli-project", private: true } });
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", TARBALL, `typescript@${devVersion("typescript")}`, `ts-patch@${devVersion("ts-patch")}`], { cwd: project, encoding: "utf8" });
  if (install.status !== 0) throw new Error(install.stderr);
  installLog = install.stdout + install.stderr;
});

test.serial("installing the packed package prints no warning about it", (t) => {
  t.notRegex(installLog, /warn[^\n]*(ts-async-init|install-scripts)/i);
});

const tspc = (cwd) => spawnSync(join(project, "node_modules/.bin/tspc"), ["-p", "."], { cwd, encoding: "utf8" });

test.serial("the packed package has one build-time dependency, which the ts-patch plugin does not load", (t) => {
  const manifest = JSON.parse(readFileSync(join(project, "node_modules/ts-async-init/package.json"), "utf8"));
  // magic-string serves the text back end (ts-async-init/api) only; emitted code needs no package at all.
  t.deepEqual(Object.keys(manifest.dependencies), ["magic-string"]);
  const loaded = spawnSync(process.execPath, ["-e", 'require("ts-async-init"); console.log(Object.keys(require.cache).filter((f) => f.includes("magic-string")).length)'], { cwd: project, encoding: "utf8" });
  t.is(loaded.stdout.trim(), "0", loaded.stderr);
  // Installing the tarball runs no script of ours (npm 11 warns about a prepare script) and carries no dev settings.
  t.is(manifest.scripts, undefined);
  t.is(manifest.devDependencies, undefined);
  t.is(manifest["clean-package"], undefined);
  t.truthy(manifest.peerDependencies.typescript);
  t.deepEqual(readdirSync(join(project, "node_modules/ts-async-init")).sort(), ["LICENSE", "README.md", "dist", "package.json"]);
  t.false(readdirSync(join(project, "node_modules/ts-async-init/dist"), { recursive: true }).some((f) => String(f).endsWith(".map")));
});

test.serial("tspc compiles a project with the plugin, and the output runs", (t) => {
  const dir = join(project, "app");
  write(dir, { "tsconfig.json": tsconfig(), "src/db.ts": DB, "src/main.ts": MAIN });
  const result = tspc(dir);
  t.is(result.status, 0, result.stdout + result.stderr);
  const run = spawnSync(process.execPath, [join(dir, "out/main.js")], { encoding: "utf8" });
  t.is(run.stderr, "");
  t.is(run.stdout.trim(), "construct a; init; then is undefined; construct b; init; query; dispose; dispose");
  const emitted = readFileSync(join(dir, "out/main.js"), "utf8");
  // the imported class is known to the checker: the factory call is awaited on entry, and `await new Db` goes through the plumbing
  t.true(emitted.includes(`__addDisposableResource(env_1, await asyncInit_1.ready((0, db_1.openDb)("b")), true)`), emitted);
  t.true(emitted.includes(`const db = await asyncInit_1.ready(new db_1.Db("a"));`), emitted);
});

test.serial("tspc reports the plugin's errors with file, line and column, and exits non-zero", (t) => {
  const dir = join(project, "bad");
  write(dir, {
    "tsconfig.json": tsconfig(),
    "src/main.ts": `export const x = 1;\n/** @asyncInit */\nexport class Db {\n  async start() {}\n}\n/** @asyncInit */\nexport function notAClass() {}\n`,
  });
  const result = tspc(dir);
  t.not(result.status, 0);
  t.regex(result.stdout, /src\/main\.ts\(3,14\): error TS46001: @asyncInit class 'Db' has no method 'init'/);
  t.regex(result.stdout, /src\/main\.ts\(6,1\): warning TS46003: @asyncInit only applies to a class/);
  t.notRegex(result.stdout + result.stderr, /\n\s+at .*\.js:\d+/, "no stack trace");
});

test.serial("tspc with the plugin emits byte-identical output for a project that does not use it", (t) => {
  const files = { "src/a.ts": `export class A { x = 1; async run() { await using r = { async [Symbol.asyncDispose]() {} }; return this.x; } }\n` };
  const withPlugin = join(project, "same-with");
  const without = join(project, "same-without");
  write(withPlugin, { "tsconfig.json": tsconfig(), ...files });
  write(without, { "tsconfig.json": tsconfig({ plugins: [] }), ...files });
  t.is(tspc(withPlugin).status, 0);
  t.is(tspc(without).status, 0);
  for (const file of ["a.js", "a.js.map"]) {
    t.is(readFileSync(join(withPlugin, "out", file), "utf8"), readFileSync(join(without, "out", file), "utf8"), file);
  }
});
