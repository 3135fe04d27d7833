// The `ts-async-init` command line from the packed package, on a project whose
// typescript is 5.9 (the TypeScript 7 project is test/tools/typescript7.test.mjs):
// usage and mistakes, `check` (tsc's diagnostics less the untrue TS2851, plus this
// package's), `build` (the rewritten output runs), project references, progress.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import { cli, cliProject, read, runJs, sh } from "../support/cli.mjs";
import { recipe } from "../tools/helpers.mjs";

// No @types/node or DOM library to check, each time: the two globals the programs use (a third of the time).
const COMPILER_OPTIONS = { target: "ES2022", module: "commonjs", lib: ["ES2022", "ESNext.Disposable"], types: [], strict: true };
const GLOBALS =
  "declare var console: { log(...data: unknown[]): void };\ndeclare function setTimeout(callback: (...args: any[]) => void, ms?: number): unknown;\n";

const tsconfig = (extra = {}) => ({ compilerOptions: { ...COMPILER_OPTIONS, rootDir: "src", outDir: "out", ...extra }, include: ["src"] });

// Two modules: tagged classes (one without a teardown of its own) and a factory in one, used across the module boundary in the other.
const DB = `export const log: string[] = [];

/** @asyncInit */
export class Db {
  constructor(readonly url: string) { log.push(\`new \${url}\`); }
  async init() { await new Promise((resolve) => setTimeout(resolve, 1)); log.push(\`init \${this.url}\`); }
}

/** @asyncInit */
export class Session {
  async init() { log.push("open session"); }
  async [Symbol.asyncDispose]() { log.push("close session"); }
}

export const openDb = (url: string) => new Db(url);
`;

const MAIN = `import { Db, log, openDb, Session } from "./db";

async function main() {
  const a = await new Db("a");
  log.push(\`a.then \${typeof (a as { then?: unknown }).then}\`);
  {
    await using session = new Session();
    await using b = new Db("b");
    await using c = openDb("c");
    for (await using each of [new Db("d"), openDb("e")]) log.push(\`use \${each.url}\`);
    log.push(\`body \${b.url} \${c.url}\`);
  }
  console.log(log.join(", "));
}
main();
`;

const EXPECTED =
  "new a, init a, a.then undefined, open session, new b, init b, new c, init c, new d, new e, init d, use d, init e, use e, body b c, close session";

const APP = {
  "package.json": { name: "app", private: true },
  "tsconfig.json": tsconfig({ declaration: true, sourceMap: true }),
  "src/globals.d.ts": GLOBALS,
  "src/db.ts": DB,
  "src/main.ts": MAIN,
};

test("--help prints the usage on stdout; no arguments print it on stderr, status 2; --version", (t) => {
  const dir = cliProject({}, "5.9");
  const help = cli(dir, ["--help"]);
  t.is(help.code, 0);
  t.is(help.stderr, "");
  t.regex(help.stdout, /^Usage: ts-async-init <command> \[-p <tsconfig\.json or its folder>\]/);
  t.regex(help.stdout, /\n  check +Type-checks/);
  t.regex(help.stdout, /\n  build +Compiles/);
  t.deepEqual(cli(dir, ["check", "--help"]).stdout, help.stdout);
  const none = cli(dir, []);
  t.is(none.code, 2);
  t.is(none.stdout, "");
  t.is(none.stderr, help.stdout);
  const version = cli(dir, ["--version"]);
  t.is(version.code, 0);
  t.regex(version.stdout, /^ts-async-init \d+\.\d+\.\d+\nTypeScript \(for .*\): typescript 5\.9\.\d+\n$/);
});

test("a wrong command line: one line on stderr, status 2", (t) => {
  const dir = cliProject({}, "5.9");
  for (const [args, message] of /** @type {[string[], string][]} */ ([
    [["chekc"], "ts-async-init: unknown command 'chekc'. The commands are 'check' and 'build'; see 'ts-async-init --help'.\n"],
    [
      ["check", "--watch"],
      "ts-async-init: unknown option '--watch' for check. It takes -p <tsconfig.json or its folder> and --pretty [true|false]; see 'ts-async-init --help'.\n",
    ],
    [["build", "-p"], "ts-async-init: -p needs a value: the project's tsconfig.json, or its folder.\n"],
    [["check", "src/main.ts"], "ts-async-init: unexpected argument 'src/main.ts': check compiles a project; name its tsconfig.json (or folder) with -p.\n"],
  ])) {
    const result = cli(dir, args);
    t.is(result.code, 2, args.join(" "));
    t.is(result.stdout, "");
    t.is(result.stderr, message);
  }
});

