// Directive prologues: "use strict", "use client", "use server" and the comments
// before them stay first; the plumbing goes after them (and after the imports).
//
// - A module: the emitted file starts with its header comment and its directives,
//   in order, before the plumbing and anything else; running, it reads its own
//   emitted text and finds them there (what React Server Components and Next.js
//   read), and its tagged class works.
// - A classic script that says "use strict", compiled without alwaysStrict: it runs
//   in strict mode (`this` in a plain call is undefined), as it says.
// Compiled and run for every target and module kind (MATRIX; the script for each target).
// Programs: programs/directives/module.ts and script.ts (whose first lines are the point).

import { rmSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { build, formatErrors, MATRIX, moduleOptions, nodeFor, runNode, ts } from "../../support/project.mjs";
import { readProgramFile } from "./scenario.mjs";

const MODULE = readProgramFile("directives/module.ts");
const SCRIPT = readProgramFile("directives/script.ts");
const HEADER = MODULE.split("\n")[0];

for (const cell of MATRIX) {
  test(`directives and the comments before them stay first (${cell.name})`, (t) => {
    const built = build({ "main.ts": MODULE }, { compilerOptions: { ...cell.compilerOptions, types: ["node"] } });
    t.teardown(() => rmSync(built.dir, { recursive: true, force: true }));
    t.is(formatErrors(built.diagnostics), "");
    const emitted = built.outputs["main.js"];
    const strict = cell.compilerOptions.module === "commonjs" ? `"use strict";\n` : ""; // TypeScript's own, in CommonJS output
    t.true(emitted.startsWith(`${strict}${HEADER}\n"use client";\n"use server";\n`), emitted.slice(0, 300));
    t.true(emitted.indexOf("asyncInit_1 = ") > emitted.indexOf("node:fs"), "the plumbing comes after the imports");
    const run = runNode(join(built.outDir, "main.js"), { node: nodeFor(cell.compilerOptions.target) });
    t.is(run.stderr, "");
    t.deepEqual(run.stdout.trim().split("\n"), ["starts with the header and the directives: true", "ready: true"]);
  });

  if (cell.compilerOptions.module !== "commonjs") continue;
  test(`a script that says "use strict" runs in strict mode (${cell.compilerOptions.target})`, (t) => {
    // TypeScript 6 deprecates alwaysStrict: false (TS5107); this test needs a script compiled without it.
    const deprecated = ts.versionMajorMinor.startsWith("5.") ? {} : { ignoreDeprecations: "6.0" };
    const options = { ...moduleOptions(cell.compilerOptions.target, "commonjs"), strict: false, alwaysStrict: false, ...deprecated };
    const built = build({ "main.ts": SCRIPT }, { compilerOptions: options });
    t.teardown(() => rmSync(built.dir, { recursive: true, force: true }));
    t.is(formatErrors(built.diagnostics), "");
    t.true(built.outputs["main.js"].startsWith(`"use strict";\n`), built.outputs["main.js"].slice(0, 200));
    const run = runNode(join(built.outDir, "main.js"), { node: nodeFor(cell.compilerOptions.target) });
    t.is(run.stderr, "");
    t.is(run.stdout.trim(), "the script runs in strict mode");
  });
}
