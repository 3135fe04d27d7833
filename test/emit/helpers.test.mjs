// Emitted-code rule: the transformer adds no import or require, and no
// TypeScript helper (inline, or imported from tslib) that the same program
// compiled WITHOUT the plugin did not already need — at every target from
// ES5 to ESNext, importHelpers on and off, useDefineForClassFields on and
// off, CommonJS and ESM (nodenext).
//
// Each program (test/emit/programs) is compiled once per cell and emitted
// twice, plain and with the transformer; for every output file the helpers
// and module specifiers of the two are compared. Helpers are read two ways:
// from the text (`__awaiter`, `tslib_1.__awaiter`, `_superIndex`…) and from
// TypeScript's own record of the helpers it attached to the emitted tree.
import test from "ava";
import { ALL_TARGETS, compile, format, forTarget, moduleOptions, pluginMessages, readSource, ts } from "../support/project.mjs";

const read = (names) => Object.fromEntries(names.map((n) => [n, readSource(`test/emit/programs/${n}`)]));

const CASES = [
  { name: "rich, standard decorators, consumer", files: read(["rich.ts", "rich.es5.ts", "sync.ts", "consumer.ts", "decorated.ts"]), options: {} },
  {
    name: "legacy decorators with metadata",
    files: read(["legacy/legacy.ts", "sync.ts"]),
    options: { experimentalDecorators: true, emitDecoratorMetadata: true },
  },
];

/** Helper names and module specifiers found in emitted JavaScript. */
export function scan(text) {
  const helpers = new Set(text.match(/\b(?:__(?!esModule\b)[A-Za-z]\w*|_super(?:Index)?)\b/g) ?? []);
  const modules = [
    ...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/gm),
    ...text.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return { helpers, modules };
}

/** An `after` transformer that records the name of every emit helper TypeScript attached anywhere in a file. */
function recordHelpers(record) {
  return () => (sourceFile) => {
    const names = new Set();
    const visit = (node) => {
      for (const helper of ts.getEmitHelpers(node) ?? []) names.add(helper.name);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    record.set(sourceFile.fileName, names);
    return sourceFile;
  };
}

const minus = (a, b) => [...a].filter((x) => !b.has(x)).sort();

for (const target of ALL_TARGETS) {
  for (const module of ["commonjs", "nodenext"]) {
    for (const importHelpers of [false, true]) {
      for (const useDefineForClassFields of [false, true]) {
        const cell = `${target}/${module}${importHelpers ? " importHelpers" : ""} useDefine=${useDefineForClassFields}`;
        test(`no added import, require or helper (${cell})`, (t) => {
          for (const { name, files, options } of CASES) {
            const compilerOptions = { ...moduleOptions(target, module), importHelpers, useDefineForClassFields, ...options };
            const compiled = compile(forTarget(files, target), { compilerOptions, tslib: true });
            t.is(format(compiled.errors), "", `${name}: compiles without errors`);
            const plainHelpers = new Map();
            const pluginHelpers = new Map();
            const plain = compiled.emit({ plugin: false, after: [recordHelpers(plainHelpers)] });
            const withPlugin = compiled.emit({ after: [recordHelpers(pluginHelpers)] });
            t.deepEqual(pluginMessages(withPlugin.diagnostics), [], `${name}: no plugin diagnostics`);
            for (const [file, text] of Object.entries(withPlugin.outputs)) {
              if (!file.endsWith(".js")) continue;
              const before = scan(plain.outputs[file]);
              const after = scan(text);
              t.deepEqual(minus(after.helpers, before.helpers), [], `${name}, ${file}: helpers in the text`);
              t.deepEqual(minus(new Set(after.modules), new Set(before.modules)), [], `${name}, ${file}: imports and requires`);
              t.is(after.modules.length, before.modules.length, `${name}, ${file}: as many imports and requires`);
            }
            for (const [file, names] of pluginHelpers) {
              t.deepEqual(minus(names, plainHelpers.get(file) ?? new Set()), [], `${name}, ${file}: helpers TypeScript attached`);
            }
            t.true(pluginHelpers.size > 0, "the helper record saw the files");
          }
        });
      }
    }
  }
}

// The comparison above can only find what it looks for: make sure it finds
// the helpers and modules a program does need.
test("scan finds inline helpers, tslib imports and requires", (t) => {
  const commonjs = compile(
    { "a.ts": "import { x } from './b.js';\nexport async function f() { await x; }\n", "b.ts": "export const x = 1;\n" },
    {
      compilerOptions: { ...moduleOptions("ES2015", "commonjs"), importHelpers: true },
      tslib: true,
    },
  );
  const found = scan(commonjs.emit({ plugin: false }).outputs["a.js"]);
  t.deepEqual([...found.helpers], ["__awaiter"]);
  t.deepEqual(found.modules.sort(), ["./b.js", "tslib"]);
  const esm = compile(
    { "a.ts": "export class A { #x = 1; get x() { return this.#x; } }\n" },
    {
      compilerOptions: { ...moduleOptions("ES2015", "nodenext"), importHelpers: true },
      tslib: true,
    },
  );
  const esmFound = scan(esm.emit({ plugin: false }).outputs["a.js"]);
  t.deepEqual([...esmFound.helpers], ["__classPrivateFieldGet"]);
  t.deepEqual(esmFound.modules, ["tslib"]);
});
