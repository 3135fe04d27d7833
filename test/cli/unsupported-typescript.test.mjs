// An unsupported TypeScript gets one clear error (TS46009), never a stack trace
// or a build that silently skips the rewrite: through the real tspc of
// TypeScript 5.1 (installed from the packed package, as npm allows with
// --legacy-peer-deps), and through every entry handed a TypeScript it cannot use.

import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import ts from "typescript";
import { TYPESCRIPT_PROJECTS } from "../../scripts/test-projects.mjs";
import { npmInstall, TARBALL } from "../support/packed.mjs";
import { run, tempDir, tsAsyncInit } from "../support/project.mjs";

const SOURCE = `/** @asyncInit */
class Db { async init() { console.log("init"); } }
async function main() { const db = await new Db(); console.log("ready", typeof (db as any).then); }
main();
`;

test("tspc on TypeScript 5.1: both plugin entries fail the build with TS46009 and what to install", (t) => {
  const dir = tempDir("ts-async-init-ts51-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "old-typescript", private: true }));
  npmInstall(dir, [TARBALL, "typescript@5.1.6", "ts-patch@3.3.0"], { args: ["--legacy-peer-deps"] });
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/main.ts"), SOURCE);
  for (const entry of [{ transform: "ts-async-init" }, { transform: "ts-async-init", transformProgram: true }]) {
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "commonjs", lib: ["ES2022"], types: [], outDir: "out", rootDir: "src", plugins: [entry] },
        include: ["src"],
      }),
    );
    const result = run(join(dir, "node_modules/.bin/tspc"), ["-p", "."], { cwd: dir });
    const output = result.output;
    t.not(result.code, 0, `${JSON.stringify(entry)}: the build fails`);
    t.regex(
      output,
      /error TS46009: ts-async-init needs TypeScript 5\.2 or later .* this build uses TypeScript 5\.1\.6\. .*npm install --save-dev typescript@5\.9 ts-patch@3\.3/,
    );
    t.notRegex(output, /\n\s+at /, "no stack trace");
    t.is(output.match(/TS46009/g)?.length, 1, "said once");
  }
});

/** What TypeScript 7's package exports to require(): no compiler API at all. */
const NATIVE = { version: "7.0.2", versionMajorMinor: "7.0" };
const OLD = { ...ts, version: "5.1.6" };

for (const [name, fake, message] of /** @type {[string, any, RegExp][]} */ ([
  ["TypeScript 7", NATIVE, /TS46009: ts-async-init cannot run inside TypeScript 7\.0\.2: TypeScript 7, the native compiler, has no transformer API/],
  ["TypeScript 5.1", OLD, /TS46009: ts-async-init needs TypeScript 5\.2 or later/],
  ["an API without await using", { ...ts, NodeFlags: { ...ts.NodeFlags, AwaitUsing: undefined } }, /TS46009: .*its API lacks NodeFlags\.AwaitUsing/],
])) {
  test(`${name}: the ts-patch entry reports TS46009 once and rewrites nothing`, (t) => {
    const diagnostics = [];
    const transformer = tsAsyncInit(undefined, {}, { ts: fake, addDiagnostic: (d) => diagnostics.push(d) });
    t.is(diagnostics.length, 1);
    t.is(diagnostics[0].code, 46009);
    t.is(diagnostics[0].category, ts.DiagnosticCategory.Error);
    t.regex(`TS${diagnostics[0].code}: ${diagnostics[0].messageText}`, message);
    const file = ts.createSourceFile("a.ts", SOURCE, ts.ScriptTarget.Latest);
    t.is(transformer(/** @type {any} */ ({ getCompilerOptions: () => ({}) }))(file), file);
  });

  test(`${name}: the program transformer adds TS46009 to the options diagnostics`, (t) => {
    const program = ts.createProgram({ rootNames: [], options: {} });
    const returned = tsAsyncInit(program, undefined, { transformProgram: true }, { ts: fake });
    t.is(returned, program);
    const own = program.getOptionsDiagnostics().filter((d) => d.source === "ts-async-init");
    t.deepEqual(
      own.map((d) => d.code),
      [46009],
    );
    t.regex(`TS46009: ${own[0].messageText}`, message);
  });

  test(`${name}: called from code with { ts } and no diagnostic sink, the entry throws the message`, (t) => {
    const error = t.throws(() => tsAsyncInit(undefined, {}, { ts: fake }));
    t.regex(error.message, /^error /);
    t.regex(error.message, message);
  });

  test(`${name}: the editor plugin logs why and leaves the language service as it is`, (t) => {
    const logged = [];
    const languageService = {};
    const plugin = tsAsyncInit({ typescript: fake });
    const service = plugin.create({ languageService, project: { projectService: { logger: { info: (m) => logged.push(m) } } }, config: {} });
    t.is(service, languageService);
    t.is(logged.length, 1);
    t.regex(logged[0].replace("[ts-async-init] ", "TS46009: "), message);
  });
}

