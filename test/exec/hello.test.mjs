// The Python pattern's reference run (programs/hello.ts): constructor, async set-up,
// body, a method, teardown, for every cell of MATRIX; and on PARITY_CELLS with each
// parity back end (support/back-ends.mjs), which must print the same.
import test from "ava";
import { buildAndRun, parityRuns } from "../support/back-ends.mjs";
import { MATRIX, readSource } from "../support/project.mjs";

const HELLO = readSource("test/exec/programs/hello.ts");

for (const { cell, backEnd, label } of parityRuns(MATRIX)) {
  test(`await using runs init, body and teardown in order (${label})`, (t) => {
    const { code, stdout, stderr } = buildAndRun({ "main.ts": HELLO }, { backEnd, compilerOptions: cell.compilerOptions });
    t.is(stderr, "");
    t.is(code, 0);
    t.is(stdout.trim(), "init, await, context, a_method, exit");
  });
}