test("a missing tsconfig.json: tsc's own message, status 1", (t) => {
  const dir = cliProject({ "src/main.ts": MAIN }, "5.9");
  const missing = cli(dir, ["check", "-p", "nope.json"]);
  t.is(missing.code, 1);
  t.is(missing.output, "error TS5058: The specified path does not exist: 'nope.json'.\n");
  const noConfig = cli(dir, ["build"]);
  t.is(noConfig.code, 1);
  t.is(noConfig.output, "error TS5057: Cannot find a tsconfig.json file at the specified directory: '.'.\n");
});

test("an invalid tsconfig.json: TypeScript's diagnostics of it, with line and column, status 1", (t) => {
  const dir = cliProject(
    { "tsconfig.json": `{\n  "compilerOptions": { "strict": true, "notAnOption": 1 },\n  "include": ["src"]\n`, "src/main.ts": "export const x = 1;\n" },
    "5.9",
  );
  const check = cli(dir, ["check", "-p", "tsconfig.json"]);
  t.is(check.code, 1);
  t.is(check.stderr, "");
  t.is(check.stdout, "tsconfig.json(2,40): error TS5023: Unknown compiler option 'notAnOption'.\ntsconfig.json(4,1): error TS1005: '}' expected.\n");
});

test("check: no untrue TS2851 for await using of an imported class without a teardown, where plain tsc reports it; nothing written, status 0", (t) => {
  const dir = cliProject(APP, "5.9");
  const tsc = spawnSync(process.execPath, [join(dir, "node_modules/typescript/bin/tsc"), "-p", ".", "--noEmit"], { cwd: dir, encoding: "utf8" });
  t.deepEqual(
    tsc.stdout.match(/^src\/main\.ts\(\d+,\d+\): error TS\d+/gm),
    ["src/main.ts(8,21): error TS2851", "src/main.ts(9,21): error TS2851"],
    "plain tsc reports it",
  );
  const check = cli(dir, ["check", "-p", "."]);
  t.is(check.output, "");
  t.is(check.code, 0);
  t.false(existsSync(join(dir, "out")));
});

test("check: this package's error (TS46001) in tsc's format, a real type error, and a warning; status 1", (t) => {
  const broken = `/** @asyncInit */\nexport class NoInit {\n  start() {}\n}\nexport const wrong: number = "text";\n/** @asyncInit */\nexport function notAClass() {}\n`;
  const dir = cliProject({ ...APP, "src/broken.ts": broken }, "5.9");
  const check = cli(dir, ["check", "-p", "."]);
  t.is(check.code, 1);
  t.is(check.stderr, "");
  t.deepEqual(check.stdout.trim().split("\n"), [
    "src/broken.ts(2,14): error TS46001: @asyncInit class 'NoInit' has no method 'init'. Declare 'async init() { … }', or name the init method in the tag: '@asyncInit setup'.",
    "src/broken.ts(5,14): error TS2322: Type 'string' is not assignable to type 'number'.",
    "src/broken.ts(6,1): warning TS46003: @asyncInit only applies to a class, and this comment is not directly before one: it is ignored. Move it to the JSDoc block right before 'class'.",
  ]);
  // --pretty: tsc's colours, the code excerpt and tsc's summary (of the errors).
  const pretty = cli(dir, ["check", "--pretty"]);
  t.is(pretty.code, 1);
  t.true(pretty.stdout.includes("\x1b[96msrc/broken.ts\x1b[0m:\x1b[93m2\x1b[0m:\x1b[93m14\x1b[0m - \x1b[91merror\x1b[0m\x1b[90m TS46001: "), pretty.stdout);
  t.true(
    pretty.stdout.endsWith("\nFound 2 errors in the same file, starting at: src/broken.ts\x1b[90m:2\x1b[0m\n\n"),
    JSON.stringify(pretty.stdout.slice(-120)),
  );
});

