// How a front end tells the text back end's output from a user's module (core/tag.ts):
// every form the back end writes is recognised, and nothing a user writes is, even a
// string that quotes the plumbing's line. The analysis leaves only such output alone.

import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import { ROOT, ts, tsAsyncInit } from "../support/project.mjs";

const require = createRequire(import.meta.url);
const { transform, plumbingModule } = require(join(ROOT, "dist/api.js"));
const { isRewrittenText } = require(join(ROOT, "dist/core/tag.js"));

const CLASSES = "/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n";
const AWAITS = 'import { Db } from "./db";\nexport async function use(db: Db) {\n  await using used = db;\n}\n';
const SCRIPT = "/** @asyncInit */\nclass Db {\n  async init() {}\n}\n";
const IMPORTS = 'import { a } from "./a"\n/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n';

test("each form of the text back end's output is recognised as its output: inlined plumbing (classes, awaits only, a classic script), keepLines, the plumbing imported", (t) => {
  const forms = {
    classes: transform(CLASSES, "db.ts").code,
    awaits: transform(AWAITS, "use.ts").code,
    script: transform(SCRIPT, "script.ts").code,
    keepLines: transform(CLASSES, "db.ts", { keepLines: true }).code,
    keepLinesScript: transform(SCRIPT, "script.ts", { keepLines: true }).code,
    imported: transform(CLASSES, "db.ts", { plumbing: { import: "/@ts-async-init/plumbing" } }).code,
    importedKeepLines: transform(IMPORTS, "db.ts", { plumbing: { import: "/@ts-async-init/plumbing" }, keepLines: true }).code,
  };
  for (const [form, code] of Object.entries(forms)) {
    t.true(isRewrittenText(code), form);
    t.false(
      isRewrittenText(code.replace(/asyncInit(?:Plumbing)?_/g, "other_").replace(/ts-async-init: /g, "other: ")),
      `${form}: the generated names and comment are part of it`,
    );
  }
  for (const source of [CLASSES, AWAITS, SCRIPT, IMPORTS]) t.false(isRewrittenText(source));
  // Each form, given to the back end again, comes out as it went in: no second rewrite.
  for (const [form, code] of Object.entries(forms)) t.is(transform(code, form.startsWith("script") ? "script.ts" : "db.ts").code, code, form);
});

