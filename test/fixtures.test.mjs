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
// The other back ends (see BACK_ENDS: the AST back end without a program, as
// ts.transpileModule runs it, and the text back end) compile each case for one
// cell. Where a case has expected/<back end>/, what the back end emits is compared
// with it (its plumbing pinned in PINS the same way). The back ends named in
// FIXTURE_BACK_ENDS (default: all three; "lines" is the text back end with keepLines) also have their output run with the case's check.mjs.
//
//   UPDATE_FIXTURES=1 npx ava test/fixtures.test.mjs    rewrites the expected and pinned files
//
// options.json (optional): { "compilerOptions": {…}, "plugin": {…},
//   "identicalToTsc": true,            also compare with plain tsc's output
//   "skipRun": { "<cell>": "why" } }   cells whose output no Node here can run

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { eachMapping, TraceMap } from "@jridgewell/trace-mapping";
import test from "ava";
import { compile, format, moduleOptions, nodeFor, pluginMessages, ROOT, runNode, TYPESCRIPT_VERSION, tempDir, ts, tsAsyncInit } from "./support/project.mjs";

const require = createRequire(import.meta.url);
const { transform } = require(join(ROOT, "dist/api.js"));
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

/**
 * The cell the other back ends run on. ts.transpileModule sees no package.json,
 * so `nodenext` would make it emit CommonJS for a .ts file: ESNext modules give
 * the ES modules tsc emits at es2022-nodenext.
 */
const BACK_END_CELL = { name: "es2022-esm", target: "ES2022", module: "ESNext" };

const cases = readdirSync(FIXTURES)
  .filter((name) => !name.startsWith("_") && statSync(join(FIXTURES, name)).isDirectory())
  .sort();

/** A case's folder, options.json and input files (name → text). */
function readCase(name) {
  const folder = join(FIXTURES, name);
  const settings = existsSync(join(folder, "options.json")) ? JSON.parse(readFileSync(join(folder, "options.json"), "utf8")) : {};
  return { folder, settings, inputs: readInputs(folder) };
}

/** The .ts files of a folder (name → text). */
function readInputs(folder) {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((f) => f.endsWith(".ts"))
      .map((f) => [f, readFileSync(join(folder, f), "utf8")]),
  );
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

/** The forms of the plumbing: fixtures/_plumbing/<form>.ts is a module that gets it. */
const FORMS = ["full", "await-only"];

/**
 * Where the plumbing is pinned, and what emits it: the AST back end prints it as
 * JavaScript (the same with or without a program); the text back end inserts it
 * as text into the TypeScript it returns (at the target the other back ends run).
 */
const PINS = {
  js: { file: (form) => `fixtures/_plumbing/expected/${form}.js`, emit: () => emitPlumbing(CELLS[1]) },
  text: { file: (form) => `fixtures/_plumbing/expected/text/${form}.ts`, emit: () => transformPlumbing() },
};

/**
 * Every plumbing statement in an emitted module: its doc comment, if any, then
 * `const asyncInit_<n> = (() => {` at the start of a line, up to the first `})();` line.
 *
 *     /** ts-async-init: makes this module's @asyncInit classes … *\/
 *     const asyncInit_1 = (() => {
 *         …
 *     })();
 */
