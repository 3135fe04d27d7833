// The README's TypeScript 7 recipe, end to end: a project whose typescript is 7.0.2 (the
// native compiler, with no JavaScript API) and @typescript/typescript6 next to it
// (test/tools/typescript7), with the packed package. TypeScript 7's tsc type-checks the
// README's sources; `ts-async-init build` writes the rewritten JavaScript, which runs.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { cli, cliProject, read, sh, TYPESCRIPT7_PROJECT } from "../support/cli.mjs";
import { NODE_24, run, writeFiles } from "../support/project.mjs";
import { ROOT, recipe } from "./helpers.mjs";

const SOURCES = {
  "package.json": { name: "app", private: true },
  "tsconfig.json": recipe("typescript7/tsconfig.json"),
  "src/db.ts": recipe("typescript7/src/db.ts"),
  "src/main.ts": recipe("typescript7/src/main.ts"),
};

/** The commands of the recipe, without their comments. */
const [TYPECHECK, BUILD, RUN] = recipe("typescript7/commands")
  .split("\n")
  .map((line) => line.replace(/#.*/, "").trim())
  .filter(Boolean);

/** The declaration that tells TypeScript 7 a class without a teardown is async-disposable. */
const INTERFACE = "export interface Db extends AsyncDisposable {}";

/** What the README says the program prints: "It prints `init db://a`, `ready db://a`, …" after the commands. */
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const EXPECTED = README.slice(README.indexOf("<!-- recipe: typescript7/commands -->"))
  .match(/It prints ((?:`[^`]+`(?:,\s+)?)+)/)?.[1]
  .match(/`([^`]+)`/g)
  ?.map((w) => w.slice(1, -1));

test("the install line names what the test project pins", (t) => {
  const pinned = JSON.parse(readFileSync(join(TYPESCRIPT7_PROJECT, "package.json"), "utf8")).devDependencies;
  const words = recipe("typescript7/install").trim().split(/\s+/);
  t.deepEqual(words.slice(0, 3), ["npm", "install", "--save-dev"]);
  const packages = words.slice(3).map((word) => /** @type {RegExpMatchArray} */ (word.match(/^(@?[^@]+)(?:@(.+))?$/)).slice(1));
  t.deepEqual(packages.map(([name]) => name).sort(), ["@types/node", "@typescript/typescript6", "ts-async-init", "typescript"]);
  for (const [name, range] of packages) {
    if (name === "ts-async-init") continue;
    t.true(pinned[name] === range || pinned[name].startsWith(`${range}.`), `${name}@${range} in the README, ${pinned[name]} tested`);
  }
});

test("the recipe's tsc is TypeScript 7, and `npx tsc` would not be (as the README warns)", (t) => {
  const dir = cliProject(SOURCES, "typescript7");
  t.is(sh(dir, TYPECHECK.replace("--noEmit", "--version")).stdout.trim(), "Version 7.0.2");
  t.regex(sh(dir, "node_modules/.bin/tsc --version").stdout, /^Version 6\./);
});

test("TypeScript 7's tsc type-checks the README's sources with no error", (t) => {
  const dir = cliProject(SOURCES, "typescript7");
  const check = sh(dir, TYPECHECK);
  t.is(check.output, "");
  t.is(check.code, 0);
});

test("without the interface, TypeScript 7's tsc reports TS2851 on the await using of a Db (so the declaration is what the recipe needs)", (t) => {
  const db = SOURCES["src/db.ts"];
  t.true(db.includes(INTERFACE));
  const dir = cliProject({ ...SOURCES, "src/db.ts": db.replace(INTERFACE, "") }, "typescript7");
  const check = sh(dir, TYPECHECK);
  t.not(check.code, 0);
  // On `await using b = openDb(…)` (TypeScript 7.0 checks no element of a `for (await using … of …)`); Session has its own teardown.
  t.deepEqual(check.stdout.match(/src\/main\.ts\(\d+,\d+\): error TS\d+/g), ["src/main.ts(7,19): error TS2851"], check.output);
});

test("ts-async-init build (TypeScript 6.0's API) writes the rewritten JavaScript, and it runs in the README's order", (t) => {
  const dir = cliProject(SOURCES, "typescript7");
  const build = sh(dir, BUILD);
  t.is(build.output, "");
  t.is(build.code, 0);
  const run = sh(dir, RUN);
  t.is(run.stderr, "");
  t.is(EXPECTED?.length, 10);
  t.deepEqual(run.stdout.trim().split("\n"), EXPECTED);
  // The .d.ts declares the generated teardown, keeps the tag and the interface; source maps are written.
  const types = read(dir, "out/db.d.ts");
  t.regex(types, /\/\*\* @asyncInit init \*\/\nexport declare class Db \{[^}]*\[Symbol\.asyncDispose\]\(\): Promise<void>;\n\}/);
  t.true(types.includes("export interface Db extends AsyncDisposable {"));
  t.true(JSON.parse(read(dir, "out/main.js.map")).sources.includes("../src/main.ts"));
  t.true(read(dir, "out/main.js").includes('await asyncInit_1.ready((0, db_js_1.openDb)("db://b"))'), "the factory's Db is awaited on entry");
});

test("the command line picks @typescript/typescript6 next to TypeScript 7, and says so", (t) => {
  const dir = cliProject(SOURCES, "typescript7");
  const version = cli(dir, ["--version"]);
  t.is(version.code, 0);
  t.regex(version.stdout, /^ts-async-init \d+\.\d+\.\d+\nTypeScript \(for .*\): @typescript\/typescript6 6\.0\.2 \(TypeScript 6\.0\.\d+\)\n$/);
});

test("next to TypeScript 7, the options only its native compiler knows (checkers, singleThreaded, quiet…) are no error for check and build; builders, which it refuses in tsconfig.json, is one", (t) => {
  const tsconfig = JSON.parse(SOURCES["tsconfig.json"]);
  Object.assign(tsconfig.compilerOptions, { checkers: 2, singleThreaded: true, quiet: true, deduplicatePackages: true });
  const dir = cliProject({ ...SOURCES, "tsconfig.json": JSON.stringify(tsconfig, null, 2) }, "typescript7");
  const native = sh(dir, TYPECHECK);
  t.is(native.output, "", "TypeScript 7's tsc takes them");
  for (const command of ["check", "build"]) {
    const result = cli(dir, [command, "-p", "."]);
    t.is(result.output, "", command);
    t.is(result.code, 0, command);
  }
  t.deepEqual(sh(dir, RUN).stdout.trim().split("\n"), EXPECTED);
  // builders is a flag of the native tsc -b's command line only: the native tsc refuses it in tsconfig.json, and so do check and build.
  tsconfig.compilerOptions.builders = 2;
  const withBuilders = cliProject({ ...SOURCES, "tsconfig.json": JSON.stringify(tsconfig, null, 2) }, "typescript7");
  t.regex(sh(withBuilders, TYPECHECK).output, /error TS5023: Unknown compiler option 'builders'/);
  for (const command of ["check", "build"]) {
    const result = cli(withBuilders, [command, "-p", "."]);
    t.regex(result.output, /error TS50(23|25): Unknown compiler option 'builders'/, command);
    t.is(result.code, 1, command);
  }
});

test("ts-async-init check needs no interface (it corrects TS2851); a declared [Symbol.asyncDispose] type does what the interface does, for the native tsc, check and build", (t) => {
  const withoutInterface = cliProject({ ...SOURCES, "src/db.ts": SOURCES["src/db.ts"].replace(INTERFACE, "") }, "typescript7");
  const clean = cli(withoutInterface, ["check", "-p", "."]);
  t.is(clean.output, "");
  t.is(clean.code, 0);
  // The README's other way, which typescript-eslint's recommended rules do not flag: a type, no member.
  const declared = SOURCES["src/db.ts"]
    .replace(INTERFACE, "")
    .replace("constructor(readonly url: string) {}", "declare [Symbol.asyncDispose]: () => Promise<void>;\n  constructor(readonly url: string) {}");
  t.true(README.includes("declare [Symbol.asyncDispose]: () => Promise<void>;"));
  const dir = cliProject({ ...SOURCES, "src/db.ts": declared }, "typescript7");
  t.is(sh(dir, TYPECHECK).output, "", "TypeScript 7's tsc");
  const check = cli(dir, ["check", "-p", "."]);
  t.is(check.output, "");
  t.is(check.code, 0);
  const build = cli(dir, ["build", "-p", "."]);
  t.is(build.output, "");
  t.deepEqual(sh(dir, RUN).stdout.trim().split("\n"), EXPECTED);
  // The .d.ts declares the declared type as a method (so that a subclass may declare its teardown), and no second member.
  const types = read(dir, "out/db.d.ts");
  t.is(types.match(/\[Symbol\.asyncDispose\]/g)?.length, 2, types); // Db's, Session's own teardown
  t.regex(types, /export declare class Db \{[^}]*\n {4}\[Symbol\.asyncDispose\]\(\): Promise<void>;\n[^}]*\}/);
});

test("with TypeScript 7 alone, build stops with TS46009 and the package to install, and no stack trace", (t) => {
  const dir = cliProject(SOURCES, "7-alone");
  const build = cli(dir, ["build", "-p", "."]);
  t.is(build.code, 1);
  t.is(build.stderr, "");
  t.is(
    build.stdout,
    "error TS46009: ts-async-init's command line needs TypeScript's JavaScript API, and this project's typescript is 7.0.2: TypeScript 7, the native compiler, has none. Install TypeScript 6's API next to it (your tsc stays TypeScript 7): 'npm install --save-dev @typescript/typescript6'.\n",
  );
  t.false(build.output.includes("    at "));
});

test("with no TypeScript at all, check says what to install", (t) => {
  const dir = cliProject(SOURCES, "none");
  const check = cli(dir, ["check"]);
  t.is(check.code, 1);
  t.regex(
    check.stdout,
    /^error TS46009: ts-async-init's command line found no TypeScript for the project in .*\. Install one there: 'npm install --save-dev typescript@5\.9', or 'npm install --save-dev @typescript\/typescript6' next to TypeScript 7\.\n$/,
  );
});

// The text back end (the bundler plugins, ts-async-init/register, ts-async-init/api) parses with
// TypeScript's JavaScript API too: next to TypeScript 7, with @typescript/typescript6's.
const HOOK_APP = {
  "package.json": { name: "app", private: true, type: "module" },
  // Node's type stripping takes no parameter properties.
  "src/db.ts": SOURCES["src/db.ts"].replace("constructor(readonly url: string) {}", "readonly url: string;\n  constructor(url: string) { this.url = url; }"),
  "src/main.ts": SOURCES["src/main.ts"].replace('from "./db.js"', 'from "./db.ts"'),
};
const TRANSFORM = `const { transform } = require("ts-async-init/api");
const result = transform(require("fs").readFileSync("src/db.ts", "utf8"), "src/db.ts");
console.log(JSON.stringify({ rewritten: result.map !== null && result.code.includes("asyncInit_1"), diagnostics: result.diagnostics }));`;

test("next to TypeScript 7, ts-async-init/api, ts-async-init/register and the esbuild plugin parse with @typescript/typescript6", (t) => {
  const dir = cliProject(HOOK_APP, "typescript7");
  // The README's esbuild recipe, with the repository's esbuild (the same version as test/tools/bundlers').
  const build = recipe("esbuild/build.mjs")
    .replace('"esbuild"', JSON.stringify(join(ROOT, "node_modules/esbuild/lib/main.js")))
    .replace("src/index.ts", "src/main.ts");
  writeFiles(dir, { "build.mjs": build });
  const bundled = run(process.execPath, ["build.mjs"], { cwd: dir });
  t.is(bundled.output, "");
  const ran = run(process.execPath, ["dist/index.mjs"], { cwd: dir });
  t.is(ran.stderr, "");
  t.deepEqual(ran.stdout.trim().split("\n"), EXPECTED);

  const api = run(process.execPath, ["-e", TRANSFORM], { cwd: dir });
  t.is(api.stderr, "");
  t.deepEqual(JSON.parse(api.stdout), { rewritten: true, diagnostics: [] });
  const hooked = run(NODE_24, ["--import", "ts-async-init/register", "src/main.ts"], { cwd: dir, env: { NODE_OPTIONS: "--no-warnings" } });
  t.is(hooked.stderr, "");
  t.deepEqual(hooked.stdout.trim().split("\n"), EXPECTED);
  t.is(hooked.code, 0);
});

test("with TypeScript 7 alone, ts-async-init/api and ts-async-init/register stop with TS46009 and the package to install", (t) => {
  const env = { NODE_OPTIONS: "--no-warnings" };
  const dir = cliProject(HOOK_APP, "7-alone");
  const install = "Install TypeScript 6's API next to it (your tsc stays TypeScript 7): 'npm install --save-dev @typescript/typescript6'.";
  const native = `TS46009: ts-async-init parses TypeScript with TypeScript's JavaScript API, and the typescript installed here is 7.0.2: TypeScript 7, the native compiler, has none. ${install}`;
  const api = run(process.execPath, ["-e", TRANSFORM], { cwd: dir, env });
  t.not(api.code, 0);
  t.true(api.stderr.includes(`Error: error ${native}`), api.stderr);
  const hooked = run(NODE_24, ["--import", "ts-async-init/register", "src/main.ts"], { cwd: dir, env });
  t.not(hooked.code, 0);
  t.true(
    hooked.stderr.includes(`src/main.ts has @asyncInit classes or await using, which ts-async-init/register parses with TypeScript. ${native}`),
    hooked.stderr,
  );
  t.notRegex(hooked.stderr, /at .*(node_modules|node:internal)/, "no stack trace");
});
