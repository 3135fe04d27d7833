// Tagged classes across modules: both modules through the text back end, and one
// through each back end (the AST back end with a program and its checker, JavaScript
// out; the text back end without one, TypeScript out, then plain transpileModule).
// Whichever compiled a class, the other awaits its instances the same way: the
// plumbing of every module shares one registry.

import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import test from "ava";
import { build, runNode, tempDir } from "../support/project.mjs";
import { originalOf, transform, transformAll, transformAndRun, ts } from "./support.mjs";

const { PLUMBING_JS } = createRequire(import.meta.url)("../../dist/plumbing/index.js");

const DB = `export const log: string[] = [];

/** @asyncInit */
export class Db {
  ready = false;
  constructor(readonly name: string) {}
  async init() {
    await Promise.resolve();
    this.ready = true;
    log.push(\`init \${this.name}\`);
  }
  async [Symbol.asyncDispose]() {
    log.push(\`dispose \${this.name}\`);
  }
}

export function openDb(name: string): Db {
  return new Db(name);
}
`;

const MAIN = `import { Db, log, openDb } from "./db.js";

class ReadOnly extends Db {
  override async init() {
    await super.init();
    log.push(\`read-only \${this.name}\`);
  }
}

{
  await using a = new Db("a"), b = openDb("b"), c = new ReadOnly("c");
  log.push(\`body \${a.ready} \${b.ready} \${c.ready}\`);
}
const d = await openDb("d");
const [e] = await Promise.all([new Db("e")]);
log.push(\`awaited \${d.ready} \${e.ready}\`);
for (await using f of [new Db("f")]) log.push(\`loop \${f.ready}\`);
console.log(log.join(", "));
`;

const EXPECTED = [
  "init a, init b, init c, read-only c, body true true true, dispose c, dispose b, dispose a, init d, init e, awaited true true, init f, loop true, dispose f",
];

/** The AST back end's output of the files, with a program (and so a checker), as ES modules at ES2022: name → JavaScript. */
function compileWithProgram(files) {
  const built = build(files, { compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext" } });
  const errors = built.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) throw new Error(built.text(errors));
  return built.outputs;
}

/** Writes JavaScript files (name → text) as ES modules and runs main.js. */
function runJavaScript(t, files) {
  const dir = tempDir("ts-async-init-mixed-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const run = runNode(join(dir, "main.js"));
  t.is(run.stderr, "");
  return run.stdout.trim().split("\n");
}

/** The text back end's output of a file, as JavaScript (plain transpileModule). */
function textToJavaScript(name, source) {
  const code = transformAll({ [name]: source })[name];
  return ts.transpileModule(code, { fileName: name, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
}

test("an imported tagged class, both modules through the text back end", (t) => {
  t.deepEqual(transformAndRun(t, { "db.ts": DB, "main.ts": MAIN }), EXPECTED);
});

test("a class compiled by the AST back end (with a checker), awaited by a module compiled by the text back end", (t) => {
  const ast = compileWithProgram({ "db.ts": DB, "main.ts": MAIN });
  t.regex(ast["main.js"], /await asyncInit_1\.ready\(new Db\("a"\)\)/, "the AST back end awaits by type");
  t.deepEqual(runJavaScript(t, { "db.js": ast["db.js"], "main.js": textToJavaScript("main.ts", MAIN) }), EXPECTED);
});

test("a class compiled by the text back end, awaited by a module compiled by the AST back end (with a checker)", (t) => {
  const ast = compileWithProgram({ "db.ts": DB, "main.ts": MAIN });
  t.deepEqual(runJavaScript(t, { "db.js": textToJavaScript("db.ts", DB), "main.js": ast["main.js"] }), EXPECTED);
});

test("plumbing: { import }: each module imports the full plumbing from that module instead of holding it, and runs the same", (t) => {
  const options = { plumbing: { import: "./plumbing.js" } };
  for (const [name, source] of [
    ["db.ts", DB],
    ["main.ts", MAIN],
  ]) {
    const { code, map } = transform(source, name, { target: "ES2022", ...options });
    t.is(code.match(/^import \{ plumbing as asyncInit_1 \} from "\.\/plumbing\.js";$/gm)?.length, 1, code);
    t.false(code.includes("Symbol.for("), "no plumbing inlined");
    // The map still points the user's lines at themselves.
    const line = code.split("\n").findIndex((l) => l.includes("log.push("));
    t.is(originalOf(map, line + 1, 0).line, source.split("\n").findIndex((l) => l.includes("log.push(")) + 1);
  }
  // db.ts has a tagged class, main.ts only awaits: the full plumbing serves both.
  const files = { "db.ts": DB, "main.ts": MAIN, "plumbing.js": `export const plumbing = ${PLUMBING_JS.trim()};\n` };
  t.deepEqual(transformAndRun(t, files, options), EXPECTED);
});
