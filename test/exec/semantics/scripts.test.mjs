// Classic scripts (no import, no export) share one global scope, like several
// <script> tags in a page. Four compiled scripts loaded one after another into the
// same global scope: two with tagged classes (one extending the other's class), one
// that only awaits instances (`await using`), and one with its own tagged class
// that runs everything. Each script's plumbing is a global of its own, so they
// coexist: before, each declared `const asyncInit_1` and the second script threw
// "Identifier 'asyncInit_1' has already been declared".
// For every target, as CommonJS and as ES module output (a file without import or
// export stays a script in both).
import test from "ava";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TARGETS, build, format, moduleOptions, nodeFor, runNode, ts } from "../../helpers/build.mjs";

const SCRIPTS = {
  "a-log.ts": `const log: string[] = [];\n`,
  "b-alpha.ts": `
/** @asyncInit */
class Alpha {
  initCalls = 0;
  constructor(readonly name: string) {}
  async init() { this.initCalls++; log.push(this.name + " init"); }
  async [Symbol.asyncDispose]() { log.push(this.name + " teardown"); }
}
`,
  "c-beta.ts": `
/** @asyncInit */
class Beta extends Alpha {
  async init() { await super.init(); log.push(this.name + " beta init"); }
}
`,
  "d-user.ts": `
async function useBoth() {
  await using a = new Alpha("a");
  await using b = new Beta("b");
  log.push("body " + a.initCalls + " " + b.initCalls);
}
`,
  "e-main.ts": `
/** @asyncInit */
class Gamma {
  async init() { log.push("gamma init"); }
}
(async () => {
  await useBoth();
  const g = await new Gamma();
  log.push("gamma then " + typeof (g as any).then);
  console.log(log.join("; "));
})().catch((error) => console.log("failed: " + error));
`,
};

const EXPECTED = "a init; b init; b beta init; body 1 1; b teardown; a teardown; gamma init; gamma then undefined";

// Runs each script in this Node's global scope, as a <script> tag would.
const LOADER = `const vm = require("node:vm");
const fs = require("node:fs");
for (const file of process.argv.slice(2)) vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
`;

for (const target of TARGETS) {
  for (const module of ["commonjs", "esnext"]) {
    test(`compiled scripts with tagged classes share one global scope (${target}/${module})`, (t) => {
      const built = build(SCRIPTS, { compilerOptions: module === "commonjs" ? moduleOptions(target, module) : { target, module, ...(ts.versionMajorMinor.startsWith("5.") ? { moduleResolution: "node10" } : {}) } });
      t.teardown(() => rmSync(built.dir, { recursive: true, force: true }));
      t.is(format(built.diagnostics.filter((d) => d.category === 1)), "");
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
