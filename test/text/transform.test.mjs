// The text back end (ts-async-init/api): TypeScript in, TypeScript out, by edits
// to the original text. Its output is compiled by plain transpileModule (no
// plugin) and run; its source map is read back to the user's lines. Program:
// test/text/programs/db.ts (its first line, a licence header, is part of what is mapped).
import test from "ava";
import { createRequire } from "node:module";
import { join } from "node:path";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { buildWith } from "../support/back-ends.mjs";
import { readSource, runNode, writeFiles } from "../support/project.mjs";

const require = createRequire(import.meta.url);
const { transform } = require("../../dist/api.js");

const DB = readSource("test/text/programs/db.ts");

/** Compiles `files` with the text back end (then plain transpileModule, CommonJS) and runs `main`, a CommonJS script, beside them. */
function run(files, main, target = "ES2022") {
  const { outDir } = buildWith("text", files, { compilerOptions: { target, module: "commonjs" } });
  writeFiles(outDir, { "main.js": main });
  return runNode(join(outDir, "main.js"));
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
