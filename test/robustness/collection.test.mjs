// No instance is kept alive by the plumbing: instances that the program drops are
// collected whatever state they were left in. Each is registered with a
// FinalizationRegistry; the child Node (--expose-gc) drops them, forces GC, and
// reports which ones were finalized. Program: test/robustness/programs/collection.ts.

import { join } from "node:path";
import test from "ava";
import { build, format, MATRIX, nodeFor, readSource, runNode, ts } from "../support/project.mjs";

const PROGRAM = readSource("test/robustness/programs/collection.ts");

const EXPECTED = ["disposed", "disposed before init", "disposed while init ran", "failed", "init still pending", "never awaited", "ready"];

// ES2017 keeps the state in the shared WeakMap, ES2022 and ESNext in a private field.
for (const { name, compilerOptions } of MATRIX.filter((m) => /ES2017|ES2022|ESNext/.test(m.name))) {
  test(`dropped instances are collected in every state: ready, disposed, failed, never awaited… (${name})`, (t) => {
    const built = build({ "main.ts": PROGRAM }, { compilerOptions: { ...compilerOptions, types: ["node"] } });
    const errors = built.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
    t.deepEqual(
      errors.map((d) => format([d])),
      [],
    );
    const run = runNode(join(built.outDir, "main.js"), { nodeArgs: ["--expose-gc"], node: nodeFor(compilerOptions.target) });
    t.is(run.stderr, "");
    t.is(run.code, 0);
    t.deepEqual(JSON.parse(run.stdout), { collected: EXPECTED, kept: "object" });
  });
}
