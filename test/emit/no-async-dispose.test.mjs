// Emitted-code rule: the output loads where Symbol.asyncDispose does not exist.
// Each program is compiled for every target, CommonJS and ESM, and loaded into
// a fresh realm that lacks the symbol (see load-in-fresh-realm.mjs); there it
// must load, construct and await tagged instances — plain, derived, anonymous,
// with private fields and a teardown — without throwing. Program:
// test/emit/programs/no-async-dispose (main.ts, its ES5 stand-in, uses.ts, the entries).

import { join } from "node:path";
import test from "ava";
import { ALL_TARGETS, compile, format, forTarget, isTypeScript, moduleOptions, pluginMessages, ROOT, readFolder, runNode } from "../support/project.mjs";

const LOADER = join(ROOT, "test/emit/load-in-fresh-realm.mjs");
const PROGRAM = readFolder(join(ROOT, "test/emit/programs/no-async-dispose"), isTypeScript);

/**
 * The files for a target: entry.ts loads main.ts and uses.ts; at ESNext, which Node 20
 * cannot parse with native `await using`, entry-esnext.ts loads main.ts only.
 */
function filesFor(target) {
  const { "entry.ts": entry, "entry-esnext.ts": entryEsnext, "uses.ts": uses, ...rest } = forTarget(PROGRAM, target);
  return target === "ESNext" ? { ...rest, "entry.ts": entryEsnext } : { ...rest, "uses.ts": uses, "entry.ts": entry };
}

for (const target of ALL_TARGETS) {
  for (const module of ["commonjs", "nodenext"]) {
    test(`loads, constructs and awaits without Symbol.asyncDispose (${target}/${module})`, (t) => {
      const compiled = compile(filesFor(target), { compilerOptions: moduleOptions(target, module) });
      t.is(format(compiled.errors), "");
      const { diagnostics } = compiled.emit({ write: true });
      t.deepEqual(pluginMessages(diagnostics), []);

      const run = runNode(LOADER, {
        nodeArgs: ["--experimental-vm-modules", "--no-warnings"],
        args: [join(compiled.outDir, "entry.js"), module === "nodenext" ? "esm" : "cjs"],
      });
      t.is(run.stderr, "");
      t.is(run.code, 0);
      const { asyncDispose, result } = JSON.parse(run.stdout);
      t.is(asyncDispose, "undefined", "the realm really lacks Symbol.asyncDispose");
      t.deepEqual(result, { log: ["init a", "init b", "replica", "anonymous"], ready: true, same: true, thenGone: true });
    });
  }
}