test("code nested more deeply than TypeScript's parser can go (tsc stops with a stack too): error TS46099 at the file, for check and build, incremental builds, and a file outside `include` that a source imports; no stack, status 1", (t) => {
  const deep = `export const nested = ${"[".repeat(30000)}${"]".repeat(30000)};\n`;
  const message = (file) =>
    new RegExp(
      `^${file.replace(".", "\\.")}\\(1,1\\): error TS46099: TypeScript 5\\.9\\.\\d+'s parser failed on this file \\(Maximum call stack size exceeded\\); tsc fails on it too\\. Its code is nested more deeply than TypeScript can parse: nest it less deeply\\.$`,
    );
  const dir = cliProject({ ...APP, "src/deep.ts": deep }, "5.9");
  const imported = cliProject(
    { ...APP, "src/main.ts": `import { nested } from "../vendor/deep";\n${APP["src/main.ts"]}\nconsole.log(nested.length);\n`, "vendor/deep.ts": deep },
    "5.9",
  );
  const incremental = cliProject({ ...APP, "src/deep.ts": deep, "tsconfig.json": tsconfig({ incremental: true }) }, "5.9");
  for (const [project, file] of [
    [dir, "src/deep.ts"],
    [imported, "vendor/deep.ts"],
    [incremental, "src/deep.ts"],
  ]) {
    for (const command of ["check", "build"]) {
      const run = cli(project, [command, "-p", "."]);
      t.is(run.code, 1, `${command} ${file}`);
      t.is(run.stderr, "", `${command} ${file}`);
      t.regex(run.stdout.trim(), message(file), `${command} ${file}`);
    }
  }
});

test("listEmittedFiles and listFiles print what tsc prints (TSFILE: lines after the diagnostics, the program's files); options whose output is tsc's own work get a note on stderr", (t) => {
  const dir = cliProject({ ...APP, "tsconfig.json": tsconfig({ declaration: true, sourceMap: true, listEmittedFiles: true, listFiles: true }) }, "5.9");
  const tscLines = (args) => {
    const result = spawnSync(process.execPath, [join(dir, "node_modules/typescript/bin/tsc"), "-p", ".", ...args], { cwd: dir, encoding: "utf8" });
    return result.stdout.split("\n").filter((line) => line.startsWith("TSFILE: ") || line.startsWith("/"));
  };
  const ownLines = (output) => output.split("\n").filter((line) => line.startsWith("TSFILE: ") || line.startsWith("/"));
  const plainBuild = tscLines([]);
  t.true(plainBuild.some((line) => line === `TSFILE: ${join(dir, "out/db.js")}`));
  t.true(plainBuild.some((line) => line.endsWith("/src/main.ts")));
  const build = cli(dir, ["build"]);
  t.is(build.code, 0, build.output);
  t.deepEqual(ownLines(build.stdout), plainBuild);
  const check = cli(dir, ["check"]);
  t.deepEqual(ownLines(check.stdout), tscLines(["--noEmit"]));

  const noted = cliProject({ ...APP, "tsconfig.json": tsconfig({ extendedDiagnostics: true }) }, "5.9");
  const result = cli(noted, ["check"]);
  t.is(result.code, 0);
  t.is(
    result.stderr,
    "ts-async-init: tsconfig.json sets extendedDiagnostics, which check does not act on (what tsc prints of its own work): run tsc --noEmit for it.\n",
  );
});

test("check --pretty lays out errors as tsc --noEmit --pretty does, byte for byte: a blank line after each, the summary and the table of files", (t) => {
  const wrong = (n) => `export const wrong${n}: number = "text";\n`;
  const dir = cliProject(
    { "package.json": APP["package.json"], "tsconfig.json": tsconfig(), "src/a.ts": wrong(1) + wrong(2), "src/b.ts": `\n${wrong(3)}` },
    "5.9",
  );
  const tsc = spawnSync(process.execPath, [join(dir, "node_modules/typescript/bin/tsc"), "-p", ".", "--noEmit", "--pretty"], { cwd: dir, encoding: "utf8" });
  t.regex(tsc.stdout, /Found 3 errors in 2 files\.[\s\S]*Errors {2}Files/);
  const check = cli(dir, ["check", "--pretty"]);
  t.is(check.code, 1);
  t.is(check.stdout, tsc.stdout);
});

