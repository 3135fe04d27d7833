// Load: 100,000 concurrent awaits of one instance, 10,000 instances initialising at
// once (and 10,000 whose init fails), in a child Node with --expose-gc: one init
// each, every waiter settled with the right value, no unhandled rejection, and the
// heap back near its baseline once everything is dropped. Program:
// test/robustness/programs/load.ts.

import { join } from "node:path";
import test from "ava";
import { build, format, readSource, runNode, ts } from "../support/project.mjs";

const PROGRAM = readSource("test/robustness/programs/load.ts");

// ES2017 keeps the state in the shared WeakMap, ES2022 in a private field.
for (const target of ["ES2017", "ES2022"])
  test(`load: 100,000 waiters on one instance and 10,000 instances at once settle correctly and leave the heap near its baseline (${target})`, (t) => {
    const built = build({ "main.ts": PROGRAM }, { compilerOptions: { target, module: "commonjs", types: ["node"] } });
    const errors = built.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
    t.deepEqual(
      errors.map((d) => format([d])),
      [],
    );
    const run = runNode(join(built.outDir, "main.js"), { nodeArgs: ["--expose-gc"] });
    t.is(run.stderr, "");
    t.is(run.code, 0);
    const out = JSON.parse(run.stdout);
    t.log(`heap after everything was dropped: ${(out.heap.grownBytes / 1024).toFixed(0)} KiB over the baseline`);
    t.deepEqual(out.oneInstance, { inits: 1, waiters: 100_000, allSame: true, ready: true, then: "undefined" });
    t.deepEqual(out.manyInstances, { inits: 10_000, waiters: 20_000, allOwn: true, allReady: true });
    t.deepEqual(out.failingInstances, { inits: 10_000, waiters: 30_000, allRejectedWithOwnError: true, sameErrorObject: true });
    t.deepEqual(out.disposed, { inits: 10_000 });
    t.is(out.unhandled, 0);
    // 10,000 live instances with their pending state take several MiB. Once they are dropped,
    // only the shared WeakMap's table (below ES2022) stays at its high-water mark (about 32
    // bytes for each entry that was live at the peak: the plumbing never deletes, see
    // plumbing/plumbing.ts), and a second round of the same load reuses it instead of growing
    // the heap (in either of two more rounds: see programs/load.ts).
    t.log(`heap after a second and a third round: ${(out.heap.grownAgainBytes / 1024).toFixed(0)} KiB over the round before (the smaller growth)`);
    t.true(out.heap.grownBytes < 2 * 1024 * 1024, `heap grew by ${out.heap.grownBytes} bytes`);
    t.true(out.heap.grownAgainBytes < 256 * 1024, `each later round grew the heap by ${out.heap.grownAgainBytes} bytes or more`);
  });
