// Classic scripts (no import, no export) share one global scope, like several
// <script> tags in a page. Four compiled scripts loaded one after another into the
// same global scope: two with tagged classes (one extending the other's class), one
// that only awaits instances (`await using`), and one with its own tagged class
// that runs everything. Each script's plumbing is a global of its own, so they
// coexist: before, each declared `const asyncInit_1` and the second script threw
// "Identifier 'asyncInit_1' has already been declared".
// For every target, as CommonJS and as ES module output (a file without import or
// export stays a script in both). Programs: programs/scripts/*.ts.

import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { build, formatErrors, isTypeScript, moduleOptions, nodeFor, readFolder, runNode, TARGETS, ts } from "../../support/project.mjs";

const SCRIPTS = readFolder(new URL("./programs/scripts/", import.meta.url).pathname, isTypeScript);

const EXPECTED = "a init; b init; b beta init; body 1 1; b teardown; a teardown; gamma init; gamma then undefined";

// Runs each script in this Node's global scope, as a <script> tag would.
const LOADER = `const vm = require("node:vm");
const fs = require("node:fs");
for (const file of process.argv.slice(2)) vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
`;

for (const target of TARGETS) {
  for (const module of ["commonjs", "esnext"]) {
    test(`compiled scripts with tagged classes share one global scope (${target}/${module})`, (t) => {
      const built = build(SCRIPTS, {
        compilerOptions:
          module === "commonjs"
            ? moduleOptions(target, module)
            : { target, module, ...(ts.versionMajorMinor.startsWith("5.") ? { moduleResolution: "node10" } : {}) },
      });
      t.teardown(() => rmSync(built.dir, { recursive: true, force: true }));
      t.is(formatErrors(built.diagnostics), "");
      const names = Object.keys(SCRIPTS).map((f) => f.replace(/\.ts$/, ".js"));
      const plumbings = names.map((f) => /^var (asyncInit_[0-9a-f]{8}) = /m.exec(built.outputs[f])?.[1]).filter(Boolean);
      t.is(plumbings.length, 4, "every script but the first has plumbing, as a var");
      t.is(new Set(plumbings).size, 4, "each script's plumbing has a name of its own");
      const loader = join(built.dir, "load.cjs");
      writeFileSync(loader, LOADER);
      const run = runNode(loader, { args: names.map((f) => join(built.outDir, f)), node: nodeFor(target) });
      t.is(run.stderr, "");
      t.is(run.stdout.trim(), EXPECTED);
    });
  }
}
