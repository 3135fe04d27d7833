// Bun 1.4 with ts-async-init/bun, set up as the README says (test/tools/bundlers/helpers.mjs):
// Bun.build, and Bun's runtime (bun run, bun test) through a bunfig.toml preload.

import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { APP, assertInstalled, bin, checkInstallLine, EXPECTED, lineOf, NODE_24, plumbingCopies, RETRY, recipe, run, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

const BUN = bin("bun");
const BROKEN = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
const WARNED = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport function notAClass(): void {}\n`;
const FAIL = '/** @asyncInit */\nexport class Fails {\n  async init(): Promise<void> {\n    throw new Error("init failed on purpose");\n  }\n}\n';
const FAIL_INDEX = `import { Fails } from "./fail";\n\nnew Fails().then(undefined, (error: Error) => console.log(error.stack));\n`;
/** The error and the warning, as Bun prints them: the message starts with file:line:col (1-based). */
const ERROR = new RegExp(
  `\\[unplugin\\] ts-async-init: \\S*/src/db\\.ts:${lineOf(BROKEN, "class Broken")}:14: TS46001: @asyncInit class 'Broken' has no method 'init'`,
);
const WARNING = new RegExp(`\\[unplugin\\] \\S*/src/db\\.ts:${lineOf(WARNED, "export function notAClass") - 1}:1: TS46003: @asyncInit only applies to a class`);
/** The app's test for `bun test`. */
const BUN_TEST = `import { expect, test } from "bun:test";
import { EXPECTED } from "./expected";
import { main } from "./main";

test("every await using is awaited on entry, across modules, and disposed in order", async () => {
  expect(await main()).toBe(EXPECTED);
});
`;

/** The app with the README's build script, preload script and bunfig.toml. */
const app = (name, files = {}) =>
  writeApp(name, { ...APP, "build.ts": recipe("bun/build.ts"), "preload.ts": recipe("bun/preload.ts"), "bunfig.toml": recipe("bun/bunfig.toml"), ...files });
/**
 * An app whose one entry the README's build script bundles for target "node" (which lowers
 * `await using`: `lowered`, built here); `build-bun.ts` bundles it for target "bun".
 */
function builtForTwoTargets(name, entry, source) {
  const script = recipe("bun/build.ts").replace('entrypoints: ["src/index.ts"]', `entrypoints: ["${entry}"]`);
  const dir = app(name, { [entry]: source, "build.ts": script, "build-bun.ts": script.replace('target: "node"', 'target: "bun"') });
  return { dir, lowered: run(BUN, ["build.ts"], { cwd: dir }) };
}
/** A line of a stack trace in fail.ts, with its line number. */
const failFrame = (stack) => stack.match(/src\/fail\.ts:(\d+):\d+/)?.[1];

test("the README's install line names the versions tested here", (t) => {
  checkInstallLine(t, "bun/install");
});

test("Bun.build: the bundle runs on Node 20 (await using lowered) and holds the plumbing once; TS46001 fails the build at file:line:col, TS46003 does not", (t) => {
  const dir = app("bun-build");
  const result = run(BUN, ["build.ts"], { cwd: dir });
  t.is(result.code, 0, result.output);
  t.is(result.output.trim(), "", "no warning");
  const bundle = readFileSync(join(dir, "dist/index.js"), "utf8");
  t.is(plumbingCopies(bundle), 1);
  t.false(bundle.includes("\0"), "no NUL byte (the plumbing module's id is written into a comment)");
  t.notRegex(bundle, /createRequire/, "no import Bun adds when a plugin resolves every import");
  t.notRegex(bundle, /^(?! *\*).*\bawait using\b/m);
  const ran = run(process.execPath, ["dist/index.js"], { cwd: dir });
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), EXPECTED);

  const failed = run(BUN, ["build.ts"], { cwd: app("bun-build-error", { "src/db.ts": BROKEN }) });
  t.not(failed.code, 0);
  t.regex(failed.output, ERROR);

  const warnedDir = app("bun-build-warning", { "src/db.ts": WARNED });
  const warned = run(BUN, ["build.ts"], { cwd: warnedDir });
  t.is(warned.code, 0, warned.output);
  t.regex(warned.output, WARNING);
  t.is(run(process.execPath, ["dist/index.js"], { cwd: warnedDir }).stdout.trim(), EXPECTED);
});

test("Bun.build lowering await using (target node): warning TS46023 at an await using in a loop that catches its errors, which Bun's lowering gets wrong; none with target bun, nor under bun run", (t) => {
  const line = lineOf(RETRY, "await using db");
  const { dir, lowered } = builtForTwoTargets("bun-build-retry", "src/retry.ts", RETRY);
  t.is(lowered.code, 0, lowered.output);
  t.regex(
    lowered.output,
    new RegExp(`\\[unplugin\\] \\S*/src/retry\\.ts:${line}:5: TS46023: Bun lowers this 'await using' wrongly in a loop that catches its errors`),
  );
  t.is((lowered.output.match(/TS46023/g) ?? []).length, 1, "the function's await using is not warned about");
  t.is(
    run(process.execPath, ["dist/retry.js"], { cwd: dir }).stdout.trim(),
    "failed bad cannot connect bad\nconnected good\nfailed good cannot connect bad\nfailed bad cannot connect bad\nconnected good",
  );
  const native = run(BUN, ["build-bun.ts"], { cwd: dir });
  t.is(native.code, 0, native.output);
  t.notRegex(native.output, /TS46023/);
  const ranByBun = run(BUN, ["run", "src/retry.ts"], { cwd: dir });
  t.notRegex(ranByBun.output, /TS46023/);
  t.is(ranByBun.stdout.trim(), "failed bad cannot connect bad\nconnected good\nfailed bad cannot connect bad\nconnected good");
});

test("Bun.build lowering await using (target node): warning TS46024 at an await using in a for (…; …; …) head, which Bun leaves as written (the bundle then fails on Node 20 and runs on Node 24); none with target bun", (t) => {
  const loop = `/** @asyncInit */
export class Page {
  more = true;
  async init(): Promise<void> {
    console.log("init page");
  }
}

export async function main(): Promise<void> {
  for (await using page = new Page(); page.more; page.more = false) console.log("body");
}

await main();
`;
  const { dir, lowered } = builtForTwoTargets("bun-build-for-head", "src/loop.ts", loop);
  t.is(lowered.code, 0, lowered.output);
  t.regex(
    lowered.output,
    new RegExp(
      `\\[unplugin\\] \\S*/src/loop\\.ts:${lineOf(loop, "for (await using")}:8: TS46024: Bun leaves an 'await using' in a 'for \\(…; …; …\\)' head as written`,
    ),
  );
  // What the warning says: Node 20 cannot parse the bundle; Node 24 runs it.
  t.regex(run(process.execPath, ["dist/loop.js"], { cwd: dir }).stderr, /SyntaxError/);
  t.is(run(NODE_24, ["dist/loop.js"], { cwd: dir }).stdout.trim(), "init page\nbody");
  const native = run(BUN, ["build-bun.ts"], { cwd: dir });
  t.is(native.code, 0, native.output);
  t.notRegex(native.output, /TS46024/);
});

test("Bun.build and bun run with a bad option, or an unknown one: TS46006 stops them (Bun has no onStart: the plugin's setup fails)", (t) => {
  const bad = {
    "build.ts": recipe("bun/build.ts").replace("tsAsyncInit()", "tsAsyncInit({ target: 5 })"),
    "preload.ts": recipe("bun/preload.ts").replace("tsAsyncInit()", "tsAsyncInit({ target: 5 })"),
  };
  t.true(bad["build.ts"].includes("target: 5") && bad["preload.ts"].includes("target: 5"));
  const dir = app("bun-bad-option", bad);
  for (const args of [["build.ts"], ["run", "src/index.ts"]]) {
    const failed = run(BUN, args, { cwd: dir });
    t.not(failed.code, 0, args.join(" "));
    t.regex(failed.output, /TS46006: ts-async-init: plugin option 'target' is 5; it must be an ECMAScript version/, args.join(" "));
    t.notRegex(failed.output, /is not a function/, args.join(" "));
    // Only the message: no code frame of this package's source (`318 |             throw …`), no frame's place.
    t.notRegex(failed.output, /^\s*\d+ \| |ts-async-init\/dist|\bat \//m, args.join(" "));
  }
  const unknown = app("bun-unknown-option", { "build.ts": recipe("bun/build.ts").replace("tsAsyncInit()", 'tsAsyncInit({ initMethd: "setup" })') });
  const failed = run(BUN, ["build.ts"], { cwd: unknown });
  t.not(failed.code, 0);
  t.regex(failed.output, /TS46006: ts-async-init: unknown plugin option 'initMethd'\. The plugin's options are 'initMethod'/);
});

test("bun run and bun test with the bunfig.toml preload: the app runs as written; TS46001 stops the run at file:line:col, TS46003 does not", (t) => {
  const dir = app("bun-run", { "src/order.bun.test.ts": BUN_TEST });
  const ran = run(BUN, ["run", "src/index.ts"], { cwd: dir });
  t.is(ran.code, 0, ran.output);
  t.is(ran.stderr, "");
  t.is(ran.stdout.trim(), EXPECTED);
  const tested = run(BUN, ["test", "src/order.bun.test.ts"], { cwd: dir });
  t.is(tested.code, 0, tested.output);
  t.regex(tested.output, /1 pass\n\s*0 fail/);

  const failed = run(BUN, ["run", "src/index.ts"], { cwd: app("bun-run-error", { "src/db.ts": BROKEN }) });
  t.not(failed.code, 0);
  t.regex(failed.output, ERROR);
  t.notRegex(failed.stdout, /new a/, "nothing ran");

  const warned = run(BUN, ["run", "src/index.ts"], { cwd: app("bun-run-warning", { "src/db.ts": WARNED }) });
  t.is(warned.code, 0, warned.output);
  t.regex(warned.output, WARNING);
  t.is(warned.stdout.trim(), EXPECTED);
});

test("bun run with the preload: a CommonJS module, which Bun leaves unrun under any runtime plugin, is told about on stderr", (t) => {
  const dir = app("bun-run-commonjs", {
    "src/main.cts": 'console.log("main start");\nrequire("./plain.cts");\n',
    "src/plain.cts": 'console.log("plain");\nmodule.exports = { a: 1 };\n',
  });
  const ran = run(BUN, ["run", "src/main.cts"], { cwd: dir });
  // What Bun 1.4 does with it: nothing, and exit 0. If a later Bun runs it, this test says so.
  t.is(ran.stdout, "", "Bun ran the CommonJS module: the README's note on it can go");
  t.regex(
    ran.stderr,
    /ts-async-init: \S*\/src\/main\.cts is a CommonJS module: Bun may leave a CommonJS module that a runtime plugin \(this preload\) loads unrun/,
  );
  // A rewritten .cts runs (or fails loudly in Bun): it is not told about.
  const tagged = run(BUN, ["run", "src/tagged.cts"], {
    cwd: app("bun-run-commonjs-tagged", {
      "src/tagged.cts":
        '/** @asyncInit */\nclass Db {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n(async () => console.log("ready " + (await new Db()).ready))();\n',
    }),
  });
  t.is(tagged.stdout.trim(), "ready true", tagged.output);
  t.is(tagged.stderr, "");
  // An ES module that mentions neither is not told about.
  t.is(run(BUN, ["run", "src/index.ts"], { cwd: dir }).stderr, "");
});

test("bun run and bun test with the preload: a .ts module that Bun runs as CommonJS (no import or export, a free require, __dirname or module) is told about too, whatever its template literals hold; an ES module that uses require (with an import, or a top-level await) is not", (t) => {
  const dir = app("bun-run-commonjs-ts", {
    "src/required.ts": 'import type { Db } from "./db.ts";\nconst path = require("node:path");\nconsole.log("sep " + path.sep);\n',
    "src/dirname.ts": "// Where this module is.\nconsole.log(typeof __dirname);\n",
    // An await inside a function on one line is no top-level await.
    "src/arrow.ts": 'const path = require("node:path");\nconst p = Promise.resolve(1).then(async (v) => await v);\nconsole.log("arrow " + path.sep, p);\n',
    "src/mixed.ts": 'import os from "node:os";\nconst path = require("node:path");\nconsole.log("mixed " + path.sep + " " + typeof os.cpus);\n',
    "src/words.ts": '// Mentions require and module.exports in a comment only.\nconsole.log("words");\n',
    // Lines of a template literal that start with import and await are no statements.
    "src/template.ts":
      'const path = require("node:path");\nconst text = `\nimport x from "y";\nawait z;\n`;\nconsole.log("template " + path.sep + text.length);\n',
    // Bun's Transpiler imports helpers of its own for using: no import of the module's.
    "src/using.ts": 'const path = require("node:path");\nfunction f() {\n  using x = { [Symbol.dispose]() {} };\n}\nf();\nconsole.log("using " + path.sep);\n',
    // A top-level await makes an ES module, where it is written inside an expression too.
    "src/awaits.ts": 'const path = require("node:path");\nconsole.log("awaits " + path.sep + " " + (await Promise.resolve(1)));\n',
    "src/cjs.bun.test.ts": 'const { test, expect } = require("bun:test");\ntest("runs", () => expect(1).toBe(1));\n',
  });
  const told = (file) => new RegExp(`ts-async-init: \\S*/src/${file.replace(".", "\\.")} is a CommonJS module: Bun may leave`);
  for (const file of ["required.ts", "dirname.ts", "arrow.ts", "template.ts", "using.ts"]) {
    const ran = run(BUN, ["run", `src/${file}`], { cwd: dir });
    // What Bun 1.4 does with it: nothing, and exit 0. If a later Bun runs it, this test says so.
    t.is(ran.stdout, "", `Bun ran ${file}: the README's note on it can go`);
    t.regex(ran.stderr, told(file), file);
  }
  const tested = run(BUN, ["test", "src/cjs.bun.test.ts"], { cwd: dir });
  t.regex(tested.output, /Ran 0 tests/, "Bun ran the test file's tests: the README's note on it can go");
  t.regex(tested.output, told("cjs.bun.test.ts"));
  const mixed = run(BUN, ["run", "src/mixed.ts"], { cwd: dir });
  t.is(mixed.stdout.trim(), "mixed / function", mixed.output);
  t.is(mixed.stderr, "");
  const awaits = run(BUN, ["run", "src/awaits.ts"], { cwd: dir });
  t.is(awaits.stdout.trim(), "awaits / 1", awaits.output);
  t.is(awaits.stderr, "");
  const words = run(BUN, ["run", "src/words.ts"], { cwd: dir });
  t.is(words.stdout.trim(), "words", words.output);
  t.is(words.stderr, "");
});

