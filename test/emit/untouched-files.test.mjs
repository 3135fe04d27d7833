// Emitted-code rule: a file with no tag, and no `await` or `await using` of a
// tagged class, is emitted byte for byte as plain tsc emits it — also when
// other files of the same program use the tag — and so is a file that has
// `await using` of untagged resources only. Source maps too.
//
// The program (test/emit/programs/untouched) has one tagged file; every other
// file is compared, at every target and module kind.

import { join } from "node:path";
import test from "ava";
import {
  ALL_TARGETS,
  compile,
  format,
  forTarget,
  isTypeScript,
  moduleOptions,
  parseOptions,
  pluginMessages,
  ROOT,
  readFolder,
  ts,
  tsAsyncInit,
} from "../support/project.mjs";

const files = readFolder(join(ROOT, "test/emit/programs/untouched"), isTypeScript);
const UNTOUCHED = Object.keys(forTarget(files, "ESNext"))
  .filter((name) => name !== "tagged.ts")
  .map((name) => name.replace(/\.ts$/, ""));

for (const target of ALL_TARGETS) {
  for (const module of ["commonjs", "nodenext"]) {
    test(`files without the tag are emitted as plain tsc emits them (${target}/${module})`, (t) => {
      const compiled = compile(forTarget(files, target), { compilerOptions: { ...moduleOptions(target, module), sourceMap: true } });
      t.is(format(compiled.errors), "");
      const plain = compiled.emit({ plugin: false });
      const withPlugin = compiled.emit();
      // The lookalikes in a line or plain block comment right before a class are warned about (TS46003), and change nothing.
      t.deepEqual(
        pluginMessages(withPlugin.diagnostics).map((message) => message.split(" ", 2).join(" ")),
        ["46003 2:1", "46003 12:1"],
      );
      t.not(withPlugin.outputs["tagged.js"], plain.outputs["tagged.js"], "the tagged file is transformed");
      for (const name of UNTOUCHED) {
        for (const output of [`${name}.js`, `${name}.js.map`]) {
          t.truthy(plain.outputs[output], `${output} is emitted`);
          t.is(withPlugin.outputs[output], plain.outputs[output], `${output} is byte-identical`);
        }
      }
    });
  }
}

// Single-file transpilers (ts.transpileModule: ts-jest, ts-loader's transpileOnly, …)
// run the transformer without a program. Without a checker every `await using`
// value is tested when it runs (see test/exec/semantics), so a file with an
// `await using` changes; every other file is byte-identical.
for (const target of ["ES2015", "ES2022", "ESNext"]) {
  test(`files without the tag are transpiled as plain transpileModule does (${target}, no program)`, (t) => {
    const compilerOptions = { ...parseOptions(moduleOptions(target, "commonjs")), sourceMap: true };
    const transpile = (name, transformers) => ts.transpileModule(files[name], { compilerOptions, fileName: name, transformers });
    const diagnostics = [];
    const before = [tsAsyncInit(undefined, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) })];
    t.not(transpile("tagged.ts", { before }).outputText, transpile("tagged.ts").outputText, "the tagged file is transformed");
    for (const name of UNTOUCHED) {
      const plain = transpile(`${name}.ts`);
      const withPlugin = transpile(`${name}.ts`, { before });
      if (/^\s*(for \()?await using\b/m.test(files[`${name}.ts`])) {
        t.regex(withPlugin.outputText, /asyncInit_1\.pending\(/, `${name}.js tests its await using values when it runs`);
        continue;
      }
      t.is(withPlugin.outputText, plain.outputText, `${name}.js is byte-identical`);
      t.is(withPlugin.sourceMapText, plain.sourceMapText, `${name}.js.map is byte-identical`);
    }
    t.deepEqual(
      pluginMessages(diagnostics).map((message) => message.split(" ", 2).join(" ")),
      ["46003 2:1", "46003 12:1"],
      "the lookalikes right before a class (lookalikes.ts)",
    );
  });
}
