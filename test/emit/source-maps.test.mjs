// Emitted-code rule: source maps stay right. With sourceMap on and Node's
// --enable-source-maps, an error thrown inside init — after an await, before
// any await, or from a non-async init — and an error thrown inside a teardown
// are reported at their line of main.ts, at every target and module kind; so
// is an error thrown by the constructor of a tagged class.
import test from "ava";
import { join } from "node:path";
import { nodeFor, pluginMessages, runNode } from "../helpers/build.mjs";
import { ALL_TARGETS, compile, format, moduleOptions } from "./compile.mjs";

const MAIN = `
type Failure = "init" | "init-at-once" | "sync-init" | "teardown" | "constructor";

/** @asyncInit */
class Db {
  constructor(readonly fail: Failure) {
    if (fail === "constructor") throw new Error("constructor fails"); // THROW constructor
  }

  async init() {
    if (this.fail === "init-at-once") throw new Error("fails before any await"); // THROW init-at-once
    await null;
    if (this.fail === "init") throw new Error("fails after an await"); // THROW init
  }

  async [Symbol.asyncDispose]() {
    await null;
    if (this.fail === "teardown") throw new Error("teardown fails"); // THROW teardown
  }
}

/** @asyncInit */
class Sync {
  init(): Promise<void> {
    throw new Error("fails synchronously"); // THROW sync-init
  }
}

/** The first frame of an error's stack: where it was thrown. */
const thrownAt = (error: unknown) => String((error as Error).stack).split("\\n").find((line) => line.trim().startsWith("at "))?.trim();

async function main() {
  for (const fail of ["init", "init-at-once", "teardown", "constructor"] as const) {
    try {
      await using db = new Db(fail);
      void db;
    } catch (error) {
      console.log(\`\${fail}: \${thrownAt(error)}\`);
    }
  }
  try {
    await new Sync();
  } catch (error) {
    console.log(\`sync-init: \${thrownAt(error)}\`);
  }
}

main();
`;

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
      const frames = Object.fromEntries(run.stdout.trim().split("\n").map((line) => line.split(": ")));
      for (const name of ["init", "init-at-once", "teardown", "sync-init", "constructor"]) {
        t.regex(frames[name] ?? "", new RegExp(`main\\.ts:${lineOf(name)}:\\d+\\)?$`), `${name} is thrown at main.ts:${lineOf(name)}`);
      }
    });
  }
}
