// Runtime semantics across packages compiled for different targets.
//
// From ES2022 up a tagged class keeps the state of its instances in a private
// field (its own, or a tagged ancestor's); below, the plumbing keeps it in a WeakMap. A library compiled for one
// target and an application compiled for another share instances and class
// hierarchies, so every level must still find the one state of an instance.
//
// Each test compiles a library (a tagged base class, and a function that awaits
// instances where its compiler knows their type) into node_modules/base-lib at
// one target, then an application that extends it at another, and runs checks.
// Program: programs/mixed-targets (main.ts, and library/index.ts).
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { buildAndRun, formatProblems } from "../../support/back-ends.mjs";
import { build, format, moduleOptions, tempDir } from "../../support/project.mjs";
import { expectedLines, program, readProgramFile } from "./scenario.mjs";

const LIBRARY = readProgramFile("mixed-targets/library/index.ts");
const { main, files } = program("mixed-targets/main.ts");

const PAIRS = [
  ["ES2017", "ES2022"],
  ["ES2022", "ES2017"],
  ["ES2022", "ES2022"],
  ["ES2017", "ES2017"],
];

for (const [libraryTarget, applicationTarget] of PAIRS) {
  test(`library compiled for ${libraryTarget}, application for ${applicationTarget}`, (t) => {
    const dir = tempDir();
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const libraryDir = join(dir, "node_modules/base-lib");
    const library = build({ "index.ts": LIBRARY }, { dir: libraryDir, compilerOptions: { ...moduleOptions(libraryTarget, "commonjs"), declaration: true } });
    t.is(format(library.diagnostics), "");
    writeFileSync(join(libraryDir, "package.json"), JSON.stringify({ main: "out/index.js", types: "out/index.d.ts" }));

    const application = buildAndRun(files, { dir, main, roots: [main], compilerOptions: moduleOptions(applicationTarget, "commonjs") });
    t.is(formatProblems(application.problems), "");

    // Base has a private field from ES2022 up. The application's classes extend a tagged
    // class, so they have none: Base's field, or the map, serves every level.
    t.is(library.outputs["index.js"].includes("#asyncInit;"), libraryTarget === "ES2022");
    t.false(application.outputs["mixed-targets/main.js"].includes("#asyncInit;"));

    t.is(application.stderr, "");
    t.deepEqual(application.stdout.trim().split("\n"), expectedLines(files));
    t.is(application.code, 0);
  });
}