test("check piped into a command that stops reading (| head -1): no EPIPE error on stderr, and the run's status", (t) => {
  const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`src/c${i}.ts`, `/** @asyncInit */\nexport class C${i} {\n  start() {}\n}\n`]));
  const dir = cliProject({ ...APP, ...many }, "5.9");
  for (let round = 0; round < 3; round++) {
    const piped = sh(dir, "{ node node_modules/ts-async-init/dist/cli.js check -p . --pretty true 2>stderr.txt; echo $? >status.txt; } | head -1");
    t.is(piped.code, 0);
    t.is(read(dir, "stderr.txt"), "", `round ${round}`);
    t.is(read(dir, "status.txt").trim(), "1", "errors: status 1");
  }
});

test("check is tsc --noEmit: options that only noEmit allows (allowImportingTsExtensions, for Node's type stripping) are no error; build reports them as tsc does", (t) => {
  const withTs = (text) => text.replace('from "./db"', 'from "./db.ts"');
  const dir = cliProject({ ...APP, "src/main.ts": withTs(APP["src/main.ts"]), "tsconfig.json": tsconfig({ allowImportingTsExtensions: true }) }, "5.9");
  const check = cli(dir, ["check", "-p", "."]);
  t.is(check.output, "");
  t.is(check.code, 0);
  t.false(existsSync(join(dir, "out")));
  const build = cli(dir, ["build", "-p", "."]);
  t.regex(build.stdout, /error TS5096: Option 'allowImportingTsExtensions' can only be used when/);
  t.is(build.code, 1);
});

test("check: TS46022 where a for (…; …; …) head's second await using is typed any, as without a checker", (t) => {
  const loop = `import { Db } from "./db";\nexport async function each() {\n  const anyDb: any = () => new Db("x");\n  for (await using p = anyDb(), q = anyDb(); ; ) { console.log(p, q); break; }\n}\n`;
  const dir = cliProject({ ...APP, "src/loop.ts": loop }, "5.9");
  const check = cli(dir, ["check"]);
  t.regex(check.stdout, /^src\/loop\.ts\(4,33\): warning TS46022: 'q' is not awaited on entry/m);
  t.is(check.code, 0);
});

test("check: option errors are at their place in tsconfig.json, this package's (TS46006) and TypeScript's (TS5069)", (t) => {
  const config = tsconfig({
    declarationMap: true,
    plugins: [{ transform: "ts-async-init", transformProgram: true, initMethod: "not a name", initMethd: "setup" }],
  });
  const dir = cliProject({ ...APP, "tsconfig.json": config }, "5.9");
  const check = cli(dir, ["check"]);
  t.is(check.code, 1);
  const lines = read(dir, "tsconfig.json").split("\n");
  const at = (text) => {
    const line = lines.findIndex((each) => each.includes(text));
    return `tsconfig.json(${line + 1},${lines[line].indexOf(text) + 1})`;
  };
  t.true(check.stdout.includes(`${at('"not a name"')}: error TS46006: ts-async-init: plugin option 'initMethod' is "not a name"`), check.stdout);
  t.true(check.stdout.includes(`${at('"declarationMap"')}: error TS5069: `), check.stdout);
  // An unknown option at its name, as TypeScript reports an unknown compiler option.
  t.true(check.stdout.includes(`${at('"initMethd"')}: error TS46006: ts-async-init: unknown plugin option 'initMethd'`), check.stdout);
});

test("check: an option error in a config file that tsconfig.json extends is at its place there", (t) => {
  const base = tsconfig({ plugins: [{ transform: "ts-async-init", transformProgram: true, initMethd: "setup" }] });
  const dir = cliProject({ ...APP, "tsconfig.base.json": base, "tsconfig.json": { extends: "./tsconfig.base.json" } }, "5.9");
  const check = cli(dir, ["check"]);
  t.is(check.code, 1);
  const lines = read(dir, "tsconfig.base.json").split("\n");
  const line = lines.findIndex((each) => each.includes('"initMethd"'));
  const at = `tsconfig.base.json(${line + 1},${lines[line].indexOf('"initMethd"') + 1})`;
  t.true(check.stdout.includes(`${at}: error TS46006: ts-async-init: unknown plugin option 'initMethd'`), check.stdout);
});

test("check: a warning alone is printed, and the status is 0", (t) => {
  const dir = cliProject({ ...APP, "src/stray.ts": "/** @asyncInit */\nexport const notAClass = 1;\n" }, "5.9");
  const check = cli(dir, ["check"]);
  t.regex(check.stdout, /^src\/stray\.ts\(1,1\): warning TS46003: /);
  t.is(check.code, 0);
});