function findPlumbing(text) {
  const starts = text.matchAll(/^(?:\/\*\* ts-async-init: [^\n]*\*\/\n)?(?:const|var) (asyncInit_\d+) = \((?:\(\) => |function \(\) )\{\n/gm);
  return [...starts].map((start) => {
    const last = text.indexOf("\n})();\n", start.index);
    if (last < 0) throw new Error(`a plumbing statement without its end, at: ${text.slice(start.index, start.index + 200)}`);
    const end = last + "\n})();\n".length;
    return { start: start.index, end, name: start[1], text: text.slice(start.index, end) };
  });
}

/**
 * The lines the plumbing starts with in a module that declares or imports
 * some of the globals it uses, as TypeScript prints them (the form documented
 * at the transformer's withGlobalsFromGlobalObject).
 */
function preludeLines(names) {
  const others = names.filter((name) => name !== "globalThis");
  const ownGlobalThis = others.length < names.length;
  const lines = [
    `    /* This module has its own ${names.join(", ")}: the plumbing takes the global ones from the global object${ownGlobalThis ? ", reached through the Function constructor" : ""}. */`,
  ];
  if (ownGlobalThis) lines.push(`    const globalThis = (() => { }).constructor("return this")();`);
  if (others.length) lines.push(`    const ${others.map((name) => `${name} = globalThis.${name}`).join(", ")};`);
  return lines.map((line) => line + "\n").join("");
}

/** The globals a plumbing statement's prelude names (none without a prelude). */
function ownGlobals(plumbing) {
  const prelude = plumbing.text.match(/ = \(\(\) => \{\n {4}\/\* This module has its own (.+?): the plumbing takes/);
  return prelude ? prelude[1].split(", ") : [];
}

/**
 * The same lines as the text back end writes them in TypeScript (withGlobalsFromGlobalObject with `typed`
 * in the transformer): the comment, then lines that take each value from the global object with
 * its type, and name the global types the plumbing uses through `globalThis.`.
 */
const TEXT_PRELUDE = /^( = \(\(\) => \{\n) {4}\/\* This module has its own [^\n]*\*\/\n(?: {4}(?:const|type) [^\n]*\bglobalThis\b[^\n]*\n)+/;

/** A plumbing statement as the pinned files hold it: named asyncInit_1, without its prelude. */
function asPinned(plumbing, pins) {
  const renamed = plumbing.text.replace(`${plumbing.name} = `, "asyncInit_1 = ");
  const names = ownGlobals(plumbing);
  if (!names.length) return renamed;
  if (pins === "text") {
    const at = renamed.indexOf(" = (() => {\n");
    return renamed.slice(0, at) + renamed.slice(at).replace(TEXT_PRELUDE, "$1");
  }
  return renamed.replace(` = (() => {\n${preludeLines(names)}`, " = (() => {\n");
}

/** How many characters two texts share at their start. */
function sharedStart(a, b) {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n++;
  return n;
}

/** The pinned form a plumbing statement is, or else the one it starts most like (for the diff). */
function formOf(text, pinned) {
  const likeness = (form) => sharedStart(text, pinned[form]);
  return FORMS.find((form) => pinned[form] === text) ?? FORMS.reduce((best, form) => (likeness(form) > likeness(best) ? form : best));
}

/** The one line that stands for a plumbing statement in the expected files. */
function marker(plumbing, pinnedFile) {
  const names = ownGlobals(plumbing);
  const taking = names.length ? `, taking ${names.join(", ")} from the global object` : "";
  return `const ${plumbing.name} = «ts-async-init plumbing: ${pinnedFile}${taking}»;\n`;
}

/**
 * An emitted module with each plumbing statement replaced by its marker, after
 * checking that the statement is exactly a pinned form (of PINS[pins]).
 */
function elidePlumbing(t, text, pins) {
  const pinned = pinnedPlumbing(pins);
  let elided = "";
  let from = 0;
  for (const plumbing of findPlumbing(text)) {
    const asText = asPinned(plumbing, pins);
    const form = formOf(asText, pinned);
    t.is(asText, pinned[form], `the plumbing differs from ${PINS[pins].file(form)}`);
    elided += text.slice(from, plumbing.start) + marker(plumbing, PINS[pins].file(form));
    from = plumbing.end;
  }
  return elided + text.slice(from);
}

/** The plumbing statements of a module's text, all of them. */
const plumbingOf = (text) =>
  findPlumbing(text)
    .map((plumbing) => plumbing.text)
    .join("");

/** The plumbing of each form (form → text), as fixtures/_plumbing compiles for a cell. */
function emitPlumbing(cell) {
  const compiled = compile(readInputs(PLUMBING), { compilerOptions: moduleOptions(cell.target, cell.module) });
  if (compiled.errors.length) throw new Error(format(compiled.errors));
  const { outputs } = compiled.emit();
  return Object.fromEntries(FORMS.map((form) => [form, plumbingOf(outputs[`${form}.js`])]));
}

/** The plumbing of each form (form → text), as the text back end inserts it into fixtures/_plumbing. */
function transformPlumbing() {
  const inputs = readInputs(PLUMBING);
  return Object.fromEntries(
    FORMS.map((form) => [form, plumbingOf(transform(inputs[`${form}.ts`], `${form}.ts`, { target: BACK_END_CELL.target, typescript: ts }).code)]),
  );
}

/** The pinned plumbing of PINS[pins] (form → text); with UPDATE_FIXTURES=1, first rewritten from what emits it. */
function readPinnedPlumbing(pins) {
  const { file, emit } = PINS[pins];
  if (UPDATE) {
    const emitted = emit();
    for (const form of FORMS) {
      mkdirSync(join(ROOT, file(form), ".."), { recursive: true });
      writeFileSync(join(ROOT, file(form)), emitted[form]);
    }
  }
  return Object.fromEntries(FORMS.map((form) => [form, existsSync(join(ROOT, file(form))) ? readFileSync(join(ROOT, file(form)), "utf8") : ""]));
}

const pinnedByKind = {};
const pinnedPlumbing = (pins) => (pinnedByKind[pins] ??= readPinnedPlumbing(pins));

/** Compares the plumbing something emits, form by form, with the pinned files. */
function checkPinned(t, emitted, pins) {
  for (const form of FORMS) {
    const pinned = pinnedPlumbing(pins)[form];
    t.not(pinned, "", `missing ${PINS[pins].file(form)}: run with UPDATE_FIXTURES=1 and review it`);
    t.is(emitted[form], pinned, `the ${form} plumbing differs from ${PINS[pins].file(form)}`);
  }
}

test("there are fixtures", (t) => {
  t.true(cases.length > 0);
});

if (!TYPESCRIPT_VERSION) {
  for (const cell of CELLS) {
    test(`the plumbing is as pinned (${cell.name})`, (t) => checkPinned(t, emitPlumbing(cell), "js"));
  }
  test("the text back end's plumbing is as pinned", (t) => checkPinned(t, transformPlumbing(), "text"));
}

/** Compares an emitted module, its plumbing elided, with a reviewed expected file (or rewrites that). */
function compareWithExpected(t, actual, expectedFile, pins) {
  const elided = elidePlumbing(t, actual, pins);
  if (UPDATE) {
    mkdirSync(join(expectedFile, ".."), { recursive: true });
    writeFileSync(expectedFile, elided);
  }
  if (!existsSync(expectedFile)) return t.fail(`missing ${expectedFile}: run with UPDATE_FIXTURES=1 and review it`);
  t.is(elided, readFileSync(expectedFile, "utf8"), `output differs from ${expectedFile.slice(ROOT.length)}`);
}

// ---------------------------------------------------------------------------
// Each case, compiled by the program's AST back end (tspc) for each cell

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
      if (!TYPESCRIPT_VERSION) compareWithExpected(t, actual, join(folder, "expected", `${cell.name}.js`), "js");

      if (settings.skipRun?.[cell.name]) return t.log(`not run: ${settings.skipRun[cell.name]}`);
      runCheck(t, join(compiled.outDir, "input.js"), folder, { kind: cell.module === "nodenext" ? "esm" : "cjs", target: cell.target });
    });
  }
}

// ---------------------------------------------------------------------------
// The other back ends, on one cell: the same checks must pass

/**
 * The other back ends. Each compiles one file: (text, file name, compiler options,
 * plugin options) → { emitted, code, messages }: what the back end itself emits
 * (pinned in `reviewed`, with its plumbing as in PINS[pins]), the JavaScript to run,
 * and its diagnostics.
 */
const BACK_ENDS = {
  /** The AST back end without a program or checker, as ts.transpileModule runs it: one file at a time. */
  transpile: {
    reviewed: `expected/transpile/${BACK_END_CELL.name}.js`,
    pins: "js",
    compile(text, fileName, compilerOptions, plugin) {
      const diagnostics = [];
      const before = [tsAsyncInit(undefined, plugin, { ts, addDiagnostic: (d) => diagnostics.push(d) })];
      const { outputText } = ts.transpileModule(text, { fileName, compilerOptions, transformers: { before } });
      return { emitted: outputText, code: outputText, messages: pluginMessages(diagnostics) };
    },
  },
  /** The text back end (dist/api.js): TypeScript in, TypeScript out, then plain ts.transpileModule. */
  text: {
    reviewed: `expected/text/${BACK_END_CELL.target.toLowerCase()}.ts`,
    pins: "text",
    compile(text, fileName, compilerOptions, plugin) {
      const result = transform(text, fileName, { ...plugin, target: compilerOptions.target, typescript: ts });
      const { outputText } = ts.transpileModule(result.code, { fileName, compilerOptions });
      return { emitted: result.code, code: outputText, messages: result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`) };
    },
  },
  /**
   * The text back end with `keepLines`, as the bundler plugins and ts-async-init/register run it:
   * the same checks pass, and every character of the input maps to its own line.
   */
  lines: {
    reviewed: `expected/lines/${BACK_END_CELL.target.toLowerCase()}.ts`, // none are: what it changes is the layout
    pins: "text",
    compile(text, fileName, compilerOptions, plugin) {
      const result = transform(text, fileName, { ...plugin, target: compilerOptions.target, typescript: ts, keepLines: true });
      const { outputText } = ts.transpileModule(result.code, { fileName, compilerOptions });
      const moved = result.map ? linesMoved(result.map) : [];
      return {
        emitted: result.code,
        code: outputText,
        messages: [...result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`), ...moved],
      };
    },
  },
};

