// Which tagged classes get a private field for the state of their instances
// (transformer/stateField.ts): from ES2022 up, a class with no tagged ancestor and no
// ancestor constructor that may return another object or lock the instance (freeze,
// seal, preventExtensions); below ES2022, none. Without
// a program (single-file transpilers) only classes with no `extends` get one, and
// with the plugin option "stateField": false none does.
// The exec tests (test/exec/semantics/storage-corners.test.mjs) run what these make.
// Program: test/emit/programs/state-field (main.ts, and library.d.ts: another package).
import test from "ava";
import { buildWith } from "../support/back-ends.mjs";
import { build, pluginMessages, readSource } from "../support/project.mjs";

const FILES = {
  "main.ts": readSource("test/emit/programs/state-field/main.ts"),
  "library.d.ts": readSource("test/emit/programs/state-field/library.d.ts"),
};

/** The classes of main.js that declare the field, by name. */
function classesWithField(text) {
  const withField = [];
  const classes = [...text.matchAll(/^\/\*\* @asyncInit \*\/ class (\w+)/gm)];
  classes.forEach((match, i) => {
    const body = text.slice(match.index, classes[i + 1]?.index ?? text.length);
    if (/^\s+#asyncInit;$/m.test(body)) withField.push(match[1]);
  });
  return withField;
}

const WITH_PROGRAM = ["Root", "OverPlain", "OverNested", "OverPlainElsewhere", "OverMixin"];

for (const target of ["ES2022", "ESNext"]) {
  test(`with a program, ${target}: a field for each class that has no tagged ancestor and no ancestor constructor that returns a value or locks the instance`, (t) => {
    const built = build(FILES, { compilerOptions: { target, module: "commonjs", moduleResolution: "node10" } });
    t.deepEqual(pluginMessages(built.diagnostics), []);
    t.deepEqual(classesWithField(built.outputs["main.js"]), WITH_PROGRAM);
  });
}

test("with a program, ES2020: no class gets a field", (t) => {
  const built = build(FILES, { compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node10" } });
  t.deepEqual(classesWithField(built.outputs["main.js"]), []);
  t.false(built.outputs["main.js"].includes("#asyncInit"));
});

test("without a program (transpileModule), ES2022: only a class with no extends gets a field", (t) => {
  const { outputs } = buildWith("untyped", { "main.ts": FILES["main.ts"] }, { compilerOptions: { target: "ES2022", module: "commonjs" } });
  t.deepEqual(classesWithField(outputs["main.js"]), ["Root"]);
});

test('with the plugin option "stateField": false, ES2022: no class gets a field', (t) => {
  const built = build(FILES, { compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node10" }, plugin: { stateField: false } });
  t.deepEqual(pluginMessages(built.diagnostics), []);
  t.true(built.outputs["main.js"].includes("asyncInit_1.then(this"), "the classes are still rewritten");
  t.false(built.outputs["main.js"].includes("#asyncInit"));
});
