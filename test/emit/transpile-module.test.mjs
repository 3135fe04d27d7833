// The ts-patch plugin entry under ts.transpileModule, as ts-node's and ts-loader's
// `transpileOnly` run it with `ts-patch/compiler`: TypeScript's one-file program, whose
// semantic diagnostics nobody asks for. This plugin's errors must reach the diagnostics
// that transpileModule returns (the tool then stops); its warnings are printed and do not.

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import { ROOT, runNode, tempDir } from "../support/project.mjs";

const tsPatch = createRequire(join(ROOT, "package.json"))("ts-patch/compiler");
const PLUGIN = { transform: join(ROOT, "dist/index.js"), transformProgram: true };

const BROKEN = "/** @asyncInit */\nexport class Broken {\n  async start(): Promise<void> {}\n}\n";
const WARNED = "/** @asyncInit */\nexport class Db {\n  async init(): Promise<void> {}\n}\n\n/** @asyncInit */\nexport const notAClass = 2;\n";

/** transpileModule of `source` with the plugin entry, as ts-node does; what it returns, and what was printed to the console. */
function transpile(source, compilerOptions = {}) {
  const printed = [];
  const error = console.error;
  console.error = (...args) => printed.push(args.join(" "));
  try {
    const result = tsPatch.transpileModule(source, {
      fileName: join(ROOT, "src/db.ts"),
      reportDiagnostics: true,
      compilerOptions: { target: tsPatch.ScriptTarget.ES2022, module: tsPatch.ModuleKind.CommonJS, plugins: [PLUGIN], ...compilerOptions },
    });
    return { codes: result.diagnostics.map((d) => d.code), outputText: result.outputText, printed };
  } finally {
    console.error = error;
  }
}

test("an error (TS46001) is among the diagnostics transpileModule returns, with its place", (t) => {
  const { codes, printed } = transpile(BROKEN);
  t.deepEqual(codes, [46001]);
  t.deepEqual(printed, []);
});

test("also with verbatimModuleSyntax, under which transpileModule does not turn on isolatedModules", (t) => {
  t.deepEqual(transpile(BROKEN, { verbatimModuleSyntax: true, module: tsPatch.ModuleKind.ESNext }).codes, [46001]);
});

test("a warning (TS46003) is printed once, not returned: the tool goes on, and the tagged class is rewritten", (t) => {
  const { codes, printed, outputText } = transpile(WARNED);
  t.deepEqual(codes, []);
  t.is(printed.length, 1);
  t.regex(printed[0], /src[\\/]db\.ts\(6,1\): warning TS46003: @asyncInit only applies to a class/);
  t.regex(outputText, /ts-async-init\.v\d/);
});

test("a file with neither error nor warning: no diagnostic, nothing printed", (t) => {
  const { codes, printed } = transpile("/** @asyncInit */\nexport class Db {\n  async init(): Promise<void> {}\n}\n");
  t.deepEqual(codes, []);
  t.deepEqual(printed, []);
});

test("a module the text back end rewrote already (the webpack plugin's loader in front of ts-loader with ts-patch's compiler) is left as it is: no diagnostic of its generated code, and it runs as rewritten once", (t) => {
  const { transform } = createRequire(join(ROOT, "package.json"))(join(ROOT, "dist/api.js"));
  const source =
    "/** @asyncInit */\nexport class Db {\n  ready = false;\n  async init(): Promise<void> { this.ready = true; }\n}\nexport async function main(): Promise<boolean> {\n  await using db = new Db();\n  return db.ready;\n}\n";
  const rewritten = transform(source, join(ROOT, "src/db.ts"), { target: "ES2022" }).code;
  t.not(rewritten, source);
  const { codes, outputText, printed } = transpile(rewritten);
  t.deepEqual(codes, []);
  t.deepEqual(printed, []);
  t.is(outputText.match(/makes this module's @asyncInit classes awaitable/g)?.length, 1, "the plumbing once");
  const dir = tempDir();
  writeFileSync(join(dir, "db.cjs"), outputText);
  writeFileSync(join(dir, "main.cjs"), 'require("./db.cjs").main().then((ready) => console.log("ready", ready));\n');
  const ran = runNode(join(dir, "main.cjs"));
  t.is(ran.stderr, "");
  t.is(ran.stdout, "ready true\n");
});
