// Fixture folders: fixtures/<case>/input.ts (plus any other input files) and the
// reviewed output, expected/<cell>.js, for a few target × module cells.
// Each test compiles the case with the transformer, compares the output of
// input.ts with the expected file, then RUNS the expected file with the case's
// check.mjs, so that a fixture is never only text.
//
// On another TypeScript (TS_ASYNC_INIT_TYPESCRIPT, set by test/versions) the
// expected files, which are TypeScript 5.9's output, are not compared: each case
// is compiled by that TypeScript and its own output is run with check.mjs.
//
//   UPDATE_FIXTURES=1 npx ava test/fixtures.test.mjs    rewrites the expected files
//
// options.json (optional): { "compilerOptions": {…}, "plugin": {…},
//   "identicalToTsc": true,            also compare with plain tsc's output
//   "skipRun": { "<cell>": "why" } }   cells whose output no Node here can run
import test from "ava";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, TYPESCRIPT_VERSION, compile, format, moduleOptions, nodeFor, pluginMessages, runNode } from "./support/project.mjs";

const FIXTURES = join(ROOT, "fixtures");
const RUNNER = join(ROOT, "test/emit/run-fixture.mjs");
const UPDATE = process.env.UPDATE_FIXTURES === "1";

/** The cells every fixture is emitted for: lowered async and fields, native classes with lowered `using`, all native. */
const CELLS = [
  { name: "es2015-commonjs", target: "ES2015", module: "commonjs" },
  { name: "es2022-nodenext", target: "ES2022", module: "nodenext" },
  { name: "esnext-nodenext", target: "ESNext", module: "nodenext" },
];

const cases = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory()).sort();

test("there are fixtures", (t) => {
  t.true(cases.length > 0);
});

for (const name of cases) {
  const folder = join(FIXTURES, name);
  const settings = existsSync(join(folder, "options.json")) ? JSON.parse(readFileSync(join(folder, "options.json"), "utf8")) : {};
  const inputs = Object.fromEntries(
    readdirSync(folder).filter((f) => f.endsWith(".ts")).map((f) => [f, readFileSync(join(folder, f), "utf8")]),
  );

  for (const cell of CELLS) {
    test(`${name} (${cell.name})`, (t) => {
      t.truthy(inputs["input.ts"], "every fixture has an input.ts");
      t.true(existsSync(join(folder, "check.mjs")), "every fixture has a check.mjs that runs its output");
      const compiled = compile(inputs, { compilerOptions: { ...moduleOptions(cell.target, cell.module), ...settings.compilerOptions } });
      t.is(format(compiled.errors), "", "the input compiles without errors");

      const plain = settings.identicalToTsc ? compiled.emit({ plugin: false }) : undefined;
      const { outputs, diagnostics } = compiled.emit({ plugin: settings.plugin ?? {}, write: true });
      t.deepEqual(pluginMessages(diagnostics), []);
      const actual = outputs["input.js"];
      if (plain) t.is(actual, plain.outputs["input.js"], "a file the transformer has nothing to do in is emitted as plain tsc emits it");
      const modulePath = join(compiled.outDir, "input.js");

      if (!TYPESCRIPT_VERSION) {
        const expectedFile = join(folder, "expected", `${cell.name}.js`);
        if (UPDATE) {
          mkdirSync(join(folder, "expected"), { recursive: true });
          writeFileSync(expectedFile, actual);
        }
        if (!existsSync(expectedFile)) return t.fail(`missing ${expectedFile}: run with UPDATE_FIXTURES=1 and review it`);
        const expected = readFileSync(expectedFile, "utf8");
        t.is(actual, expected, `output differs from fixtures/${name}/expected/${cell.name}.js`);
        // Run the reviewed text itself (the other input files as freshly compiled).
        writeFileSync(modulePath, expected);
      }

      if (settings.skipRun?.[cell.name]) return t.log(`not run: ${settings.skipRun[cell.name]}`);
      const run = runNode(RUNNER, {
        args: [modulePath, join(folder, "check.mjs"), cell.module === "nodenext" ? "esm" : "cjs"],
        node: nodeFor(cell.target),
      });
      t.is(run.stderr, "");
      t.is(run.code, 0);
      t.is(run.stdout.trim(), "ok");
    });
  }
}
