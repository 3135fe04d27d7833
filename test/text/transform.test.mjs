// The text back end (ts-async-init/api): TypeScript in, TypeScript out, by edits
// to the original text. Its output is compiled by plain transpileModule (no
// plugin) and run; its source map is read back to the user's lines.
import test from "ava";
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { NODE_24, runNode, tempDir, ts } from "../helpers/build.mjs";

const require = createRequire(import.meta.url);
const { transform } = require("../../dist/api.js");
const { PLUMBING_JS } = require("../../dist/plumbing/index.js");

const DB = `// A licence header.

/** @asyncInit */
export class Db {
  log: string[] = [];
  constructor(readonly url: string) {}
  async init() {
    this.log.push("init " + this.url);
  }
  async [Symbol.asyncDispose]() {
    this.log.push("teardown");
  }
}

/** @asyncInit */
export class Plain {
  async init() {
    throw new Error("init failed on purpose");
  }
}
`;

/** Compiles text-back-end output with plain transpileModule and runs `main` from it. */
function run(files, main, target = "ES2022") {
  const dir = tempDir("ts-async-init-text-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "commonjs" }));
  for (const [name, source] of Object.entries(files)) {
    const { code } = transform(source, name, { target });
    const js = ts.transpileModule(code, { fileName: name, compilerOptions: { target: ts.ScriptTarget[target], module: ts.ModuleKind.CommonJS } }).outputText;
    writeFileSync(join(dir, name.replace(/\.ts$/, ".js")), js);
  }
  writeFileSync(join(dir, "main.js"), main);
  return runNode(join(dir, "main.js"));
}

test("a file with neither the tag nor await using comes back as it went in, with no map", (t) => {
  const source = "export const x = 1;\nexport async function f() { await x; }\n";
  const result = transform(source, "plain.ts");
  t.is(result.code, source);
  t.is(result.map, null);
  t.deepEqual(result.diagnostics, []);
});

test("await new Db(): init runs once and yields the instance; dispose runs the teardown; a failing init rejects", (t) => {
  const result = run({ "db.ts": DB }, `
const { Db, Plain } = require("./db.js");
(async () => {
  const db = await new Db("a");
  const again = await db;
  console.log(again === db, typeof db.then, db.log.join(","));
  await db[Symbol.asyncDispose]();
  console.log(db.log.join(","));
  await new Plain().then(() => console.log("no"), (e) => console.log("rejected: " + e.message));
})();
`);
  t.is(result.stderr, "");
  t.deepEqual(result.stdout.trim().split("\n"), ["true undefined init a", "init a,teardown", "rejected: init failed on purpose"]);
});

test("the instance keeps its state in a private field from ES2022 up, in the shared map below", (t) => {
  t.regex(transform(DB, "db.ts").code, /#asyncInit: unknown;/);
  t.notRegex(transform(DB, "db.ts", { target: "ES2017" }).code, /#asyncInit/);
  const main = `
const { Db } = require("./db.js");
(async () => { const db = await new Db("b"); console.log(Reflect.ownKeys(db).sort().join(","), db.log.join(",")); })();
`;
  for (const target of ["ES2017", "ES2022"]) {
    const result = run({ "db.ts": DB }, main, target);
    t.is(result.stderr, "", target);
    t.is(result.stdout.trim(), "log,url init b", target);
  }
});

test("every line the user wrote keeps its text, and the map points each one back at itself", (t) => {
  const { code, map } = transform(DB, "db.ts");
  t.is(map.version, 3);
  t.deepEqual(map.sources, ["db.ts"]);
  const traced = new TraceMap(map);
  const outLines = code.split("\n");
  const untouched = DB.split("\n").filter((line) => line.trim() && !/asyncDispose|^}/.test(line));
  for (const line of untouched) {
    const at = outLines.indexOf(line);
    t.not(at, -1, `kept as written: ${line}`);
    const column = line.length - line.trimStart().length;
    const original = originalPositionFor(traced, { line: at + 1, column });
    t.is(original.line, DB.split("\n").indexOf(line) + 1, `mapped back: ${line}`);
  }
});

test("the throw inside init maps to its line in the .ts file", (t) => {
  const { code, map } = transform(DB, "db.ts");
  const generatedLine = code.split("\n").findIndex((l) => l.includes("init failed on purpose")) + 1;
  const original = originalPositionFor(new TraceMap(map), { line: generatedLine, column: 4 });
  t.is(original.line, DB.split("\n").findIndex((l) => l.includes("init failed on purpose")) + 1);
});

test("diagnostics: the plugin's codes and messages, with file, line and column", (t) => {
  const source = "/** @asyncInit */\nexport class NoInit {\n  run() {}\n}\n/** @asyncInit */\nfunction notAClass() {}\n";
  const { code, diagnostics } = transform(source, "src/bad.ts");
  t.deepEqual(diagnostics.map(({ code, category, file, line, column }) => ({ code, category, file, line, column })), [
    { code: 46001, category: "error", file: "src/bad.ts", line: 2, column: 14 },
    { code: 46003, category: "warning", file: "src/bad.ts", line: 5, column: 1 },
  ]);
  t.regex(diagnostics[0].message, /has no method 'init'/);
  t.is(code, source, "a class with an error is left as written");
});

test("plumbing: { import }: each module imports the full plumbing from that module instead of holding it, and runs the same", (t) => {
  const options = { plumbing: { import: "./plumbing.js" } };
  const user = `import { Db } from "./db";\nexport async function use() {\n  await using db = new Db("u");\n  return db.log.join(", ");\n}\n`;
  const db = transform(DB, "db.ts", options);
  const awaitOnly = transform(user, "user.ts", options);
  for (const { code } of [db, awaitOnly]) {
    t.is(code.match(/^import \{ plumbing as (asyncInit_1) \} from "\.\/plumbing\.js";$/gm)?.length, 1, code);
    t.false(code.includes("Symbol.for("), "no plumbing inlined");
  }
  // The map still points each of the user's lines at itself.
  const line = db.code.split("\n").findIndex((l) => l.includes("init failed on purpose")) + 1;
  t.is(originalPositionFor(new TraceMap(db.map), { line, column: 4 }).line, DB.split("\n").findIndex((l) => l.includes("init failed on purpose")) + 1);

  const dir = tempDir("ts-async-init-text-import-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "commonjs" }));
  writeFileSync(join(dir, "plumbing.js"), `exports.plumbing = ${PLUMBING_JS.trim()};\n`);
  for (const [name, { code }] of Object.entries({ "db.ts": db, "user.ts": awaitOnly })) {
    const js = ts.transpileModule(code, { fileName: name, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
    writeFileSync(join(dir, name.replace(/\.ts$/, ".js")), js);
  }
  writeFileSync(join(dir, "main.js"), `require("./user.js").use().then(console.log);\n`);
  const result = runNode(join(dir, "main.js"), { node: NODE_24 });
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), "init u");
});