test("bun run with the preload: require() of a TypeScript ES module, from a .cjs file and from an ES module, gets it rewritten (the plugin loads modules as it is asked, not asynchronously), also with an include and exclude of the user's own, which it evaluates as unplugin does", (t) => {
  const tagged = (name) => `/** @asyncInit */\nexport class ${name} {\n  ready = false;\n  async init(): Promise<void> {\n    this.ready = true;\n  }\n}\n`;
  const files = {
    "src/classes.ts": tagged("Db"),
    "src/main.cjs": 'const { Db } = require("./classes.ts");\n(async () => console.log("required " + (await new Db()).ready))();\n',
    "src/mixed.ts":
      'import os from "node:os";\nconst { Db } = require("./classes.ts");\n(async () => console.log("mixed " + (await new Db()).ready + " " + typeof os.cpus))();\n',
    // Left out by the exclude below: its class runs as written (not thenable: await yields it unready).
    "src/legacy/old.ts": tagged("Old"),
    "src/both.cjs":
      'const { Db } = require("./classes.ts");\nconst { Old } = require("./legacy/old.ts");\n(async () => console.log("both " + (await new Db()).ready + " " + (await new Old()).ready))();\n',
  };
  const filtered = recipe("bun/preload.ts").replace("tsAsyncInit()", 'tsAsyncInit({ include: ["src/**/*.ts"], exclude: [/[\\\\/]legacy[\\\\/]/] })');
  t.not(filtered, recipe("bun/preload.ts"));
  const cases = (last) => [
    ["src/main.cjs", "required true"],
    ["src/mixed.ts", "mixed true function"],
    ["src/both.cjs", `both true ${last}`],
  ];
  const runs = [
    { dir: app("bun-run-require", files), expected: cases("true") },
    { dir: app("bun-run-require-filtered", { ...files, "preload.ts": filtered }), expected: cases("false") },
  ];
  for (const { dir, expected } of runs) {
    for (const [file, output] of expected) {
      const ran = run(BUN, ["run", file], { cwd: dir });
      t.is(ran.stdout.trim(), output, ran.output);
      t.is(ran.stderr, "", file);
    }
  }
});

