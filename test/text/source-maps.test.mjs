// The text back end's source map: every line the user wrote and the text back end
// left as it was maps to itself, and so do the user's own parts of the lines it
// rewrote; an error thrown inside init points at its line of the .ts file, through
// transpileModule's map after ours, and in Node's type stripping with our map alone.

import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import test from "ava";
import { NODE_24, ROOT, runNode, tempDir } from "../support/project.mjs";
import { CLASSES, DISPOSABLES, USAGE } from "./programs.mjs";
import { originalOf, transform, ts } from "./support.mjs";

/** The fixtures' inputs and the programs of programs.mjs (name → text). */
function inputs() {
  const found = { "classes.ts": CLASSES, "disposables.ts": DISPOSABLES, "usage.ts": USAGE };
  const fixtures = join(ROOT, "fixtures");
  for (const name of readdirSync(fixtures).filter((n) => !n.startsWith("_") && statSync(join(fixtures, n)).isDirectory())) {
    for (const file of readdirSync(join(fixtures, name)).filter((f) => f.endsWith(".ts")))
      found[`${name}/${file}`] = readFileSync(join(fixtures, name, file), "utf8");
  }
  return found;
}

/** How often each line occurs in a text. */
function counts(lines) {
  const count = new Map();
  for (const line of lines) count.set(line, (count.get(line) ?? 0) + 1);
  return count;
}

test("every line the user wrote that the text back end left as it was maps back to itself, at its first and last character", (t) => {
  let kept = 0;
  let total = 0;
  for (const [name, source] of Object.entries(inputs())) {
    const { code, map } = transform(source, name, { target: "ES2022", typescript: ts });
    if (!map) continue;
    t.is(map.version, 3);
    t.deepEqual(map.sources, [name.split("/").pop()], "relative to the file's own folder, as the map sits beside it");
    t.deepEqual(map.sourcesContent, [source]);
    const traced = new TraceMap(map);
    const inLines = source.split("\n");
    const outLines = code.split("\n");
    const inCount = counts(inLines);
    const outCount = counts(outLines);
    inLines.forEach((line, i) => {
      if (!line.trim()) return;
      total++;
      if (!outLines.includes(line)) return; // a line the back end rewrote
      kept++;
      // A line that occurs more than once (`  }`) is only looked up when it occurs once on both sides.
      if (inCount.get(line) !== 1 || outCount.get(line) !== 1) return;
      const at = outLines.indexOf(line) + 1;
      const first = line.length - line.trimStart().length;
      for (const column of [first, line.length - 1]) {
        const original = originalPositionFor(traced, { line: at, column });
        t.deepEqual([original.line, original.column], [i + 1, column], `${name}: ${line}`);
      }
    });
  }
  t.log(`${kept} of ${total} lines kept as written`);
  t.true(kept / total > 0.85);
});

test("in a line the text back end rewrote, the user's own text maps to where it was", (t) => {
  const source = `import { open } from "./db.js";
export async function f() {
  await using db = open("a"), log = open("b");
  for (await using item of [open("c")]) console.log(item);
}
`;
  const { code, map } = transform(source, "f.ts", { typescript: ts });
  const outLines = code.split("\n");
  for (const part of ['open("a")', 'open("b")', '[open("c")]', "console.log(item)"]) {
    const line = outLines.findIndex((l) => l.includes(part));
    const original = originalOf(map, line + 1, outLines[line].indexOf(part));
    const inLine = source.split("\n").findIndex((l) => l.includes(part));
    t.deepEqual([original.line, original.column], [inLine + 1, source.split("\n")[inLine].indexOf(part)], part);
  }
});

test("an await using tested when it runs keeps its words where they were: await, using and the name map to themselves, and so does the await that waits for init", (t) => {
  const source = `import { open } from "./db.js";\nexport async function f() {\n  await using db: Disposable = open("a");\n}\n`;
  const written = source.split("\n")[2];
  for (const keepLines of [false, true]) {
    const { code, map } = transform(source, "f.ts", { typescript: ts, keepLines });
    const line = code.split("\n").findIndex((l) => l.includes("const db_1"));
    const out = code.split("\n")[line];
    const at = out.indexOf("await using db");
    t.true(at > out.indexOf('open("a")'), out);
    const where = (column) => [originalOf(map, line + 1, column).line, originalOf(map, line + 1, column).column];
    t.deepEqual(where(at), [3, written.indexOf("await")], `await, keepLines ${keepLines}`);
    t.deepEqual(where(out.indexOf("using", at)), [3, written.indexOf("using")], `using, keepLines ${keepLines}`);
    t.deepEqual(where(out.indexOf("db", at)), [3, written.indexOf("db")], `db, keepLines ${keepLines}`);
    // The await of pending(db_1) ? await ready(db_1) : db_1 is on that declaration, not after the value.
    t.true((where(out.indexOf("? await", at) + 2)[1] ?? Infinity) < written.indexOf('open("a")'), `the await that waits, keepLines ${keepLines}`);
  }
});

