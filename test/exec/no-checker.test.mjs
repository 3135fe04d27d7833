// The rewrite without a type checker (ts.transpileModule: ts-loader's and ts-node's
// transpileOnly, ts-jest's isolatedModules): each module is compiled alone, so the
// module that uses the tagged classes of another cannot know its `await using`
// values are tagged instances. Every such value is tested when it runs: tagged
// instances are awaited on entry, every other value is used as written, with no
// added microtask turn and no `then` read. The program is test/exec/no-checker.
import test from "ava";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, moduleOptions, nodeFor, pluginMessages, runNode, tempDir, ts, tsAsyncInit } from "../helpers/build.mjs";

const PROGRAM = join(ROOT, "test/exec/no-checker");
const SOURCES = Object.fromEntries(readdirSync(PROGRAM).map((name) => [name, readFileSync(join(PROGRAM, name), "utf8")]));

const EXPECTED = {
  imported: ["init new", "init factory", "body", "dispose factory", "dispose new"],
  noTeardown: ["init no-teardown", "body"],
  loop: ["init one", "body one", "dispose one", "init two", "body two", "dispose two"],
  loopHead: ["init head", "body head", "body head", "dispose head"],
  failing: ["init failing", "caught boom"],
  noAddedTurn: ["plain: body first", "thenable: body first", "ready: body first"],
  thenRead: false,
};

/** Each file through ts.transpileModule with the plugin and no program, as the single-file tools do. */
function transpileAll(compilerOptions, plugin = true) {
  const dir = tempDir();
  const esm = compilerOptions.module === "nodenext";
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: esm ? "module" : "commonjs" }));
  const options = ts.convertCompilerOptionsFromJson({ ...compilerOptions, module: esm ? "esnext" : compilerOptions.module, moduleResolution: undefined }, dir).options;
  const diagnostics = [];
  const before = plugin ? [tsAsyncInit(undefined, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) })] : [];
  for (const [name, text] of Object.entries(SOURCES)) {
    const { outputText } = ts.transpileModule(text, { fileName: name, compilerOptions: options, transformers: { before } });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name.replace(/\.ts$/, ".js")), outputText);
  }
  return { dir, diagnostics };
}

for (const [target, module] of [["ES2017", "commonjs"], ["ES2022", "nodenext"], ["ESNext", "nodenext"]]) {
  test(`without a checker, every await using value that is a tagged instance is awaited on entry, and no other (${target}/${module})`, (t) => {
    const { dir, diagnostics } = transpileAll(moduleOptions(target, module));
    t.deepEqual(pluginMessages(diagnostics), []);
    const result = runNode(join(dir, "main.js"), { node: nodeFor(target) });
    t.is(result.stderr, "");
    t.deepEqual(JSON.parse(result.stdout), EXPECTED);
  });
}

test("without the plugin the same program runs the bodies before init (so the test above can fail)", (t) => {
  const { dir } = transpileAll(moduleOptions("ES2022", "nodenext"), false);
  const result = runNode(join(dir, "main.js"));
  t.notDeepEqual(result.stdout.trim() && JSON.parse(result.stdout).imported, EXPECTED.imported, result.stderr);
});

test("a labelled for head keeps its label on the loop (ESNext)", (t) => {
  const { dir } = transpileAll(moduleOptions("ESNext", "nodenext"));
  const result = runNode(join(dir, "labelled.js"), { node: nodeFor("ESNext") });
  t.is(result.stderr, "");
  t.deepEqual(JSON.parse(result.stdout), ["init labelled", "body labelled", "body labelled", "dispose labelled"]);
});

test("TS46022: without a checker, only the first await using of a for (…; …; …) head is tested", (t) => {
  const diagnostics = [];
  const source = "export async function f(a: AsyncDisposable, b: AsyncDisposable) {\n  for (await using x = a, y = b; ; ) break;\n}\n";
  const { outputText } = ts.transpileModule(source, {
    fileName: "loop.ts",
    compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext },
    transformers: { before: [tsAsyncInit(undefined, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) })] },
  });
  t.deepEqual(pluginMessages(diagnostics).map((m) => m.slice(0, 10)), ["46022 2:27"]);
  t.regex(outputText, /const x_1 = a;/);
});