test("check says what build says of the .d.ts the project writes (TS46012, TS46013), though it writes none", (t) => {
  const dir = cliProject(
    {
      ...APP,
      "src/expr.ts": "export const Expr = /** @asyncInit */ class { async init() {} };\n",
      "tsconfig.json": tsconfig({ declaration: true, removeComments: true }),
    },
    "5.9",
  );
  const codes = (output) => [...output.matchAll(/^(src\/[^(]+)\(\d+,\d+\): warning (TS4601[23])/gm)].map(([, file, code]) => `${file} ${code}`).sort();
  const build = cli(dir, ["build"]);
  t.true(codes(build.stdout).includes("src/expr.ts TS46013"), build.output);
  t.true(codes(build.stdout).includes("src/db.ts TS46012"), build.output);
  const check = cli(dir, ["check"]);
  t.deepEqual(codes(check.stdout), codes(build.stdout), check.output);
  t.is(check.code, 0);
});

test("the README's commands: check passes; build writes the rewritten JavaScript, which runs in the documented order, a .d.ts that declares [Symbol.asyncDispose], and source maps", (t) => {
  const dir = cliProject(APP, "5.9");
  const [checkLine, buildLine] = recipe("cli/commands")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean);
  const check = sh(dir, checkLine);
  t.is(check.output, "");
  t.is(check.code, 0);
  t.false(existsSync(join(dir, "out")), "check writes nothing");
  const build = sh(dir, buildLine);
  t.is(build.output, "");
  t.is(build.code, 0);
  t.deepEqual(readdirSync(join(dir, "out")).sort(), ["db.d.ts", "db.js", "db.js.map", "main.d.ts", "main.js", "main.js.map"]);
  const run = runJs(join(dir, "out/main.js"), dir);
  t.is(run.stderr, "");
  t.is(run.stdout.trim(), EXPECTED);
  t.regex(read(dir, "out/db.d.ts"), /\/\*\* @asyncInit init \*\/\nexport declare class Db \{[^}]*\[Symbol\.asyncDispose\]\(\): Promise<void>;\n\}/);
});

test("build: noEmitOnError stops the output on an error (status 1); noEmit writes nothing", (t) => {
  const broken = { ...APP, "src/broken.ts": `export const wrong: number = "text";\n` };
  const stopped = cliProject({ ...broken, "tsconfig.json": tsconfig({ noEmitOnError: true }) }, "5.9");
  const build = cli(stopped, ["build"]);
  t.is(build.code, 1);
  t.regex(build.stdout, /^src\/broken\.ts\(1,14\): error TS2322: /);
  t.false(existsSync(join(stopped, "out")));
  const emitted = cliProject(broken, "5.9");
  t.is(cli(emitted, ["build"]).code, 1, "an error fails the build");
  t.true(existsSync(join(emitted, "out/main.js")), "and the output is written, as tsc writes it");
  const noEmit = cliProject({ ...APP, "tsconfig.json": tsconfig({ noEmit: true }) }, "5.9");
  t.is(cli(noEmit, ["build"]).code, 0);
  t.false(existsSync(join(noEmit, "out")));
});

test("build with other transformers in the plugins: it says on stderr that it runs this package's rewrite only, and builds; check says nothing of them", (t) => {
  const plugins = [{ transform: "./upper.cjs" }, { transform: "ts-async-init", transformProgram: true }, { name: "ts-async-init" }];
  const dir = cliProject({ ...APP, "tsconfig.json": tsconfig({ plugins }), "upper.cjs": "module.exports = () => () => (file) => file;\n" }, "5.9");
  const build = cli(dir, ["build"]);
  t.is(build.code, 0, build.stdout);
  t.is(
    build.stderr,
    "ts-async-init: tsconfig.json names other transformers in its plugins ('./upper.cjs'); build runs this package's rewrite only, and not them: build with tspc to run them all.\n",
  );
  t.is(runJs(join(dir, "out/main.js"), dir).stdout.trim(), EXPECTED);
  const check = cli(dir, ["check"]);
  t.is(check.code, 0, check.stdout);
  t.is(check.stderr, "");
});

