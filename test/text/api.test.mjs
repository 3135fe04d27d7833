// ts-async-init/api: transform(code, fileName, options) → { code, map, diagnostics }.
// What it hands back for a file with nothing to do, its diagnostics, its options,
// and what loading it (and the package's main entry) loads.

import assert from "node:assert";
import { spawnSync } from "node:child_process";
import test from "ava";
import { plumbingModule } from "../../dist/api.js";
import { NODE_24, ROOT } from "../support/project.mjs";
import { runFiles, transform, transformAndRun, ts } from "./support.mjs";

/** A TypeScript that throws when anything of it is read: a file with nothing to do must not touch it. */
const UNTOUCHABLE = new Proxy(
  {},
  {
    get(_, key) {
      throw new Error(`the typescript option was read (${String(key)})`);
    },
  },
);

test("a file with neither the tag nor await using comes back as it went in, with no map, before anything is parsed", (t) => {
  const sources = [
    "export const x = 1;\n",
    "// using a pool, we await nothing of ours\nexport async function f(using: number) { await g(using); }\nasync function g(n: number) { return n; }\n",
    "/** @async */ export class NotTagged { async init() {} }\n",
  ];
  for (const source of sources) {
    const result = transform(source, "plain.ts", { typescript: UNTOUCHABLE });
    t.deepEqual(result, { code: source, map: null, diagnostics: [] });
  }
});

test("await using is found also with a line break or a comment between its two words", (t) => {
  for (const between of [" ", "\n  ", " /* a comment */ ", " // a comment\n  "]) {
    const source = `import { open } from "./db.js";\nexport async function f() {\n  await${between}using db = open();\n}\n`;
    const { code, map } = transform(source, "f.ts", { typescript: ts });
    t.regex(code, /const db_1 = open\(\);/, JSON.stringify(between));
    t.truthy(map);
  }
});

test("a file the analysis finds nothing to change in comes back as it went in, with no map", (t) => {
  const source = "export async function f(x: { [Symbol.asyncDispose](): Promise<void> }) {\n  await using y = await Promise.resolve(x);\n}\n";
  t.deepEqual(transform(source, "f.ts", { typescript: ts }), { code: source, map: null, diagnostics: [] });
});

test("a file whose only mention of the tag is in another case (@asyncinit) comes back as it went in, with warning TS46003", (t) => {
  const source = "/** @asyncinit */\nexport class Db { async init() {} }\n";
  const { code, map, diagnostics } = transform(source, "db.ts");
  t.is(code, source);
  t.is(map, null);
  t.deepEqual(
    diagnostics.map((d) => [d.code, d.category, d.line, d.column]),
    [[46003, "warning", 1, 1]],
  );
  t.regex(diagnostics[0].message, /^'@asyncinit' is not the tag '@asyncInit'/);
});

