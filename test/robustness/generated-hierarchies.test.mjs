// Property-based: fast-check generates tagged class hierarchies (fields, accessors,
// statics, #private members, parameter properties, generics, one to three levels
// with the tag at random levels, init / dispose overrides that call super, an init
// that may fail), compiles each at a random target and module kind, runs it, and
// checks the semantics table of the design: init runs once per level, every waiter
// gets the instance itself (or init's error), then is undefined once ready, teardown
// runs once, failures propagate, dispose before await rejects, and the instance's
// visible shape equals that of the same classes untagged.

import { deepStrictEqual } from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { buildAndRun } from "../support/back-ends.mjs";
import { MATRIX } from "../support/project.mjs";
import { expectedTagged, hierarchyArbitrary, programText } from "./helpers/hierarchy.mjs";

const hasPrivateNames = (setting) => setting.compilerOptions.target !== "ES5";

const NUM_RUNS = 40;

function run(spec, setting, withTags) {
  const result = buildAndRun({ "main.ts": programText(spec, withTags, hasPrivateNames(setting)) }, { compilerOptions: setting.compilerOptions });
  if (result.code !== 0 || result.stderr) {
    throw new Error(
      `${withTags ? "tagged" : "twin"} program failed at ${setting.name} (exit ${result.code}):\n${result.stderr}\n--- main.ts\n${programText(spec, withTags, hasPrivateNames(setting))}`,
    );
  }
  return JSON.parse(result.stdout.trim().split("\n").at(-1));
}

test("generated hierarchies keep the semantics table at every target and module kind", (t) => {
  let runs = 0;
  const outcome = fc.check(
    fc.property(hierarchyArbitrary, fc.constantFrom(...MATRIX), (spec, setting) => {
      runs++;
      const tagged = run(spec, setting, true);
      const twin = run(spec, setting, false);
      const { shape, ...observed } = tagged;
      const context = `${setting.name}\n${programText(spec, true, hasPrivateNames(setting))}`;
      // node:assert throws, so fast-check sees the failure, shrinks it, and reports the smallest program.
      deepStrictEqual(observed, expectedTagged(spec), `semantics at ${context}`);
      deepStrictEqual(shape, twin.shape, `visible shape differs from the untagged twin at ${context}`);
      return true;
    }),
    { numRuns: NUM_RUNS, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), maxSkipsPerRun: 0 },
  );
  if (outcome.failed) {
    // The smallest failing program fast-check found, with the reason (rerun with FC_SEED=<seed>).
    t.fail(
      `seed ${outcome.seed}, counterexample ${JSON.stringify(outcome.counterexample)}\n${outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance)}`,
    );
    return;
  }
  t.true(runs >= NUM_RUNS); // every generated program ran and passed both comparisons
});