test("a bundler's entry of this package named as a transformer in tsconfig.json (tspc stops on it) is error TS46010 at its place for check and build, which write nothing", (t) => {
  const plugins = [{ transform: "ts-async-init/vite", transformProgram: true }, { name: "ts-async-init" }];
  const dir = cliProject({ ...APP, "tsconfig.json": tsconfig({ plugins }) }, "5.9");
  for (const mode of ["check", "build"]) {
    const result = cli(dir, [mode]);
    t.is(result.code, 1, mode);
    t.regex(
      result.stdout,
      /^tsconfig\.json\(\d+,\d+\): error TS46010: ts-async-init\/vite is a bundler's plugin, and was loaded as a TypeScript transformer/m,
      mode,
    );
    t.is(result.stderr, "", `${mode}: not taken for another transformer`);
  }
  t.false(existsSync(join(dir, "out")));
});

test("build: under noEmitOnError, with composite or incremental too, a warning of this package (TS46003) does not stop the output (status 0, the warning printed once)", (t) => {
  const warned = { ...APP, "src/stray.ts": `/** @asyncinit */\nexport class Stray {}\n` };
  for (const options of [{}, { composite: true }, { incremental: true }]) {
    const dir = cliProject({ ...warned, "tsconfig.json": tsconfig({ noEmitOnError: true, ...options }) }, "5.9");
    const build = cli(dir, ["build"]);
    const label = JSON.stringify(options);
    t.is(build.code, 0, `${label}: ${build.stdout}${build.stderr}`);
    t.is(build.stdout.match(/warning TS46003/g)?.length, 1, `${label}: ${build.stdout}`);
    t.true(existsSync(join(dir, "out/main.js")), label);
    t.is(runJs(join(dir, "out/main.js"), dir).stdout.trim(), EXPECTED, label);
  }
});

test("build with incremental after plain tsc wrote the .tsbuildinfo (tsc --noEmit, or a plain build): every file checked and emitted again, no untrue TS2851, the rewrite in the output", (t) => {
  for (const first of [["--noEmit"], []]) {
    const dir = cliProject({ ...APP, "tsconfig.json": tsconfig({ incremental: true }) }, "5.9");
    const tsc = spawnSync(process.execPath, [join(dir, "node_modules/typescript/bin/tsc"), "-p", ".", ...first], { cwd: dir, encoding: "utf8" });
    t.regex(tsc.stdout, /error TS2851/, "plain tsc reports it, and keeps it in its .tsbuildinfo");
    t.true(existsSync(join(dir, "tsconfig.tsbuildinfo")));
    for (const build of [1, 2]) {
      const built = cli(dir, ["build", "-p", "."]);
      t.is(built.output, "", `after tsc ${first.join(" ")}, build ${build}`);
      t.is(built.code, 0);
      const run = runJs(join(dir, "out/main.js"), dir);
      t.is(run.stdout.trim(), EXPECTED, `after tsc ${first.join(" ")}, build ${build}: the output is rewritten`);
    }
  }
});

