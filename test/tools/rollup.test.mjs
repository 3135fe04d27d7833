// Rollup 4 with @rollup/plugin-typescript 12, set up as the README says (test/tools/helpers.mjs).
import test from "ava";
import { APP, APP_WITH_TYPE_ERROR, assertInstalled, bin, checkInstallLine, EXPECTED, errorCodes, recipe, run, runNode, writeApp } from "./helpers.mjs";

test.before(assertInstalled);

const app = (name, sources) =>
  writeApp(name, { ...sources, "tsconfig.json": recipe("rollup/tsconfig.json"), "rollup.config.mjs": recipe("rollup/rollup.config.mjs") });
const rollup = (dir) => run(bin("rollup"), ["-c"], { cwd: dir });

test("the README's install line names the versions tested here", (t) => checkInstallLine(t, "rollup/install"));

test("rollup bundles the app with no error or warning, and the bundle awaits every await using", (t) => {
  const dir = app("rollup", APP);
  const build = rollup(dir);
  t.is(build.code, 0, build.output);
  t.notRegex(build.output, /\(!\)|\[!\]/, "no warning, no error");
  t.deepEqual(errorCodes(build.output), [], build.output);
  const result = runNode("dist/main.js", dir);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), EXPECTED);
});

test("rollup still reports a type error in the user's code (as a warning, as the plugin does), and only that", (t) => {
  const build = rollup(app("rollup-error", APP_WITH_TYPE_ERROR));
  t.is(build.code, 0, build.output);
  t.regex(build.output, /\(!\) \[plugin typescript\] src\/main\.ts/);
  t.deepEqual(errorCodes(build.output), ["TS2322"], build.output);
});