/** The mappings of a source map whose line is not the line of the text they map to, as messages. */
function linesMoved(map) {
  const moved = [];
  eachMapping(new TraceMap(map), (m) => {
    if (m.originalLine !== null && m.originalLine !== m.generatedLine) moved.push(`line ${m.originalLine} moved to ${m.generatedLine}`);
  });
  return moved.slice(0, 3);
}

/** The back ends whose output is run (FIXTURE_BACK_ENDS, default transpile,text,lines); the others only compare their reviewed files. */
const running = (process.env.FIXTURE_BACK_ENDS ?? "transpile,text,lines").split(",").filter(Boolean);
const unknown = running.filter((backEnd) => !(backEnd in BACK_ENDS));
if (unknown.length) throw new Error(`FIXTURE_BACK_ENDS: no back end ${unknown.join(", ")}; there are ${Object.keys(BACK_ENDS).join(", ")}`);

for (const name of cases) {
  const { folder, settings, inputs } = readCase(name);

  for (const [backEnd, { reviewed, pins, compile: compileFile }] of Object.entries(BACK_ENDS)) {
    const compares = !TYPESCRIPT_VERSION && existsSync(join(folder, reviewed, ".."));
    if (!compares && !running.includes(backEnd)) continue;

    test(`${name} (${backEnd}, ${BACK_END_CELL.name})`, (t) => {
      const dir = tempDir();
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      const compilerOptions = { target: BACK_END_CELL.target, module: BACK_END_CELL.module, ...settings.compilerOptions };
      for (const [fileName, text] of Object.entries(inputs)) {
        const { emitted, code, messages } = compileFile(text, fileName, compilerOptions, settings.plugin ?? {});
        t.deepEqual(messages, [], fileName);
        if (compares && fileName === "input.ts") compareWithExpected(t, emitted, join(folder, reviewed), pins);
        writeFileSync(join(dir, fileName.replace(/\.ts$/, ".js")), code);
      }
      if (running.includes(backEnd)) runCheck(t, join(dir, "input.js"), folder, { kind: "esm", target: BACK_END_CELL.target });
    });
  }
}
