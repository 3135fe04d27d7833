// Fixture folders: fixtures/<case>/input.ts (plus any other input files) and the
// reviewed output, expected/<cell>.js, for a few target × module cells.
// Each test compiles the case with the transformer, compares the output of
// input.ts with the expected file, then RUNS the output with the case's
// check.mjs, so that a fixture is never only text.
//
// The plumbing (`const asyncInit_1 = (() => { … })();`, the same in every module)
// is pinned once, in fixtures/_plumbing/expected/<form>.js, one file per form it
// takes (full, await-only). In the expected files each plumbing statement is one
// marker line, `const asyncInit_1 = «ts-async-init plumbing: …»;`. Before comparing,
// the test checks that each plumbing statement of the output is exactly a pinned
// form (up to its variable's name, and the prelude lines of a module that has its
// own globals the plumbing uses), then puts the marker in its place. The output
// that runs is the full one.
//
// On another TypeScript (TS_ASYNC_INIT_TYPESCRIPT, set by test/versions) the
// expected files, which are TypeScript 5.9's output, are not compared: each case
// is compiled by that TypeScript and its own output is run with check.mjs.
//
//   UPDATE_FIXTURES=1 npx ava test/fixtures.test.mjs    rewrites the expected and pinned files
//
// options.json (optional): { "compilerOptions": {…}, "plugin": {…},
//   "identicalToTsc": true,            also compare with plain tsc's output
//   "skipRun": { "<cell>": "why" } }   cells whose output no Node here can run
import test from "ava";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, TYPESCRIPT_VERSION, nodeFor, pluginMessages, runNode } from "./helpers/build.mjs";
import { compile, format, moduleOptions } from "./emit/compile.mjs";

const FIXTURES = join(ROOT, "fixtures");
const PLUMBING = join(FIXTURES, "_plumbing");
const RUNNER = join(ROOT, "test/emit/run-fixture.mjs");
const UPDATE = process.env.UPDATE_FIXTURES === "1";

/** The cells every fixture is emitted for: lowered async and fields, native classes with lowered `using`, all native. */
const CELLS = [
  { name: "es2015-commonjs", target: "ES2015", module: "commonjs" },
  { name: "es2022-nodenext", target: "ES2022", module: "nodenext" },
  { name: "esnext-nodenext", target: "ESNext", module: "nodenext" },
];

const cases = readdirSync(FIXTURES).filter((name) => !name.startsWith("_") && statSync(join(FIXTURES, name)).isDirectory()).sort();

/** A case's folder, options.json and input files (name → text). */
function readCase(name) {
  const folder = join(FIXTURES, name);
  const settings = existsSync(join(folder, "options.json")) ? JSON.parse(readFileSync(join(folder, "options.json"), "utf8")) : {};
  return { folder, settings, inputs: readInputs(folder) };
}

function readInputs(folder) {
  return Object.fromEntries(readdirSync(folder).filter((f) => f.endsWith(".ts")).map((f) => [f, readFileSync(join(folder, f), "utf8")]));
}

/** Runs a compiled input.js with the case's check.mjs, in the Node that runs the target. */
function runCheck(t, modulePath, folder, { kind, target }) {
  const run = runNode(RUNNER, { args: [modulePath, join(folder, "check.mjs"), kind], node: nodeFor(target) });
  t.is(run.stderr, "");
  t.is(run.code, 0);
  t.is(run.stdout.trim(), "ok");
}

// ---------------------------------------------------------------------------
// The plumbing, pinned once

/** The forms of the plumbing: fixtures/_plumbing/<form>.ts is a module that gets it, expected/<form>.js the statement. */
const FORMS = ["full", "await-only"];

/**
 * Every plumbing statement in an emitted module: its doc comment, then
 * `const <name> = (() => {` at the start of a line, up to the first `})();` line.
 *
 *     /** ts-async-init: makes this module's @asyncInit classes … *\/
 *     const asyncInit_1 = (() => {
 *         …
 *     })();
 */
function findPlumbing(text) {
  const starts = text.matchAll(/^\/\*\* ts-async-init: [^\n]*\*\/\n(?:const|var) (\w+) = /gm);
  return [...starts].map((start) => {
    const end = text.indexOf("\n})();\n", start.index);
    if (end < 0) throw new Error(`a plumbing statement without its end, at: ${text.slice(start.index, start.index + 200)}`);
    return { start: start.index, end: end + "\n})();\n".length, name: start[1], text: text.slice(start.index, end + "\n})();\n".length) };
  });
}

/**
 * The lines the plumbing starts with in a module that declares or imports
 * some of the globals it uses, as TypeScript prints them (the form documented
 * at withGlobalsFromGlobalObject, transformer/runtime/plumbing.ts).
 */
function preludeLines(names) {
  const others = names.filter((name) => name !== "globalThis");
  const ownGlobalThis = others.length < names.length;
  const lines = [`    /* This module has its own ${names.join(", ")}: the plumbing takes the global ones from the global object${ownGlobalThis ? ", reached through the Function constructor" : ""}. */`];
  if (ownGlobalThis) lines.push(`    const globalThis = (() => { }).constructor("return this")();`);
  if (others.length) lines.push(`    const ${others.map((name) => `${name} = globalThis.${name}`).join(", ")};`);
  return lines.map((line) => line + "\n").join("");
}

