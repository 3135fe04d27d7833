// Emitted-code rule: source maps stay right. With sourceMap on and Node's
// --enable-source-maps, an error thrown inside init — after an await, before
// any await, or from a non-async init — and an error thrown inside a teardown
// are reported at their line of main.ts, at every target and module kind; so
// is an error thrown by the constructor of a tagged class. Program:
// test/emit/programs/source-maps/main.ts.

import { join } from "node:path";
import { GREATEST_LOWER_BOUND, originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import test from "ava";
import { ALL_TARGETS, compile, format, moduleOptions, nodeFor, pluginMessages, readSource, runNode } from "../support/project.mjs";

const MAIN = readSource("test/emit/programs/source-maps/main.ts");

/** The 1-based line of main.ts marked `// THROW <name>`. */
const lineOf = (name) => MAIN.split("\n").findIndex((line) => line.endsWith(`// THROW ${name}`)) + 1;

for (const target of ALL_TARGETS) {
  for (const module of ["commonjs", "nodenext"]) {
    test(`errors in init and teardown map to their main.ts line (${target}/${module})`, (t) => {
      const compiled = compile({ "main.ts": MAIN }, { compilerOptions: { ...moduleOptions(target, module), sourceMap: true } });
      t.is(format(compiled.errors), "");
      const { outputs, diagnostics } = compiled.emit({ write: true });
      t.deepEqual(pluginMessages(diagnostics), []);
      t.truthy(outputs["main.js.map"], "a source map is emitted");

      const run = runNode(join(compiled.outDir, "main.js"), { nodeArgs: ["--enable-source-maps"], node: nodeFor(target) });
      t.is(run.stderr, "");
      t.is(run.code, 0);
      const frames = Object.fromEntries(
        run.stdout
          .trim()
          .split("\n")
          .map((line) => line.split(": ")),
      );
      for (const name of ["init", "init-at-once", "teardown", "sync-init", "constructor"]) {
        t.regex(frames[name] ?? "", new RegExp(`main\\.ts:${lineOf(name)}:\\d+\\)?$`), `${name} is thrown at main.ts:${lineOf(name)}`);
      }
    });
  }
}

// Tools that look a stack frame up on its own line alone (source-map-support, under ts-node
// and Jest) print a line without a mapping as the JavaScript's line number with the .ts file's
// name: `at start (src/db.ts:109:45)` in a file of 16 lines. So each line of code that the
// plugin writes (the plumbing, a tagged class's generated members, the line that captures an
// init's context) has a mapping of its own, into the file.
const TAGGED = `/** @asyncInit */
export class Db {
  ready = false;
  async init(): Promise<void> {
    await null;
    this.ready = true;
  }
}

/** @asyncInit */
export class Pool {
  async init(): Promise<void> {}
  async [Symbol.asyncDispose](): Promise<void> {
    await null;
  }
}
`;

for (const target of ["ES2017", "ES2022", "ESNext"]) {
  test(`each line of code the plugin writes maps, on its own line, into the .ts file (${target})`, (t) => {
    const compiled = compile({ "db.ts": TAGGED }, { compilerOptions: { ...moduleOptions(target, "commonjs"), sourceMap: true } });
    t.is(format(compiled.errors), "");
    const { outputs } = compiled.emit();
    const map = new TraceMap(JSON.parse(outputs["db.js.map"]));
    const lines = outputs["db.js"].split("\n");
    const start = lines.findIndex((line) => line.startsWith("/** ts-async-init: "));
    t.true(start > 0, "the plumbing is there");
    const sourceLines = TAGGED.split("\n").length;
    const unmapped = [];
    lines.forEach((line, index) => {
      const code = line.replace(/\/\/.*|\/\*.*?\*\/|^\s*\/?\*.*/g, "").trim();
      // A line of code, not one that goes on with the statement above it (`}, error => {`, `else`).
      if (index < start || !/[\w$]/.test(code) || /^(?:\}|else\b|sourceMappingURL)/.test(code)) return;
      const found = originalPositionFor(map, { line: index + 1, column: line.length, bias: GREATEST_LOWER_BOUND });
      if (found.line === null || found.line > sourceLines) unmapped.push(`${index + 1}: ${line.trim()}`);
    });
    t.true(lines.length - start > 400, "the plumbing's lines are counted");
    t.deepEqual(unmapped, []);
  });
}
