// Rollup 4 with @rollup/plugin-typescript 12, set up as the README says (test/tools/helpers.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

test("rollup with declaration: the .d.ts it writes declares [Symbol.asyncDispose] on a tagged class without a teardown of its own, and keeps the tag", (t) => {
  const tsconfig = JSON.parse(recipe("rollup/tsconfig.json"));
  Object.assign(tsconfig.compilerOptions, { declaration: true, declarationDir: "dist/types" });
  const dir = writeApp("rollup-declaration", { ...APP, "tsconfig.json": JSON.stringify(tsconfig), "rollup.config.mjs": recipe("rollup/rollup.config.mjs") });
  const build = rollup(dir);
  t.is(build.code, 0, build.output);
  const types = readFileSync(join(dir, "dist/types/db.d.ts"), "utf8");
  t.regex(types, /\/\*\* @asyncInit init \*\/\nexport declare class Cache \{[^}]*\[Symbol\.asyncDispose\]\(\): Promise<void>;\n\}/);
});

test("rollup still reports a type error in the user's code, and only that, and the recipe's noEmitOnError fails the build", (t) => {
  const build = rollup(app("rollup-error", APP_WITH_TYPE_ERROR));
  t.not(build.code, 0, build.output);
  t.regex(build.output, /\[plugin typescript\] src\/main\.ts/);
  t.deepEqual(errorCodes(build.output), ["TS2322"], build.output);
});

test("rollup: this package's error (TS46001) fails the build with the recipe, at its file, line and column", (t) => {
  const broken = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport class Broken {\n  run(): void {}\n}\n`;
  const line = broken.split("\n").findIndex((text) => text.includes("class Broken")) + 1;
  const build = rollup(app("rollup-ts46001", { ...APP, "src/db.ts": broken }));
  t.not(build.code, 0, build.output);
  t.regex(
    build.output,
    new RegExp(`\\[plugin typescript\\] src/db\\.ts \\(${line}:14\\): @rollup/plugin-typescript TS46001: @asyncInit class 'Broken' has no method 'init'`),
  );
  t.false(build.output.includes("(!)"), "not a warning");
});

test("rollup: this package's warning (TS46003) is printed as a warning, and the recipe's noEmitOnError does not stop the emit for it (the plugin's emit reports it, not the builder's check): the bundle runs", (t) => {
  const warned = `${APP["src/db.ts"]}\n/** @asyncInit */\nexport function notAClass(): void {}\n`;
  const dir = app("rollup-ts46003", { ...APP, "src/db.ts": warned });
  const build = rollup(dir);
  t.regex(build.output, /\(!\) \[plugin typescript\] src\/db\.ts .*TS46003: @asyncInit only applies to a class/);
  t.is(build.code, 0, build.output);
  const result = runNode("dist/main.js", dir);
  t.is(result.stderr, "");
  t.is(result.stdout.trim(), EXPECTED);
});

test("rollup with ts-async-init/rollup beside @rollup/plugin-typescript (which compiles each module as it loads it), in either order: error TS46011 names the transformer to use instead", (t) => {
  const config = recipe("rollup/rollup.config.mjs");
  const plugins = 'typescript({ typescript: require("ts-patch/compiler"), noEmitOnError: true })';
  t.true(config.includes(plugins));
  for (const order of [`${plugins}, tsAsyncInit()`, `tsAsyncInit(), ${plugins}`]) {
    const withBoth = `import tsAsyncInit from "ts-async-init/rollup";\n${config.replace(plugins, order)}`;
    const dir = writeApp("rollup-both", { ...APP, "tsconfig.json": recipe("rollup/tsconfig.json"), "rollup.config.mjs": withBoth });
    const build = rollup(dir);
    t.not(build.code, 0, order);
    t.regex(
      build.output,
      /TS46011: .*the plugin 'typescript' compiles them .*@rollup\/plugin-typescript compiles each module as it loads it: leave ts-async-init\/rollup out/,
      order,
    );
  }
});
