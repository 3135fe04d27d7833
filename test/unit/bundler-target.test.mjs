// The language level the bundler plugins read from a bundler's own target (esbuild's
// `target`, Vite's `build.target`): ES2022 where every engine keeps private fields and
// static blocks as written, below it where one would have them lowered.

import test from "ava";
import { ecmaScriptTarget, esbuildTarget } from "../../dist/frontends/bundlers/target.js";

test("ECMAScript versions: the lowest; a year after 2022 is ES2022; es6 is ES2015", (t) => {
  t.is(ecmaScriptTarget("es2020"), "ES2020");
  t.is(ecmaScriptTarget("ES2017"), "ES2017");
  t.is(ecmaScriptTarget(["es2022", "es2019"]), "ES2019");
  t.is(ecmaScriptTarget("es2024"), "ES2022");
  t.is(ecmaScriptTarget("es6"), "ES2015");
  t.is(ecmaScriptTarget("esnext"), "ESNext");
  t.is(ecmaScriptTarget(["esnext", "es2021"]), "ES2021");
});

test("engines: ES2022 when each has class static blocks and private fields, ES2021 when one has not", (t) => {
  t.is(ecmaScriptTarget("node20"), "ES2022");
  t.is(ecmaScriptTarget("node16.11"), "ES2022");
  t.is(ecmaScriptTarget("node16.10"), "ES2021");
  t.is(ecmaScriptTarget("node14"), "ES2021");
  // Chrome has both from 94; Vite's compiler (Oxc) lowers them up to 97.
  t.is(ecmaScriptTarget("chrome97"), "ES2021");
  t.is(ecmaScriptTarget("chrome98"), "ES2022");
  for (const engine of ["edge97", "opera83", "deno1.19"]) t.is(ecmaScriptTarget(engine), "ES2021", engine);
  t.is(ecmaScriptTarget(["edge98", "opera84", "deno1.20", "firefox93", "safari16.4", "ios16.4"]), "ES2022");
  // Vite 8's default, resolved.
  t.is(ecmaScriptTarget(["chrome111", "edge111", "firefox114", "safari16.4"]), "ES2022");
  t.is(ecmaScriptTarget(["chrome111", "safari15"]), "ES2021");
  t.is(ecmaScriptTarget(["chrome80"]), "ES2021");
  t.is(ecmaScriptTarget(["es2022", "ie11"]), "ES2021");
  t.is(ecmaScriptTarget(["hermes0.12"]), "ES2021");
  t.is(ecmaScriptTarget(["es2019", "node20"]), "ES2019");
});

test("no target, or none that says a level: undefined (the plugin's default)", (t) => {
  t.is(ecmaScriptTarget(undefined), undefined);
  t.is(ecmaScriptTarget([]), undefined);
  t.is(ecmaScriptTarget("baseline-widely-available"), undefined);
  t.is(ecmaScriptTarget(["modules"]), undefined);
  t.is(ecmaScriptTarget(5), undefined);
});

test("esbuild's supported option: a class feature of the generated state turned off makes the level below ES2022; other features, or a lower target, leave it", (t) => {
  t.is(esbuildTarget({ target: "node20" }), "ES2022");
  t.is(esbuildTarget({ target: "node20", supported: { "class-private-field": false } }), "ES2021");
  t.is(esbuildTarget({ supported: { "class-static-blocks": false } }), "ES2021");
  t.is(esbuildTarget({ target: "es2022", supported: { "class-private-method": false } }), "ES2021");
  t.is(esbuildTarget({ target: "es2019", supported: { "class-static-blocks": false } }), "ES2019");
  t.is(esbuildTarget({ target: "node20", supported: { "class-static-blocks": true, using: false } }), "ES2022");
  t.is(esbuildTarget({}), undefined);
});