test("target ES3 (still accepted by TypeScript 5.4 and older): TS46008 with the targets that work", (t) => {
  const diagnostics = [];
  const program = ts.createProgram({ rootNames: [], options: { target: ts.ScriptTarget.ES3 } });
  tsAsyncInit(program, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) });
  t.deepEqual(
    diagnostics.map((d) => d.code),
    [46008],
  );
  t.regex(diagnostics[0].messageText, /supports every target from ES5 up.*Set "target" to "ES2022"/);
  const other = ts.createProgram({ rootNames: [], options: { target: ts.ScriptTarget.ES3 } });
  tsAsyncInit(other, undefined, { transformProgram: true }, { ts });
  t.deepEqual(
    other
      .getOptionsDiagnostics()
      .filter((d) => d.source === "ts-async-init")
      .map((d) => d.code),
    [46008],
  );
});

/** A program of SOURCE made by the TypeScript of test/runtimes for `version`, writing to out/ of its folder. */
function programOfVersion(version) {
  const typescript = createRequire(import.meta.url)(join(TYPESCRIPT_PROJECTS[version], "node_modules/typescript"));
  const dir = tempDir("ts-async-init-other-ts-");
  writeFileSync(join(dir, "main.ts"), SOURCE);
  const options = {
    target: typescript.ScriptTarget.ES2022,
    module: typescript.ModuleKind.CommonJS,
    lib: ["lib.es2022.d.ts"],
    types: [],
    outDir: join(dir, "out"),
  };
  return { typescript, program: typescript.createProgram([join(dir, "main.ts")], options) };
}

test("a program made by another TypeScript than the plugin loads: TS46009 thrown, and the program's own TypeScript passed in works", (t) => {
  const { typescript: ts52, program } = programOfVersion("5.2");
  t.regex(ts52.version, /^5\.2\./);
  const error = t.throws(() => tsAsyncInit(program));
  t.regex(error.message, /^error TS46009: ts-async-init was handed a program made by another TypeScript .*\{ typescript: require\(/);
  let js = "";
  program.emit(
    undefined,
    (file, text) => {
      if (file.endsWith(".js")) js = text;
    },
    undefined,
    false,
    { before: [tsAsyncInit(program, { typescript: ts52 })] },
  );
  t.regex(js, /get then\(\)/, "rewritten with the program's own TypeScript");
  // The TypeScript named by hand is no plugin option: before, the program's diagnostics held TS46006 "unknown plugin option 'typescript'".
  t.deepEqual(
    ts52
      .getPreEmitDiagnostics(program)
      .map((d) => d.code)
      .filter((code) => code >= 46000),
    [],
  );
});

test("the ts-jest entry raises TS46009 through ts-jest on an unsupported TypeScript", (t) => {
  const require = createRequire(import.meta.url);
  const tsJest = require("../../dist/ts-jest.js");
  const raised = [];
  // @ts-expect-error NATIVE stands for TypeScript 7's package, which has no compiler API: that is what is tested
  const transformer = tsJest.factory({ configSet: { compilerModule: NATIVE, raiseDiagnostics: (d) => raised.push(...d) }, program: undefined });
  t.deepEqual(
    raised.map((d) => d.code),
    [46009],
  );
  const file = ts.createSourceFile("a.ts", SOURCE, ts.ScriptTarget.Latest);
  // @ts-expect-error an empty stand-in for the TransformationContext: the disabled transformer must not touch it
  t.is(transformer({})(file), file);
});

test("a program made by TypeScript 6.0 handed to the plugin that loads 5.9 (the same node kinds, other type flags): TS46009 thrown, not a build that leaves an untagged subclass's await using as written", (t) => {
  const { typescript: ts6, program } = programOfVersion("6.0");
  t.regex(ts6.version, /^6\.0\./);
  const error = t.throws(() => tsAsyncInit(program));
  t.regex(error.message, /^error TS46009: ts-async-init was handed a program made by another TypeScript than the one it loaded \(5\.9\.\d+\)/);
  t.notThrows(() => tsAsyncInit(program, { typescript: ts6 }));
});
