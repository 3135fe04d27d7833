// The package's main export called from code: with a ts.Program (your own emit, and
// ts-loader's getCustomTransformers), with none (ts.transpileModule), and its types.
import test from "ava";
import {
  APP,
  APP_WITH_TYPE_ERROR,
  assertInstalled,
  bin,
  EXPECTED,
  errorCodes,
  NO_CHECKER_APP,
  NO_CHECKER_EXPECTED,
  recipe,
  run,
  runNode,
  writeApp,
} from "./helpers.mjs";

test.before(assertInstalled);

const TSCONFIG = JSON.stringify({
  compilerOptions: { target: "ES2022", module: "commonjs", lib: ["ES2022", "ESNext.Disposable"], types: ["node"], strict: true, outDir: "out" },
  include: ["src"],
});

test("build.js from the README: no diagnostics, and the output awaits every await using", (t) => {
  const dir = writeApp("api", { ...APP, "tsconfig.json": TSCONFIG, "build.js": recipe("api/build.js") });
  const build = runNode("build.js", dir);
  t.is(build.code, 0, build.output);
  t.is(build.stderr, "");
  const result = runNode("out/index.js", dir);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), EXPECTED);
});

test("build.js from the README still reports a type error in the user's code, and only that", (t) => {
  const dir = writeApp("api-error", { ...APP_WITH_TYPE_ERROR, "tsconfig.json": TSCONFIG, "build.js": recipe("api/build.js") });
  const build = runNode("build.js", dir);
  t.is(build.code, 1, build.output);
  t.deepEqual(errorCodes(build.stderr), ["TS2322"], build.output);
});

test("with no program (ts.transpileModule): await using of an imported tagged class, a factory's result and for…of elements is awaited on entry", (t) => {
  const script = `const fs = require("node:fs");
const ts = require("typescript");
const tsAsyncInit = require("ts-async-init");
for (const name of ["resource", "main", "index"]) {
  const source = fs.readFileSync(\`src/\${name}.ts\`, "utf8");
${recipe("api/transpile.js").replace(/^/gm, "  ").trimEnd()}
  fs.mkdirSync("out", { recursive: true });
  fs.writeFileSync(\`out/\${name}.js\`, outputText);
}
`;
  const dir = writeApp("api-transpile", { ...NO_CHECKER_APP, "transpile.js": script });
  const build = runNode("transpile.js", dir);
  t.is(build.code, 0, build.output);
  t.is(build.stderr, "");
  const result = runNode("out/index.js", dir);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), NO_CHECKER_EXPECTED);
});

test("the main export misused: options handed as the program, the export itself handed as a transformer, or used as a Vite plugin: error TS46010 says what to write, with no stack", (t) => {
  const script = `const ts = require("typescript");
const tsAsyncInit = require("ts-async-init");
const source = "/** @asyncInit */\\nexport class A { async init() {} }\\n";
// What webpack hands each of its plugins: its compiler, as this and as the argument.
const compiler = { hooks: {}, options: {} };
for (const before of [
  () => [tsAsyncInit({ initMethod: "setup" })],
  () => [tsAsyncInit],
  () => [tsAsyncInit().apply({}, {})],
  () => [tsAsyncInit.call(compiler, compiler)],
  () => [tsAsyncInit().call(compiler, compiler)],
]) {
  try {
    ts.transpileModule(source, { transformers: { before: before() } });
    console.log("no error");
  } catch (error) {
    console.log(error.stack);
  }
}
`;
  const dir = writeApp("api-misused", { "misuse.js": script });
  const result = runNode("misuse.js", dir);
  t.is(result.stderr, "");
  t.deepEqual(result.stdout.trim().split("\n"), [
    'error TS46010: ts-async-init\'s main entry takes (program, options), and was handed {"initMethod":"setup"} as its program. Pass the options second: tsAsyncInit(program, { initMethod: "setup" }), or tsAsyncInit(undefined, { initMethod: "setup" }) without a program. In a bundler\'s config, use its own entry: ts-async-init/vite, ts-async-init/rolldown, ts-async-init/rollup, ts-async-init/esbuild, ts-async-init/webpack, ts-async-init/rspack or ts-async-init/bun.',
    "error TS46010: ts-async-init's main entry makes the transformer, and was handed to TypeScript as the transformer itself. Call it: before: [tsAsyncInit()] (or tsAsyncInit(program)), not before: [tsAsyncInit].",
    // Vite calls a function among its plugins through its apply method, with no TypeScript context; webpack with its compiler.
    ...Array(3).fill(
      "error TS46010: ts-async-init's main entry is a TypeScript transformer (tsconfig.json's plugins with tspc, ts-loader, ts-jest…), and was used as a plugin of another tool. A bundler takes its own entry: ts-async-init/vite, ts-async-init/rolldown, ts-async-init/rollup, ts-async-init/esbuild, ts-async-init/webpack, ts-async-init/rspack or ts-async-init/bun.",
    ),
  ]);
});

test("ts-loader's getCustomTransformers with the program: a one-off build has no error, and the bundle awaits every await using", (t) => {
  const options = `options: { compiler: "ts-patch/compiler" }`;
  const config = recipe("webpack/webpack.config.js");
  t.true(config.includes(options));
  const dir = writeApp("api-ts-loader", {
    ...APP,
    "tsconfig.json": recipe("webpack/tsconfig.json"),
    "webpack.config.js": config.replace(options, `options: { getCustomTransformers: (program) => ({ before: [require("ts-async-init")(program)] }) }`),
  });
  const build = run(bin("webpack"), [], { cwd: dir });
  t.is(build.code, 0, build.output);
  t.deepEqual(errorCodes(build.output), [], build.output);
  t.is(runNode("dist/main.js", dir).stdout.trim(), EXPECTED);
});

test("the types in dist/index.d.ts and dist/ts-jest.d.ts", (t) => {
  const usage = `import ts = require("typescript");
import tsAsyncInit = require("ts-async-init");
import * as tsJest from "ts-async-init/ts-jest";

declare const program: ts.Program;
const withProgram: ts.TransformerFactory<ts.SourceFile> = tsAsyncInit(program);
const withNone: ts.TransformerFactory<ts.SourceFile> = tsAsyncInit();
const options: tsAsyncInit.Options = { initMethod: "setup", stateField: false };
const transformers: ts.CustomTransformers = { before: [tsAsyncInit(program, options), withProgram, withNone] };
// @ts-expect-error initMethod is a method name
tsAsyncInit(program, { initMethod: 1 });
const entry: { name: string; version: number } = tsJest;
const factory: (compiler: tsJest.TsJestCompiler, options?: Record<string, unknown>) => ts.TransformerFactory<ts.SourceFile> = tsJest.factory;
export { transformers, entry, factory };
`;
  const tsconfig = JSON.stringify({ compilerOptions: { module: "node16", strict: true, noEmit: true, types: [] }, files: ["usage.ts"] });
  const dir = writeApp("api-types", { "usage.ts": usage, "tsconfig.json": tsconfig });
  const check = run(bin("tsc"), ["-p", "."], { cwd: dir });
  t.is(check.code, 0, check.output);
});