test("diagnostics: the plugin's codes and messages, with the file, 1-based line and column, and category", (t) => {
  const source = `/** @asyncInit */
export class NoInit {
  run() {}
}
/** @asyncInit */
function notAClass() {}
export async function loop(open: () => AsyncDisposable) {
  for (await using a = open(), b = open(); ; ) break;
}
`;
  const { code, diagnostics } = transform(source, "src/bad.ts", { typescript: ts });
  t.deepEqual(
    diagnostics.map(({ code, category, file, line, column }) => ({ code, category, file, line, column })),
    [
      { code: 46001, category: "error", file: "src/bad.ts", line: 2, column: 14 },
      { code: 46003, category: "warning", file: "src/bad.ts", line: 5, column: 1 },
      { code: 46022, category: "warning", file: "src/bad.ts", line: 8, column: 32 },
    ],
  );
  t.regex(diagnostics[0].message, /has no method 'init'/);
  t.regex(diagnostics[2].message, /'b' is not awaited/);
  t.notRegex(code, /class NoInit \{\n  \/\*\* ts-async-init/, "a class with an error is left as written");
});

test("diagnostics of a file saved with a byte order mark: the first line's columns do not count it, as editors and tsc do not", (t) => {
  const text = "/** @asyncInit */ export class Broken { x = 1; }\n/** @asyncInit */ export class Other {}\n";
  const places = (code) => transform(code, "bom.ts").diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
  t.deepEqual(places(text), ["46001 1:32", "46001 2:32"]);
  t.deepEqual(places(`\uFEFF${text}`), places(text));
});

test("options: initMethod names the init method of plain @asyncInit classes; stateField: false and targets below ES2022 keep the state in the shared map", (t) => {
  const source = `/** @asyncInit */
export class Db {
  log: string[] = [];
  async open() { this.log.push("open"); }
}
`;
  t.regex(transform(source, "db.ts", { initMethod: "open" }).code, /asyncInit_1\.then\(this, "open"\)/);
  t.deepEqual(
    transform(source, "db.ts").diagnostics.map((d) => d.code),
    [46001],
  );
  t.regex(transform(source, "db.ts", { initMethod: "open" }).code, /#asyncInit: unknown;/);
  t.notRegex(transform(source, "db.ts", { initMethod: "open", stateField: false }).code, /#asyncInit/);
  t.notRegex(transform(source, "db.ts", { initMethod: "open", target: "ES2017" }).code, /#asyncInit/);
  // "ES6" is ES2015, as in a tsconfig.json.
  const es6 = transform(source, "db.ts", { initMethod: "open", target: "es6" });
  t.deepEqual(es6.diagnostics, []);
  t.is(es6.code, transform(source, "db.ts", { initMethod: "open", target: "ES2015" }).code);
  const main = `import { Db } from "./db.js";\nconst db = await new Db();\nconsole.log(Reflect.ownKeys(db).join(","), db.log.join(","));\n`;
  for (const target of ["ES2017", "ES2022"]) {
    t.deepEqual(transformAndRun(t, { "db.ts": source, "main.ts": main }, { target, initMethod: "open" }), ["log open"], target);
  }
});

/** Each diagnostic as `TS<code> <line>:<column> <message>`. */
const shown = (diagnostics) => diagnostics.map((d) => `TS${d.code} ${d.line}:${d.column} ${d.message}`);

test("a bad option is TS46006 in the result, as a bad initMethod is, and its default is used; nothing is thrown", (t) => {
  const source = `/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n`;
  const good = transform(source, "db.ts", { typescript: ts });
  const knows = `a target TypeScript ${ts.version.replace(/\./g, "\\.")} knows \\(ES5, ES2015 … ES20\\d\\d, ESNext\\)\\.$`;
  /** @type {[string, any, RegExp][]} */
  const cases = [
    ["a target that is no string", { target: 5 }, new RegExp(`^TS46006 1:1 ts-async-init: plugin option 'target' is 5; it must be ${knows}`)],
    [
      "a target TypeScript does not know",
      { target: "banana" },
      new RegExp(`^TS46006 1:1 ts-async-init: plugin option 'target' is "banana"; it must be ${knows}`),
    ],
    ["a year TypeScript does not know", { target: "ES2099" }, /^TS46006 1:1 ts-async-init: plugin option 'target' is "ES2099"; it must be a target/],
    // Other names and numbers of TypeScript's ScriptTarget enum are no target here.
    ...["1", "99", "JSON", "Latest", "ES3"].map(
      (target) =>
        /** @type {[string, any, RegExp]} */ ([
          `the enum's ${target}`,
          { target },
          new RegExp(`^TS46006 1:1 ts-async-init: plugin option 'target' is "${target}"; it must be ${knows}`),
        ]),
    ),
    [
      "options that are null",
      null,
      /^TS46006 1:1 ts-async-init: the plugin's options are null; they must be an object of options, e\.g\. \{ initMethod: "setup" \}, or left out\.$/,
    ],
    ["options that are a string", "ES2022", /^TS46006 1:1 ts-async-init: the plugin's options are "ES2022"; they must be an object/],
    [
      "a typescript that is its name",
      { typescript: "typescript" },
      /^TS46006 1:1 ts-async-init: plugin option 'typescript' is "typescript"; it must be the typescript module itself, e\.g\. require\("typescript"\)\.$/,
    ],
    ...["constructor", "then"].map(
      (initMethod) =>
        /** @type {[string, any, RegExp]} */ ([
          `an initMethod of ${initMethod}`,
          { initMethod },
          new RegExp(
            `^TS46006 1:1 ts-async-init: plugin option 'initMethod' is "${initMethod}"; it must be the name of a method other than "constructor" and "then"`,
          ),
        ]),
    ),
    ["a keepLines that is no boolean", { keepLines: "yes" }, /^TS46006 1:1 ts-async-init: plugin option 'keepLines' is "yes"; it must be true or false\.$/],
    [
      "a plumbing that is a string",
      { plumbing: "ts-async-init/plumbing" },
      /^TS46006 1:1 ts-async-init: plugin option 'plumbing' is "ts-async-init\/plumbing"; it must be \{ import:/,
    ],
  ];
  for (const [what, options, message] of cases) {
    const result = transform(source, "db.ts", options);
    t.deepEqual(
      result.diagnostics.map((d) => [d.code, d.category, d.file]),
      [[46006, "error", "db.ts"]],
      what,
    );
    t.regex(shown(result.diagnostics)[0], message, what);
    t.is(result.code, good.code, `${what}: rewritten with the default`);
  }
  // A file with nothing to do comes back before its options are read, as with a bad initMethod.
  t.deepEqual(transform("export const x = 1;\n", "x.ts", { target: 5 }).diagnostics, []);
});

test("a call with code or fileName that is not a string (the caller's bug) throws a TypeError that names the argument", (t) => {
  const source = "/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n";
  t.throws(() => transform(Buffer.from(source), "db.ts"), {
    instanceOf: TypeError,
    message: "ts-async-init/api: transform(code, fileName, options): code must be a string (the module's text); it is an object.",
  });
  t.throws(() => transform(undefined, "db.ts"), { instanceOf: TypeError, message: /: code must be a string \(the module's text\); it is undefined\.$/ });
  t.throws(() => transform(source), {
    instanceOf: TypeError,
    message: 'ts-async-init/api: transform(code, fileName, options): fileName must be a string (the module\'s path, e.g. "src/db.ts"); it is undefined.',
  });
  t.throws(() => transform(source, 5), { instanceOf: TypeError, message: /: fileName must be a string .*; it is a number\.$/ });
  t.throws(
    () => transform("export const x = 1;\n", null),
    { instanceOf: TypeError, message: /fileName .* it is null\.$/ },
    "even for a file with nothing to do",
  );
});

test("a classic script's plumbing is a var with a name of its own, after its directives", (t) => {
  const source = `"use strict";\n/** @asyncInit */\nclass Db {\n  async init() {}\n}\n`;
  const { code } = transform(source, "script.ts");
  t.regex(code, /^"use strict";\n\/\*\* ts-async-init: [^\n]*\*\/\nvar (asyncInit_[0-9a-f]{8}) = \(\(\) => \{\n/);
  t.regex(code, /static \{ asyncInit_[0-9a-f]{8}\.slot\(this/);
});

/** What requiring a file of dist loads, besides the file itself: the paths in require.cache under node_modules. */
function loads(file) {
  const run = spawnSync(
    process.execPath,
    ["-e", `require(${JSON.stringify(`${ROOT}dist/${file}`)}); console.log(JSON.stringify(Object.keys(require.cache)))`],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout)
    .filter((path) => path.includes("/node_modules/"))
    .map((path) => path.slice(path.lastIndexOf("/node_modules/") + 14));
}

test("the main entry (the ts-patch plugin) never loads magic-string, the one dependency of the text back end", (t) => {
  t.deepEqual(
    loads("index.js").filter((path) => /magic-string|sourcemap-codec/.test(path)),
    [],
  );
});

test("ts-async-init/api loads magic-string, and TypeScript only when a file needs parsing", (t) => {
  const loaded = loads("api.js");
  t.true(loaded.some((path) => path.startsWith("magic-string/")));
  t.false(loaded.some((path) => path.startsWith("typescript/")));
});

test("keepLines: the plumbing's import or declaration joins a line that is there, never a shebang's or a comment's", (t) => {
  const body = `/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n`;
  const heads = {
    "at the start": "",
    "after a shebang": "#!/usr/bin/env node\n",
    "after a header comment": "// Copyright\n\n",
    "after the imports": 'import { a } from "./a";\nimport { b } from "./b"; // both\n',
    "after a directive, on its line": '"use client"; const x = 1;\n',
  };
  for (const [where, head] of Object.entries(heads)) {
    for (const plumbing of [undefined, { import: "ts-async-init/plumbing" }]) {
      const source = `${head}${body}`;
      const { code } = transform(source, "db.ts", { typescript: ts, keepLines: true, plumbing });
      const inLines = source.split("\n");
      const outLines = code.split("\n");
      const label = `${where}, ${plumbing ? "imported" : "inserted"}`;
      // An inserted plumbing's code goes after the last line, in a function that the declaration calls.
      const below = outLines.slice(inLines.length - 1).join("\n");
      if (plumbing) t.is(outLines.length, inLines.length, label);
      else t.regex(below, /^\/\*\* ts-async-init: [^\n]*\*\/\nfunction asyncInitPlumbing_1\(\) \{\n {2}return \(\(\) => \{\n/, label);
      const statement = plumbing ? 'import { plumbing as asyncInit_1 } from "ts-async-init/plumbing";' : "const asyncInit_1 = asyncInitPlumbing_1(); ";
      const words = (line) => line.replace(statement, "").replace(/\s+/g, " ").trim();
      head
        .split("\n")
        .slice(0, -1)
        .forEach((line, i) => t.is(words(outLines[i]), words(line), `${label}: line ${i + 1} keeps its number`));
      const at = outLines.findIndex((line) => line.includes(statement));
      t.true(at >= 0 && at < inLines.length - 1, label);
      t.true(outLines[at].length < statement.length + 80, `${label}: the line it joins stays short (${outLines[at].length})`);
      t.false(/^#!|^\s*\/\//.test(outLines[at]), `${label}: not in a shebang or comment line`);
      inLines.forEach((line, i) => {
        if (!line.startsWith("#!") && !line.startsWith("//")) return;
        t.is(outLines[i], line, `${label}: line ${i + 1} as written`);
      });
      const { diagnostics } = ts.transpileModule(code, { fileName: "db.ts", reportDiagnostics: true });
      t.deepEqual(diagnostics, [], `${label}: the output parses`);
    }
  }
});

test("keepLines: a comment and a line break between await and using stay where they were, and the lines after keep their numbers", (t) => {
  const source = `/** @asyncInit */\nclass Db { async init() { console.log("init"); } }\nasync function f(open: () => AsyncDisposable) {\n  await // the pool\n    using b = open(), c = open();\n  console.log("body");\n}\nawait f(() => new Db());\n`;
  const { code } = transform(source, "main.ts", { typescript: ts, keepLines: true });
  const lines = code.split("\n");
  t.is(lines[3], "  const // the pool");
  t.regex(lines[4], /^ {5}b_1 = open\(\); await using b = /);
  t.is(lines[5], '  console.log("body");');
  t.deepEqual(transformAndRun(t, { "main.ts": source }, { keepLines: true }), ["init", "init", "body"]);
  // And in a for (await using … of …) loop's head.
  const loop = `/** @asyncInit */\nclass Db { async init() { console.log("init"); } }\nasync function f(dbs: AsyncDisposable[]) {\n  for (await /* each\n  one */ using db of dbs) {}\n  console.log("body");\n}\nawait f([new Db()]);\n`;
  const inLoop = transform(loop, "main.ts", { typescript: ts, keepLines: true }).code.split("\n");
  t.is(inLoop[3], "  for (const /* each");
  t.is(inLoop[5], '  console.log("body");');
  t.deepEqual(transformAndRun(t, { "main.ts": loop }, { keepLines: true }), ["init", "body"]);
});

test("a pragma above the first statement stays above the plumbing, in both layouts (compilers read pragmas only there)", (t) => {
  const body = `/** @asyncInit */\nexport class View {\n  async init() {}\n  render() { return <b>ready</b>; }\n}\n`;
  const pragmas = ["/** @jsxImportSource preact */", "/** @jsxRuntime classic */\n/** @jsx h */", "// @ts-nocheck"];
  for (const pragma of pragmas) {
    for (const keepLines of [false, true]) {
      for (const plumbing of [undefined, { import: "ts-async-init/plumbing" }]) {
        const label = `${pragma}, keepLines ${keepLines}, ${plumbing ? "imported" : "inserted"}`;
        const source = `${pragma}\n${body}`;
        const { code } = transform(source, "view.tsx", { typescript: ts, keepLines, plumbing });
        t.true(code.startsWith(`${pragma}\n`), label);
        const plumbingAt = code.indexOf("asyncInit_1");
        t.true(plumbingAt > pragma.length && plumbingAt < code.indexOf("/** @asyncInit */"), `${label}: the plumbing between the pragma and the class`);
        const parsed = ts.createSourceFile("view.tsx", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
        const leading = ts.getLeadingCommentRanges(code, 0) ?? [];
        t.true(
          leading.some((c) => code.slice(c.pos, c.end) === pragma.split("\n").at(-1)),
          `${label}: the pragma is a leading comment of the file`,
        );
        t.deepEqual(/** @type {any} */ (parsed).parseDiagnostics, [], `${label}: the output parses`);
      }
    }
  }
  const { code } = transform(`/** A view. */\n${body}`, "view.tsx", { typescript: ts });
  t.true(code.indexOf("asyncInit_1") < code.indexOf("/** A view. */"), "a comment that is no pragma stays with its class");
});

test("a file that needs the rewrite but does not parse comes back as it went in, with TypeScript's syntax errors; one with nothing to rewrite, as it is", (t) => {
  const source = `/** @asyncInit */\nexport class Db {\n  async init() { const a = ; }\n}\n`;
  for (const plumbing of [undefined, { import: "ts-async-init/plumbing" }]) {
    const result = transform(source, "db.ts", { typescript: ts, keepLines: true, plumbing });
    t.is(result.code, source);
    t.is(result.map, null);
    t.deepEqual(result.diagnostics, [{ code: 1109, category: "error", message: "Expression expected.", file: "db.ts", line: 3, column: 28 }]);
  }
  // A bad option's TS46006 stays beside them.
  const withTypo = transform(source, "db.ts", { typescript: ts, initMethd: "x" }).diagnostics.map((d) => d.code);
  t.deepEqual(withTypo, [46006, 1109]);
  const untouched = "// no await using here\nexport const x = ;\n";
  t.deepEqual(transform(untouched, "x.ts", { typescript: ts }), { code: untouched, map: null, diagnostics: [] });
});

test("a file that fails this package's checks and does not parse comes back with TypeScript's syntax errors, which may be why (a name the parser refused reads as a class without one)", (t) => {
  const missingInit = `/** @asyncInit */\nexport class A { setup() {} }\nconst x = ;\n`;
  t.deepEqual(
    transform(missingInit, "a.ts", { typescript: ts }).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`),
    ["1109 3:11"],
  );
  const badName = `/** @asyncInit */\nexport class \u{1F600}x { async init() {} }\n`;
  const result = transform(badName, "b.ts", { typescript: ts });
  t.is(result.code, badName);
  t.deepEqual(result.diagnostics[0], { code: 1127, category: "error", message: "Invalid character.", file: "b.ts", line: 2, column: 14 });
  t.false(
    result.diagnostics.some((d) => d.code === 46001),
    "no TS46001 of a class read without its name",
  );
});

test("a file whose lines end with a carriage return alone: the plumbing's statement goes on the line after its imports, in both layouts, and the module runs", (t) => {
  const main = `import { x } from "./dep.js";\r/** @asyncInit */\rclass A { async init() { console.log("init", x); } }\rawait using a = new A();\rconsole.log("body");\r`;
  for (const keepLines of [false, true]) {
    const { code } = transform(main, "main.ts", { typescript: ts, keepLines });
    const lines = code.split(/\r\n?|\n/);
    t.is(lines[0], 'import { x } from "./dep.js";', `keepLines ${keepLines}`);
    t.true(code.indexOf("const asyncInit_1 = ") < code.indexOf("class A {"), `keepLines ${keepLines}: the plumbing before the class`);
    if (keepLines) t.regex(lines[1], /^const asyncInit_1 = asyncInitPlumbing_1\(\); \/\*\* @asyncInit \*\/$/, "on the next line");
    if (keepLines) t.regex(lines[2], /^class A \{/, "the class keeps its line");
    t.deepEqual(transformAndRun(t, { "main.ts": main, "dep.ts": 'export const x = "x";\n' }, { keepLines }), ["init x", "body"], `keepLines ${keepLines}`);
  }
});

test("a malformed await using list (a missing comma) comes back as it went in, with TypeScript's TS1005; it threw an internal error before", (t) => {
  for (const source of ["await using a = g b = h;\n", "export async function f() {\n  await using a = //x\n  await using b = y;\n}\n"]) {
    const result = transform(source, "a.ts", { typescript: ts });
    t.is(result.code, source);
    t.is(result.map, null);
    t.true(result.diagnostics.length > 0 && result.diagnostics.every((d) => d.category === "error" && d.code < 46000), JSON.stringify(result.diagnostics));
  }
  t.like(transform("await using a = g b = h;\n", "a.ts", { typescript: ts }).diagnostics[0], { code: 1005, message: "',' expected.", line: 1, column: 19 });
});

test("a failure of the parser or the rewrite itself is error TS46099 at the file, never a thrown stack; the parser's is said to be TypeScript's", (t) => {
  const broken = {
    ...ts,
    createSourceFile: () => {
      throw new Error("Debug Failure. False expression.");
    },
  };
  const source = "/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n";
  const result = transform(source, "src/db.ts", { typescript: broken, initMethd: "x" });
  t.is(result.code, source);
  t.is(result.map, null);
  t.deepEqual(
    result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.category} TS${d.code}`),
    ["src/db.ts:1:1 error TS46006", "src/db.ts:1:1 error TS46099"],
  );
  t.is(
    result.diagnostics[1].message,
    `TypeScript ${ts.version}'s parser failed on this file (Debug Failure. False expression.); tsc fails on it too. Please report it to TypeScript with the file.`,
  );
  // Code nested more deeply than TypeScript's parser goes (it overflows the stack, as tsc does): said so, not a bug of this package.
  let nested = "1";
  for (let i = 0; i < 50_000; i++) nested = `() => ${nested}`;
  const deep = transform(`/** @asyncInit */\nexport class Db {\n  async init() { const f = ${nested}; }\n}\n`, "src/db.ts", { typescript: ts });
  t.deepEqual(
    deep.diagnostics.map((d) => `TS${d.code} ${d.message}`),
    [
      `TS46099 TypeScript ${ts.version}'s parser failed on this file (Maximum call stack size exceeded); tsc fails on it too. Its code is nested more deeply than TypeScript can parse: nest it less deeply.`,
    ],
  );
  // A failure of this package's own analysis or rewrite: a bug to report.
  const failing = { ...ts, forEachChild: () => assert.fail("boom") };
  t.deepEqual(
    transform(source, "src/db.ts", { typescript: failing }).diagnostics.map((d) => `TS${d.code} ${d.message}`),
    ["TS46099 ts-async-init could not transform this file: boom. Please report it with the file."],
  );
});

test("without a checker, one const of Symbol.asyncDispose on both sides of ?: or ?? is the teardown", (t) => {
  for (const key of ["flag ? K : K", "K ?? K"]) {
    const source = `const K = Symbol.asyncDispose;\ndeclare const flag: boolean;\n/** @asyncInit */\nexport class Db {\n  async init() {}\n  async [${key}]() {}\n}\n`;
    const result = transform(source, "db.ts", { typescript: ts });
    t.deepEqual(result.diagnostics, [], key);
    t.regex(result.code, new RegExp(`\\[${key.replace(/[?]/g, "\\?")}\\]\\(\\): Promise<void> \\{ return asyncInit_1\\.dispose\\(this, void 0, async`), key);
  }
});

test("triple-slash directives (/// <reference types>) stay above the plumbing, in every layout: TypeScript reads them only before the first statement", (t) => {
  const body = "/** @asyncInit */\nexport class Db {\n  async init() {}\n}\nconsole.log(process.pid);\n";
  for (const directive of ['/// <reference types="node" />', '/// <reference path="./globals.d.ts" />\n/// <amd-module name="db" />']) {
    for (const keepLines of [false, true]) {
      for (const plumbing of [undefined, { import: "ts-async-init/plumbing" }]) {
        const label = `${directive}, keepLines ${keepLines}, ${plumbing ? "imported" : "inserted"}`;
        const { code } = transform(`${directive}\n${body}`, "db.ts", { typescript: ts, keepLines, plumbing });
        t.true(code.startsWith(`${directive}\n`), label);
        const parsed = ts.createSourceFile("db.ts", code, ts.ScriptTarget.Latest);
        const references = [...parsed.typeReferenceDirectives, ...parsed.referencedFiles].length;
        t.is(references, directive.split("<reference").length - 1, `${label}: TypeScript still reads the references`);
      }
    }
  }
});

test("await using that TypeScript's checker would refuse (a binding pattern, outside a block) is its error here, TS1492 or TS1156, and is left as written", (t) => {
  /** @type {[string, number, number, number, string][]} */
  const cases = [
    ["declare const x: any;\nawait using { a } = x;\n", 1492, 2, 13, "'await using' declarations may not have binding patterns."],
    [
      "declare const xs: any[];\nexport async function f() { for (await using {a} of xs) {} }\n",
      1492,
      2,
      46,
      "'await using' declarations may not have binding patterns.",
    ],
    ["declare const c: boolean, x: any;\nif (c) await using r = x;\n", 1156, 2, 8, "'await using' declarations can only be declared inside a block."],
  ];
  for (const [source, code, line, column, message] of cases) {
    const result = transform(source, "a.ts", { typescript: ts });
    t.deepEqual(result.diagnostics, [{ code, category: "error", message, file: "a.ts", line, column }], source);
    t.is(result.code, source, `${source}: left as written`);
  }
});

/**
 * Where TypeScript's checker refuses an `await using`: each site, on line 2 after `declare const x: any, xs: any[];`, with its errors' code, line and column.
 * @type {[string, [number, number, number][]][]}
 */
const REFUSED_AWAIT_USING = [
  ["export function handler() { await using db = x; }", [[2852, 2, 29]]],
  ["export async function f() { function inner() { await using r = x; } }", [[2852, 2, 48]]],
  ["export async function f() { const g = () => { await using r = x; }; }", [[2852, 2, 47]]],
  ["export class C { m() { await using r = x; } }", [[2852, 2, 24]]],
  ["export function f() { for (await using a of xs) {} }", [[2852, 2, 28]]],
  ["export class C { static { await using s = x; } }", [[18054, 2, 27]]],
  ["export async function f() { await using await = x; }", [[1359, 2, 41]]],
  ["await using await = x;", [[1262, 2, 13]]],
  ["export async function f() { for (await using await of xs) {} }", [[1359, 2, 46]]],
  ["export async function f() { await using a = x, b; }", [[1155, 2, 48]]],
  [
    "export function f() { await using a = x, b; }",
    [
      [2852, 2, 23],
      [1155, 2, 42],
    ],
  ],
  ["export async function f() { for (await using a = x, b; ; ) break; }", [[1155, 2, 53]]],
  // Directly in a case clause (TypeScript 6's TS1548; 5.x lowers it); in a block inside the clause, it is fine.
  ["export async function f(k: number) { switch (k) { case 1: await using a = x; } }", [[1548, 2, 59]]],
  ["export async function f(k: number) { switch (k) { default: await using a = x; } }", [[1548, 2, 60]]],
];

/** TypeScript's words for each code above. @type {Record<number, string>} */
const REFUSED_MESSAGES = {
  2852: "'await using' statements are only allowed within async functions and at the top levels of modules.",
  18054: "'await using' statements cannot be used inside a class static block.",
  1359: "Identifier expected. 'await' is a reserved word that cannot be used here.",
  1262: "Identifier expected. 'await' is a reserved word at the top-level of a module.",
  1155: "'await using' declarations must be initialized.",
  1548: "'await using' declarations are not allowed in 'case' or 'default' clauses unless contained within a block.",
};

test("await using outside an async function, in a static block, named await or without a value is TypeScript's error here, at the user's place, and is left as written", (t) => {
  for (const [site, expected] of REFUSED_AWAIT_USING) {
    const source = `declare const x: any, xs: any[];\n${site}\n`;
    const result = transform(source, "a.ts", { typescript: ts });
    const diagnostics = expected.map(([code, line, column]) => ({ code, category: "error", message: REFUSED_MESSAGES[code], file: "a.ts", line, column }));
    t.deepEqual(result.diagnostics, diagnostics, site);
    t.is(result.code, source, `${site}: left as written`);
    // Beside a tagged class, the class is rewritten and the site is not.
    const tagged = transform(`/** @asyncInit */ class P { async init() {} }\n${source}`, "a.ts", { typescript: ts });
    t.deepEqual(
      tagged.diagnostics,
      diagnostics.map((d) => ({ ...d, line: d.line + 1 })),
      site,
    );
    t.true(tagged.code.includes(`\n${site}\n`), `${site}: left as written beside a tagged class`);
  }
});

test("diagnostics come in the file's order, as tsc sorts them; a file that does not parse and is left as it is gets no warning of ours (an unclosed '/** @asyncInit' is the next tool's syntax error)", (t) => {
  const variants =
    "/** @asyncinit */\nexport class A { async init() {} }\n// @asyncInit\nexport class B { async init() {} }\n/** @ asyncInit */\nexport class C { async init() {} }\n";
  t.deepEqual(
    transform(variants, "v.ts", { typescript: ts }).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`),
    ["46003 1:1", "46003 3:1", "46003 5:1"],
  );
  const unclosed = "/** @asyncInit\nexport class Db {\n  async init() {}\n}\n";
  t.deepEqual(transform(unclosed, "db.ts", { typescript: ts }), { code: unclosed, map: null, diagnostics: [] });
});

test("await using at a module's top level, in an async function, arrow, method or generator, also inside a non-async function, is rewritten with no diagnostic", (t) => {
  const sites = [
    "await using a = x;",
    "export async function f() { await using a = x; }",
    "export const g = async () => { await using a = x; };",
    "export class C { async m() { await using a = x; } static async s() { await using a = x; } }",
    "export async function* h() { await using a = x; }",
    "export function k() { return async () => { await using a = x; }; }",
    "export async function l() { for (await using a of xs) {} }",
    "export async function m(k: number) { switch (k) { case 1: { await using a = x; } } }",
  ];
  for (const site of sites) {
    const result = transform(`declare const x: any, xs: any[];\n${site}\n`, "a.ts", { typescript: ts });
    t.deepEqual(result.diagnostics, [], site);
    t.regex(result.code, /\.pending\(a_1\)/, site);
  }
});

test("what the rewrite adds never continues a member or a statement written without `;` (a method with no body, an import, a directive), in both layouts", (t) => {
  const sources = {
    "an abstract method": "/** @asyncInit */\nexport abstract class A { abstract init(): Promise<void> }\n",
    "an optional method": "/** @asyncInit */\nexport class A { async init() {} m?(): void }\n",
    "an abstract getter": "/** @asyncInit */\nexport abstract class A { async init() {} abstract get x(): number }\n",
    "an overload before an async teardown":
      "/** @asyncInit */\nexport class A { async init() {} m(): void\n  m() {}\n  n(a: string): void async [Symbol.asyncDispose]() {} }\n".replace(
        "void async",
        "void\n  async",
      ),
    "an import, a comment going on to the next line": 'import { dep } from "./dep.js" /*\n */ /** @asyncInit */ export class A { v = dep; async init() {} }\n',
    "a directive, the same": '"use strict" /* a\n */ /** @asyncInit */ class A { async init() {} }\n',
    "an import, a U+2028 line end": 'import { dep } from "./dep.js"\u2028/** @asyncInit */ export class A { v = dep; async init() {} }\n',
  };
  for (const [what, source] of Object.entries(sources)) {
    for (const keepLines of [false, true]) {
      for (const plumbing of [undefined, { import: "ts-async-init/plumbing" }]) {
        const label = `${what}, keepLines ${keepLines}, ${plumbing ? "imported" : "inserted"}`;
        const { code, diagnostics } = transform(source, "a.ts", { typescript: ts, keepLines, plumbing });
        t.deepEqual(diagnostics, [], label);
        t.not(code, source, `${label}: rewritten`);
        const parsed = ts.createSourceFile("a.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
        t.deepEqual(
          /** @type {any} */ (parsed).parseDiagnostics.map((d) => d.messageText),
          [],
          label,
        );
      }
    }
  }
  const lines = transformAndRun(t, {
    "main.ts":
      "/** @asyncInit */\nabstract class Base { abstract init(): Promise<void> }\nclass Db extends Base { ok = false; async init() { this.ok = true; } }\nconsole.log((await new Db()).ok);\n",
  });
  t.deepEqual(lines, ["true"], "an abstract init, run");
});

test("an unknown option (a typo) is error TS46006 in the result, and the file is rewritten with the defaults", (t) => {
  const source = `/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n`;
  const good = transform(source, "db.ts", { typescript: ts });
  const result = transform(source, "db.ts", { typescript: ts, initMethd: "setup" });
  t.deepEqual(shown(result.diagnostics), [
    "TS46006 1:1 ts-async-init: unknown plugin option 'initMethd'. The plugin's options are 'initMethod', 'stateField', 'target', 'typescript', 'plumbing' and 'keepLines'.",
  ]);
  t.is(result.diagnostics[0].category, "error");
  t.is(result.code, good.code);
});

test("plumbing: an empty module name, or a key beside import (a typo), is TS46006, and the plumbing is inserted", (t) => {
  const source = "/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n";
  for (const plumbing of [{ import: "" }, { import: "./plumbing", extra: 1 }, { imports: "./plumbing" }]) {
    const result = transform(source, "db.ts", { typescript: ts, plumbing });
    t.deepEqual(
      result.diagnostics.map((d) => d.code),
      [46006],
      JSON.stringify(plumbing),
    );
    t.regex(result.diagnostics[0].message, /^ts-async-init: plugin option 'plumbing' is .*; it must be \{ import: "<a module>" \}/);
    t.false(result.code.includes("import { plumbing as"), JSON.stringify(plumbing));
  }
});

test("plumbing: { import } with plumbingModule served under that name: two modules share one plumbing, and run", (t) => {
  const db = `/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init() { this.ready = true; }\n}\n`;
  const main = `import { Db } from "./db.js";\nexport async function main() {\n  await using db = new Db();\n  return \`ready \${db.ready}\`;\n}\nconsole.log(await main());\n`;
  const options = { typescript: ts, target: "ES2022", plumbing: { import: "./plumbing.js" } };
  const files = { "db.ts": transform(db, "db.ts", options).code, "main.ts": transform(main, "main.ts", options).code };
  for (const code of Object.values(files)) t.true(code.includes('import { plumbing as asyncInit_1 } from "./plumbing.js";'));
  const run = runFiles({ ...files, "plumbing.js": plumbingModule }, { target: "ES2022", node: NODE_24 });
  t.is(run.stderr, "");
  t.is(run.stdout, "ready true\n");
});
