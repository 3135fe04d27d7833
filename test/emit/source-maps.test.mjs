// Emitted-code rule: source maps stay right. With sourceMap on and Node's
// --enable-source-maps, an error thrown inside init — after an await, before
// any await, or from a non-async init — and an error thrown inside a teardown
// are reported at their line of main.ts, at every target and module kind; so
// is an error thrown by the constructor of a tagged class. Program:
// test/emit/programs/source-maps/main.ts.

import { join } from "node:path";
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