/** The globals a plumbing statement's prelude names (none without a prelude). */
function ownGlobals(plumbing) {
  const prelude = plumbing.text.match(/= \(\(\) => \{\n {4}\/\* This module has its own (.+?): the plumbing takes/);
  return prelude ? prelude[1].split(", ") : [];
}

/** A plumbing statement as the pinned files hold it: named asyncInit_1, without its prelude. */
function asPinned(plumbing) {
  const renamed = plumbing.text.replace(/^((?:const|var) )\w+ = /m, "$1asyncInit_1 = ");
  const names = ownGlobals(plumbing);
  return names.length ? renamed.replace(`= (() => {\n${preludeLines(names)}`, "= (() => {\n") : renamed;
}

/** The one line that stands for a plumbing statement in the expected files. */
function marker(plumbing, form) {
  const names = ownGlobals(plumbing);
  const taking = names.length ? `, taking ${names.join(", ")} from the global object` : "";
  return `const ${plumbing.name} = «ts-async-init plumbing: fixtures/_plumbing/expected/${form}.js${taking}»;\n`;
}

/** The pinned form whose first line (its doc comment) a plumbing statement has. */
function formOf(plumbing, pinned) {
  const firstLine = (text) => text.slice(0, text.indexOf("\n"));
  return FORMS.find((form) => firstLine(pinned[form]) === firstLine(plumbing.text));
}

/**
 * An emitted module with each plumbing statement replaced by its marker, after
 * checking that the statement is exactly a pinned form.
 */
function elidePlumbing(t, text, pinned) {
  let elided = "";
  let from = 0;
  for (const plumbing of findPlumbing(text)) {
    const form = formOf(plumbing, pinned);
    if (!form) {
      t.fail(`a plumbing statement that starts as no pinned form does: ${plumbing.text.slice(0, 200)}`);
      continue;
    }
    t.is(asPinned(plumbing), pinned[form], `the plumbing differs from fixtures/_plumbing/expected/${form}.js`);
    elided += text.slice(from, plumbing.start) + marker(plumbing, form);
    from = plumbing.end;
  }
  return elided + text.slice(from);
}

/** The plumbing statement of each form, as fixtures/_plumbing emits it for a cell. */
function emitPlumbing(cell) {
  const compiled = compile(readInputs(PLUMBING), { compilerOptions: moduleOptions(cell.target, cell.module) });
  if (compiled.errors.length) throw new Error(format(compiled.errors));
  const { outputs } = compiled.emit();
  return Object.fromEntries(FORMS.map((form) => [form, findPlumbing(outputs[`${form}.js`]).map((plumbing) => plumbing.text).join("")]));
}

/** The pinned plumbing (form → text); with UPDATE_FIXTURES=1, first rewritten from the es2022-nodenext cell's output. */
function readPinnedPlumbing() {
  const file = (form) => join(PLUMBING, "expected", `${form}.js`);
  if (UPDATE) {
    mkdirSync(join(PLUMBING, "expected"), { recursive: true });
    const emitted = emitPlumbing(CELLS[1]);
    for (const form of FORMS) writeFileSync(file(form), emitted[form]);
  }
  return Object.fromEntries(FORMS.map((form) => [form, existsSync(file(form)) ? readFileSync(file(form), "utf8") : ""]));
}

let pinnedPlumbing;
const pinned = () => (pinnedPlumbing ??= readPinnedPlumbing());

test("there are fixtures", (t) => {
  t.true(cases.length > 0);
});

if (!TYPESCRIPT_VERSION) {
  for (const cell of CELLS) {
    test(`the plumbing is as pinned (${cell.name})`, (t) => {
      const emitted = emitPlumbing(cell);
      for (const form of FORMS) {
        t.not(pinned()[form], "", `missing fixtures/_plumbing/expected/${form}.js: run with UPDATE_FIXTURES=1 and review it`);
        t.is(emitted[form], pinned()[form], `the ${form} plumbing differs from fixtures/_plumbing/expected/${form}.js`);
      }
    });
  }
}

// ---------------------------------------------------------------------------
// Each case, compiled by the program's AST back end (tspc) for each cell

/** Compares an emitted input.js, its plumbing elided, with the reviewed expected/<cell>.js (or rewrites that). */
function compareWithExpected(t, actual, expectedFile) {
  const elided = elidePlumbing(t, actual, pinned());
  if (UPDATE) {
    mkdirSync(join(expectedFile, ".."), { recursive: true });
    writeFileSync(expectedFile, elided);
  }
  if (!existsSync(expectedFile)) return t.fail(`missing ${expectedFile}: run with UPDATE_FIXTURES=1 and review it`);
  t.is(elided, readFileSync(expectedFile, "utf8"), `output differs from ${expectedFile.slice(ROOT.length)}`);
}

for (const name of cases) {
  const { folder, settings, inputs } = readCase(name);

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
      if (!TYPESCRIPT_VERSION) compareWithExpected(t, actual, join(folder, "expected", `${cell.name}.js`));

      if (settings.skipRun?.[cell.name]) return t.log(`not run: ${settings.skipRun[cell.name]}`);
      runCheck(t, join(compiled.outDir, "input.js"), folder, { kind: cell.module === "nodenext" ? "esm" : "cjs", target: cell.target });
    });
  }
}