test("what other tools build of such output is recognised too, and left alone (a bundler whose include takes JavaScript meets it in node_modules): tsc's ES5, a library bundled with the plugins, its plumbing named anew", (t) => {
  const es5 = ts.transpileModule(CLASSES, {
    compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.ESNext, lib: ["lib.es2015.d.ts"] },
    transformers: { before: [tsAsyncInit()] },
  }).outputText;
  t.regex(es5, /\nvar asyncInit_1 = \(function \(\) \{/);
  // As Rolldown (tsdown, Vite's library mode) bundles a library built with the plugins: the plumbing's module, then the library's.
  const imported = transform(CLASSES, "db.ts", { plumbing: { import: "/@ts-async-init/plumbing" } }).code;
  const bundle = [
    "//#region \\0/@ts-async-init/plumbing",
    plumbingModule.replace("export const plumbing", "const plumbing"),
    "//#endregion",
    "//#region src/db.ts",
    imported
      .replace(/^import \{ plumbing as asyncInit_1 \}.*\n/m, "")
      .replace(/asyncInit_1/g, "plumbing")
      .replace("export class Db", "var Db = class"),
    "//#endregion",
    "export { Db };",
    "",
  ].join("\n");
  for (const [form, code] of Object.entries({ es5, bundle })) {
    t.true(isRewrittenText(code), form);
    const again = transform(code, "index.mjs");
    t.deepEqual(again.diagnostics, [], `${form}: no TS46003 for its tags and the plumbing's comments`);
    t.is(again.code, code, `${form}: left as it is`);
  }
});

test("a module of a library built one module per file (tsdown's unbundle, Rolldown's preserveModules), which imports the plumbing from the file written for it, ES module or CommonJS, is recognised too and left alone; a string that names that file is not", (t) => {
  const imported = transform(CLASSES, "db.ts", { plumbing: { import: "/@ts-async-init/plumbing" } }).code;
  const body = imported.replace(/^import \{ plumbing as asyncInit_1 \}.*\n/m, "").replace("export class Db", "var Db = class");
  const forms = {
    esm: `import { plumbing } from "./_virtual/_/@ts-async-init/plumbing.mjs";\n//#region src/db.ts\n${body.replace(/asyncInit_1/g, "plumbing")}`,
    cjs: `const require_plumbing = require("./_virtual/_/@ts-async-init/plumbing.cjs");\n//#region src/db.ts\n${body.replace(/asyncInit_1/g, "require_plumbing.plumbing").replace(/^export .*$/gm, "")}`,
  };
  for (const [form, code] of Object.entries(forms)) {
    t.true(isRewrittenText(code), form);
    const again = transform(code, form === "cjs" ? "db.cjs" : "db.mjs");
    t.deepEqual(again.diagnostics, [], `${form}: no TS46003 for its tag`);
    t.is(again.code, code, `${form}: left as it is`);
  }
  const quoted = 'const path = "./_virtual/_/@ts-async-init/plumbing.mjs";\n/** @asyncInit */\nexport class Db {\n  async init() {}\n}\n';
  t.false(isRewrittenText(quoted));
  t.not(transform(quoted, "db.ts").code, quoted);
});

test("a library bundled with the plugins as esbuild bundles it (the plumbing's comment and the tag dropped, the comments on the generated members kept) gets no TS46003 for the comment that mentions @asyncInit", (t) => {
  const imported = transform(CLASSES, "db.ts", { plumbing: { import: "/@ts-async-init/plumbing" } }).code;
  const bundle = [
    "// ts-async-init:/@ts-async-init/plumbing",
    plumbingModule.replace(/^\/\*\*[^\n]*\*\/\s*/m, "").replace("export const plumbing", "var plumbing"),
    "// db.ts",
    imported
      .replace(/^import \{ plumbing as asyncInit_1 \}.*\n/m, "")
      .replace(/asyncInit_1/g, "plumbing")
      .replace("/** @asyncInit */\n", "")
      .replace("export class Db", "var Db = class"),
    "export { Db };",
    "",
  ].join("\n");
  t.regex(bundle, /\/\*\* ts-async-init: marks instances of @asyncInit classes/);
  t.false(isRewrittenText(bundle), "the text test cannot tell");
  const again = transform(bundle, "index.mjs");
  t.deepEqual(again.diagnostics, []);
  t.is(again.code, bundle);
});

test("output whose text test is thrown off (a stray backtick in a comment before the plumbing) is still left alone: the analysis finds the plumbing's statement", (t) => {
  const source = `// a \` alone\n${CLASSES}`;
  const output = transform(source, "db.ts", { keepLines: true }).code;
  t.false(isRewrittenText(output), "the text test cannot tell");
  t.is(transform(output, "db.ts", { keepLines: true }).code, output);
});

const QUOTED = [
  `export const expected = 'import { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";';\n`,
  "export const header = `/** ts-async-init: makes this module's @asyncInit classes awaitable and async-disposable (generated). */ const asyncInit_1 = (() => {`;\n",
  'export const template = `\nimport { plumbing as asyncInit_1 } from "/@ts-async-init/plumbing";\n`;\n',
];

test("a module that quotes the plumbing's line in a string is no output of the back end: its tagged class is rewritten, with and without a checker", (t) => {
  for (const quote of QUOTED) {
    const source = `${quote}/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init() { this.ready = true; }\n}\n`;
    t.false(isRewrittenText(source), quote);
    t.regex(transform(source, "db.ts").code, /asyncInit_\d+\.then\(this/, `the text back end: ${quote}`);
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      fileName: "db.ts",
      transformers: { before: [tsAsyncInit()] },
    });
    t.regex(outputText, /get then\(\)/, quote);
    const host = ts.createCompilerHost({});
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (name, ...rest) => (name === "db.ts" ? ts.createSourceFile(name, source, ts.ScriptTarget.ES2022) : getSourceFile(name, ...rest));
    host.writeFile = () => {};
    const program = ts.createProgram(["db.ts"], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ["lib.esnext.d.ts"] }, host);
    let emitted = "";
    program.emit(program.getSourceFile("db.ts"), (_, text) => (emitted = text), undefined, false, { before: [tsAsyncInit(program)] });
    t.regex(emitted, /get then\(\)/, `with a checker: ${quote}`);
  }
});