test("project references: check reads the referenced project from its sources; build builds it first, and the app runs; past a referenced project's errors, build goes on, as tsc -b does", (t) => {
  const files = {
    "tsconfig.base.json": { compilerOptions: COMPILER_OPTIONS },
    "lib/tsconfig.json": { extends: "../tsconfig.base.json", compilerOptions: { composite: true } },
    "lib/globals.d.ts": GLOBALS,
    "lib/db.ts": DB,
    "app/tsconfig.json": { extends: "../tsconfig.base.json", references: [{ path: "../lib" }] },
    "app/globals.d.ts": GLOBALS,
    "app/main.ts": MAIN.replace(`"./db"`, `"../lib/db"`),
  };
  const dir = cliProject(files, "5.9");
  const check = cli(dir, ["check", "-p", "app"]);
  t.is(check.output, "");
  t.is(check.code, 0);
  t.false(existsSync(join(dir, "lib/db.d.ts")), "check wrote nothing");

  const brokenLib = cliProject({ ...files, "lib/db.ts": `${DB}export const wrong: number = "text";\n` }, "5.9");
  const reported = cli(brokenLib, ["check", "-p", "app"]);
  t.is(reported.code, 1);
  t.is(reported.stdout, "lib/db.ts(16,14): error TS2322: Type 'string' is not assignable to type 'number'.\n", "reported once, by the project it belongs to");
  // build goes on past lib's errors, as tsc -b does from TypeScript 5.6 on: lib's output is written, and app builds on it.
  const LIB_ERROR = "lib/db.ts(16,14): error TS2322: Type 'string' is not assignable to type 'number'.\n";
  const continued = cli(brokenLib, ["build", "-p", "app"]);
  t.is(continued.code, 1);
  t.is(continued.stdout, LIB_ERROR);
  t.is(continued.stderr, "");
  t.is(runJs(join(brokenLib, "app/main.js"), brokenLib).stdout.trim(), EXPECTED, "app is built, and runs");
  // A solution that references both: lib's error once, and every project built.
  const solution = cliProject(
    { ...files, "lib/db.ts": `${DB}export const wrong: number = "text";\n`, "tsconfig.json": { files: [], references: [{ path: "lib" }, { path: "app" }] } },
    "5.9",
  );
  const chain = cli(solution, ["build"]);
  t.is(chain.code, 1);
  t.is(chain.output, LIB_ERROR);
  t.true(existsSync(join(solution, "app/main.js")));
  // --pretty ends as tsc -b --pretty ends (plain tsc -b, with the untrue TS2851s too): the count alone, no table of files.
  const tscB = spawnSync(process.execPath, [join(solution, "node_modules/typescript/bin/tsc"), "-b", "--pretty"], { cwd: solution, encoding: "utf8" });
  t.regex(tscB.stdout, /\n\nFound \d+ errors?\.\n\n$/);
  t.notRegex(tscB.stdout, /Errors {2}Files/);
  const pretty = cli(solution, ["build", "--pretty"]).stdout;
  t.true(pretty.endsWith("\n\nFound 1 error.\n\n"), JSON.stringify(pretty.slice(-80)));

  const build = cli(dir, ["build", "-p", "app/tsconfig.json"]);
  t.is(build.output, "");
  t.is(build.code, 0);
  t.true(existsSync(join(dir, "lib/tsconfig.tsbuildinfo")), "the composite project's .tsbuildinfo, as tsc -b writes it");
  t.true(read(dir, "lib/db.d.ts").includes("[Symbol.asyncDispose](): Promise<void>;"));
  const run = runJs(join(dir, "app/main.js"), dir);
  t.is(run.stderr, "");
  t.is(run.stdout.trim(), EXPECTED);
});

test("project references with an initMethod of the referenced project's own: check reads a bare tag there with that project's initMethod (no false TS2851 'not rewritten, for TS46001' in the app), and build runs it", (t) => {
  const withPlugin = (initMethod) => ({ plugins: [{ transform: "ts-async-init", transformProgram: true, ...(initMethod ? { initMethod } : {}) }] });
  const dir = cliProject(
    {
      "tsconfig.base.json": { compilerOptions: COMPILER_OPTIONS },
      "lib/tsconfig.json": { extends: "../tsconfig.base.json", compilerOptions: { composite: true, ...withPlugin("setup") } },
      "lib/globals.d.ts": GLOBALS,
      "lib/pool.ts": "/** @asyncInit */\nexport class Pool {\n  ready = false;\n  async setup(): Promise<void> {\n    this.ready = true;\n  }\n}\n",
      "app/tsconfig.json": { extends: "../tsconfig.base.json", compilerOptions: withPlugin(), references: [{ path: "../lib" }] },
      "app/globals.d.ts": GLOBALS,
      "app/main.ts":
        'import { Pool } from "../lib/pool";\n\nasync function main(): Promise<void> {\n  await using pool = new Pool();\n  console.log("ready", pool.ready);\n}\nmain();\n',
    },
    "5.9",
  );
  const check = cli(dir, ["check", "-p", "app"]);
  t.is(check.output, "");
  t.is(check.code, 0);
  const build = cli(dir, ["build", "-p", "app"]);
  t.is(build.output, "");
  t.is(build.code, 0);
  t.is(runJs(join(dir, "app/main.js"), dir).stdout.trim(), "ready true");
});