const THROWS = `// A tagged class whose init fails.
/** @asyncInit */
export class Db {
  name = "db";
  async init() {
    await Promise.resolve();
    throw new Error("init failed on purpose");
  }
}
`;
const THROW_LINE = THROWS.split("\n").findIndex((line) => line.includes("throw new Error")) + 1;

test("an error thrown inside init maps to its .ts line: through transpileModule's map, then the text back end's", (t) => {
  const { code, map } = transform(THROWS, "db.ts", { typescript: ts });
  const js = ts.transpileModule(code, {
    fileName: "db.ts",
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true },
  });
  const dir = tempDir("ts-async-init-maps-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(join(dir, "db.js"), js.outputText);
  writeFileSync(join(dir, "main.js"), `import { Db } from "./db.js";\ntry { await new Db(); } catch (e) { console.log(e.stack.split("\\n")[1]); }\n`);
  const run = runNode(join(dir, "main.js"));
  t.is(run.stderr, "");
  const [, line, column] = /** @type {RegExpExecArray} */ (/db\.js:(\d+):(\d+)/.exec(run.stdout));
  const inOutput = originalPositionFor(new TraceMap(JSON.parse(js.sourceMapText)), { line: Number(line), column: Number(column) - 1 });
  const inInput = originalOf(map, inOutput.line, inOutput.column);
  t.is(inInput.line, THROW_LINE);
  t.is(THROWS.split("\n")[THROW_LINE - 1].slice(inInput.column ?? 0), 'new Error("init failed on purpose");');
});

const LINE_ENDS = { "line feeds": "\n", "carriage returns and line feeds": "\r\n", "carriage returns alone (classic Mac)": "\r" };

for (const [ends, end] of Object.entries(LINE_ENDS)) {
  test(`an error thrown inside init maps to its .ts line when Node's type stripping runs the output with the map inline (${ends})`, (t) => {
    const { code, map } = transform(THROWS.replaceAll("\n", end), "db.ts", { typescript: ts });
    const dir = tempDir("ts-async-init-strip-");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "db.ts"), `${code}\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}\n`);
    writeFileSync(
      join(dir, "main.ts"),
      `import { Db } from "./db.ts";\ntry { await new Db(); } catch (e) { console.log((e as Error).stack!.split("\\n")[1]); }\n`,
    );
    const run = runNode(join(dir, "main.ts"), { node: NODE_24, nodeArgs: ["--enable-source-maps", "--disable-warning=ExperimentalWarning"] });
    t.is(run.stderr, "");
    t.regex(run.stdout, new RegExp(`db\\.ts:${THROW_LINE}:11\\)`));
  });
}

test("with keepLines, an error thrown inside init points at its .ts line under Node's type stripping with no source map at all", (t) => {
  const { code } = transform(THROWS, "db.ts", { typescript: ts, keepLines: true });
  const dir = tempDir("ts-async-init-lines-");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(join(dir, "db.ts"), code);
  writeFileSync(
    join(dir, "main.ts"),
    `import { Db } from "./db.ts";\ntry { await new Db(); } catch (e) { console.log((e as Error).stack!.split("\\n")[1]); }\n`,
  );
  const run = runNode(join(dir, "main.ts"), { node: NODE_24, nodeArgs: ["--disable-warning=ExperimentalWarning"] });
  t.is(run.stderr, "");
  t.regex(run.stdout, new RegExp(`db\\.ts:${THROW_LINE}:\\d+\\)`));
  // Without keepLines, the plumbing's lines come first.
  const shifted = transform(THROWS, "db.ts", { typescript: ts }).code.split("\n");
  t.not(shifted.findIndex((line) => line.includes("throw new Error")) + 1, THROW_LINE);
});