// Bun ignores the source map a plugin returns (https://github.com/oven-sh/bun/issues/6173), so
// the plugin keeps every line where it was (keepLines): a frame in a rewritten module points
// at the line the user wrote, through Bun's own map of the bundle, and under bun run.
test("Bun.build and bun run: an error thrown inside init maps to its line of the .ts file", (t) => {
  const dir = app("bun-map", {
    "src/fail.ts": FAIL,
    "src/index.ts": FAIL_INDEX,
    "build.ts": recipe("bun/build.ts").replace('target: "node",', 'target: "node",\n  sourcemap: "linked",'),
  });
  const built = run(BUN, ["build.ts"], { cwd: dir });
  t.is(built.code, 0, built.output);
  const fromBundle = run(process.execPath, ["--enable-source-maps", "dist/index.js"], { cwd: dir }).stdout;
  const fromRun = run(BUN, ["run", "src/index.ts"], { cwd: dir }).stdout;
  t.regex(fromBundle, /init failed on purpose/);
  t.regex(fromRun, /init failed on purpose/);
  const line = String(lineOf(FAIL, "throw new Error"));
  t.deepEqual([failFrame(fromBundle), failFrame(fromRun)], [line, line]);
});

test("bun test --coverage lists the plumbing's module among the files, and the README's coveragePathIgnorePatterns leaves it out", (t) => {
  const dir = app("bun-coverage", { "src/order.bun.test.ts": BUN_TEST });
  const listed = run(BUN, ["test", "--coverage", "src/order.bun.test.ts"], { cwd: dir });
  t.is(listed.code, 0, listed.output);
  t.regex(listed.output, /@ts-async-init\/plumbing\s*\|/);
  appendFileSync(join(dir, "bunfig.toml"), 'coveragePathIgnorePatterns = ["**/@ts-async-init/**"]\n');
  const ignored = run(BUN, ["test", "--coverage", "src/order.bun.test.ts"], { cwd: dir });
  t.is(ignored.code, 0, ignored.output);
  t.notRegex(ignored.output, /@ts-async-init/);
  t.regex(ignored.output, /src\/db\.ts\s*\|/);
});