test("project references that form a cycle: check and build stop with tsc -b's error TS6202, and write nothing", (t) => {
  const files = {
    "app/tsconfig.json": { compilerOptions: { ...COMPILER_OPTIONS, composite: true }, references: [{ path: "../lib" }], files: ["main.ts"] },
    "app/main.ts": "export const a = 1;\n",
    "lib/tsconfig.json": { compilerOptions: { ...COMPILER_OPTIONS, composite: true }, references: [{ path: "../app" }], files: ["db.ts"] },
    "lib/db.ts": "export const l = 1;\n",
  };
  const dir = cliProject(files, "5.9");
  for (const command of ["check", "build"]) {
    const result = cli(dir, [command, "-p", "app"]);
    t.is(result.code, 1, command);
    t.is(
      result.stdout,
      `error TS6202: Project references may not form a circular graph. Cycle detected: ${join(dir, "app/tsconfig.json")}\n${join(dir, "lib/tsconfig.json")}\n`,
      command,
    );
  }
  t.false(existsSync(join(dir, "lib/db.js")) || existsSync(join(dir, "app/main.js")), "nothing written");
});

test("a project of 500 files or more: a progress line on stderr, at each quarter; stdout stays clean", (t) => {
  const files = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`src/m${i}.ts`, `export const v${i}: number = ${i};\n`]));
  const dir = cliProject({ ...files, "tsconfig.json": tsconfig() }, "5.9");
  const check = cli(dir, ["check"]);
  t.is(check.stdout, "");
  t.is(check.code, 0);
  const lines = check.stderr.trim().split("\n");
  t.is(lines.length, 4, check.stderr);
  t.regex(lines[3], /^ts-async-init: checked (\d+)\/\1 files of tsconfig\.json$/);
});

test("the command line loads no bundler code and not the text back end", (t) => {
  const dir = cliProject(APP, "5.9");
  const script = `process.argv = [process.argv[0], "ts-async-init", "check"];
process.on("exit", () => console.error(Object.keys(require.cache).filter((f) => /magic-string|unplugin|emit\\/text|frontends\\/api/.test(f)).length));
require(${JSON.stringify(join(dir, "node_modules/ts-async-init/dist/cli.js"))});`;
  const result = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
  t.is(result.stdout, "");
  t.is(result.stderr.trim(), "0");
});

test("on a terminal, the progress line is rewritten in place at most every 100 ms, and erased at the end", (t) => {
  const { createProgress } = createRequire(import.meta.url)("../../dist/frontends/cli/report.js");
  const written = [];
  let time = 0;
  const progress = createProgress({ isTTY: true, write: (text) => written.push(text) }, 3, "tsconfig.json", () => time);
  progress.tick();
  time = 150;
  progress.tick();
  time = 200;
  progress.tick();
  progress.end();
  t.deepEqual(written, ["\r\x1b[Kts-async-init: checked 2/3 files of tsconfig.json", "\r\x1b[K"]);
  const quick = [];
  const none = createProgress({ isTTY: true, write: (text) => quick.push(text) }, 3, "tsconfig.json", () => 0);
  none.tick();
  none.end();
  t.deepEqual(quick, [], "a check quicker than 100 ms shows nothing");
});

test("an unexpected failure is one line, error TS46099, with status 1 and no stack trace", (t) => {
  const { main } = createRequire(import.meta.url)("../../dist/frontends/cli/index.js");
  const written = [];
  const output = { write: (text) => written.push(text) };
  // A path Node.js refuses (a NUL byte): fs throws where nothing expects it.
  const status = main(["check", "-p", "bad\0path"], { stdout: output, stderr: output, cwd: process.cwd(), env: {} });
  t.is(status, 1);
  t.is(written.length, 1);
  t.regex(written[0], /^error TS46099: ts-async-init check failed: .*\. Please report it with the project\.\n$/);
});

test("an error that two projects report (a referenced project without composite, TS6306, read by the solution and by the app) is printed once", (t) => {
  const dir = cliProject(
    {
      "tsconfig.json": { files: [], references: [{ path: "lib" }, { path: "app" }] },
      "lib/tsconfig.json": { compilerOptions: COMPILER_OPTIONS },
      "lib/db.ts": `export const n: number = 1;\n`,
      "app/tsconfig.json": { compilerOptions: COMPILER_OPTIONS, references: [{ path: "../lib" }] },
      "app/main.ts": `import { n } from "../lib/db";\nconsole.log(n);\n`,
    },
    "5.9",
  );
  const check = cli(dir, ["check"]);
  t.is(check.code, 1);
  t.is(check.stdout.match(/error TS6306/g)?.length, 1, check.stdout);
});
