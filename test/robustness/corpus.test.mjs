// Real code nobody here wrote: the TypeScript sources that registry packages ship
// (see helpers/corpus.mjs), run through the transformer.
//   1. every file, compiled on its own: no crash, no diagnostic, output byte-identical to plain TypeScript
//   2. each package as one Program (the checker available, as under tspc): the same
//   3. classes tagged automatically in a sample of files: no error, the output parses,
//      and for rxjs and effect the whole tagged source tree compiles to modules that load

import { join } from "node:path";
import vm from "node:vm";
import test from "ava";
import { runNode, tempDir, tsAsyncInit, writeFiles } from "../support/project.mjs";
import { describe, PACKAGES, sourceFiles, TRANSPILE_OPTIONS, tagClasses, transpile, ts } from "./helpers/corpus.mjs";

const corpus = PACKAGES.map((pkg) => ({ pkg, files: sourceFiles(pkg) }));

test("the corpus has at least 1,000 TypeScript source files", (t) => {
  const total = corpus.reduce((n, { files }) => n + files.length, 0);
  t.log(corpus.map(({ pkg, files }) => `${pkg.name}: ${files.length}`).join(", "), `= ${total}`);
  t.true(total >= 1000, `only ${total} files`);
});

for (const { pkg, files } of corpus) {
  // Compiled alone there is no checker: a file with `await using` gets the run-time test of each value (and only those files).
  test(`${pkg.name}: each file compiled alone comes out byte-identical unless it has await using, with no diagnostic`, (t) => {
    const differences = [];
    const diagnostics = [];
    for (const file of files) {
      const plain = transpile(file.path, file.text, { plugin: false });
      const withPlugin = transpile(file.path, file.text); // a crash fails the test here
      const tested = /\bawait\s+using\b/.test(file.text);
      if (tested !== (withPlugin.text !== plain.text)) differences.push(file.path);
      diagnostics.push(...withPlugin.diagnostics.map(describe));
    }
    t.deepEqual(diagnostics, []);
    t.deepEqual(differences, [], "files whose output changed although they carry no tag and no await using, or did not change although they have await using");
    t.true(files.length > 0);
  });

  test(`${pkg.name}: as one Program, every file comes out byte-identical, with no diagnostic`, (t) => {
    const options = {
      ...TRANSPILE_OPTIONS,
      noCheck: true,
      noEmitOnError: false,
      noResolve: false,
      skipLibCheck: true,
      types: [],
      lib: ["lib.esnext.d.ts", "lib.dom.d.ts"],
      outDir: "/out",
      allowJs: false,
    };
    const host = ts.createCompilerHost(options);
    const program = ts.createProgram(
      files.map((f) => join(f.root, f.path)),
      options,
      host,
    );
    const emit = (before) => {
      const outputs = new Map();
      program.emit(undefined, (name, text) => outputs.set(name, text), undefined, false, { before });
      return outputs;
    };
    const pluginDiagnostics = [];
    const plain = emit([]);
    const withPlugin = emit([tsAsyncInit(program, {}, { ts, addDiagnostic: (d) => pluginDiagnostics.push(d) })]);
    t.deepEqual(pluginDiagnostics.map(describe), []);
    t.true(plain.size >= files.length, `emitted ${plain.size} of ${files.length}`);
    const differences = [...plain].filter(([name, text]) => withPlugin.get(name) !== text).map(([name]) => name);
    t.deepEqual(differences, [], "files whose output changed although the program carries no tag");
  });

  test(`${pkg.name}: classes tagged automatically compile without error and the output parses`, (t) => {
    let taggedFiles = 0;
    let taggedClasses = 0;
    const failures = [];
    for (const [i, file] of files.entries()) {
      if (i % 3 !== 0) continue; // a sample: every third file
      const { text, tagged } = tagClasses(file.path, file.text, (k) => k % 2 === 0);
      if (tagged.length === 0) continue;
      taggedFiles++;
      taggedClasses += tagged.length;
      const out = transpile(file.path, text);
      const errors = out.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length) failures.push(`${file.path}: ${errors.map(describe).join("; ")}`);
      if (!out.text.includes(".then(this,") && !out.text.includes("get then()")) failures.push(`${file.path}: no generated then for ${tagged.join(", ")}`);
      try {
        new vm.Script(out.text, { filename: file.path.replace(/\.tsx?$/, ".js") }); // compiles, does not run
      } catch (error) {
        failures.push(`${file.path}: output does not parse: ${/** @type {Error} */ (error).message}`);
      }
    }
    t.log(`${taggedClasses} classes tagged in ${taggedFiles} files`);
    t.deepEqual(failures, []);
    if (files.length > 30) t.true(taggedClasses > 0, "the sample tagged nothing");
  });
}

// For two packages whose sources only import each other, compile the whole tree
// with classes tagged and require every module that has a tagged class.
for (const name of ["rxjs", "effect"]) {
  test(`${name}: the whole source tree with tagged classes compiles to modules that load`, (t) => {
    const { files } = /** @type {(typeof corpus)[number]} */ (corpus.find(({ pkg }) => pkg.name === name));
    const dir = tempDir("ts-async-init-corpus-");
    writeFiles(dir, { "package.json": { type: "commonjs" } });
    const taggedModules = [];
    let taggedClasses = 0;
    for (const [i, file] of files.entries()) {
      if (file.path.endsWith(".tsx")) continue;
      const { text, tagged } = i % 2 === 0 ? tagClasses(file.path, file.text) : { text: file.text, tagged: [] };
      const out = transpile(file.path, text);
      t.deepEqual(out.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map(describe), [], file.path);
      const output = file.path.replace(/\.ts$/, ".js");
      writeFiles(dir, { [output]: out.text });
      if (tagged.length) {
        taggedModules.push({ file: join(dir, output), classes: tagged });
        taggedClasses += tagged.length;
      }
    }
    // Load each tagged module, and check that each tagged class that it exports got its generated members.
    const loader = join(dir, "load-tagged.cjs");
    writeFiles(dir, {
      "load-tagged.cjs": `const modules = ${JSON.stringify(taggedModules)};
const problems = [];
let checked = 0;
for (const { file, classes } of modules) {
  let exports;
  try { exports = require(file); } catch (error) { problems.push(file + ": " + (error && error.stack || error)); continue; }
  for (const name of classes) {
    const C = exports[name];
    if (typeof C !== "function") continue; // not exported
    checked++;
    const then = Object.getOwnPropertyDescriptor(C.prototype, "then");
    if (!then || typeof then.get !== "function") problems.push(file + ": " + name + " has no generated then");
    if (typeof C.prototype[Symbol.asyncDispose] !== "function") problems.push(file + ": " + name + " has no [Symbol.asyncDispose]");
  }
}
console.log(JSON.stringify({ problems, checked }));
`,
    });
    const run = runNode(loader);
    t.is(run.stderr, "");
    t.is(run.code, 0);
    const { problems, checked } = JSON.parse(run.stdout);
    t.log(`${taggedClasses} classes tagged in ${taggedModules.length} modules; ${checked} exported ones checked after loading`);
    t.deepEqual(problems, []);
    t.true(checked > 10, `only ${checked} tagged classes were exported and checked`);
  });
}
