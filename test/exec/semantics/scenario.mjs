// Shared by the runtime-semantics exec tests (test/exec/semantics/*.test.mjs).
//
// A scenario is a small TypeScript program under programs/<name>/ (main.ts and the
// modules it imports) that states facts about the emitted code as named checks:
//
//     check("await x runs init once", async () => { ... same(got, x, "await x"); ... });
//
// programs/checks.ts holds the check runner and the small assertions every scenario
// imports. The program is compiled with the transformer for every cell of MATRIX
// and run in a child Node. Each check runs on its own, one after another; the
// program prints `ok <name>` or `not ok <name>: <why>` for each and `done` at the
// end. The AVA test expects `ok` for every check named in the source, in order.
//
// Between checks the program lets timers drain and fails the check if an
// unhandledRejection (or an uncaught exception) was reported meanwhile, so a
// stray rejection is pinned to the check that caused it.
//
// Parity: the "typed" back end runs every cell; the back ends named by
// PARITY_BACK_ENDS (support/back-ends.mjs; none by default) run PARITY_CELLS, each
// as a test of its own, and must print the same.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { posix } from "node:path";
import test from "ava";
import { BACK_ENDS, buildAndRun, formatProblems, parityRuns } from "../../support/back-ends.mjs";
import { forTarget, linkModules, MATRIX, tempDir, ts } from "../../support/project.mjs";

const PROGRAMS = new URL("./programs/", import.meta.url);

/** The text of a file under programs/. */
export const readProgramFile = (name) => readFileSync(new URL(name, PROGRAMS), "utf8");

/**
 * A program under programs/: `{ main, files }`, where files holds `main` and every
 * module it imports by a relative path, transitively (checks.ts among them), each
 * with its `.es5.ts` stand-in if it has one (see forTarget).
 */
export function program(main) {
  /** @type {Record<string, string>} */
  const files = {};
  const visit = (name) => {
    if (files[name] !== undefined) return;
    files[name] = readProgramFile(name);
    const es5 = name.replace(/\.ts$/, ".es5.ts");
    if (existsSync(new URL(es5, PROGRAMS))) files[es5] = readProgramFile(es5);
    for (const { fileName } of ts.preProcessFile(files[name]).importedFiles) {
      if (fileName.startsWith(".")) visit(posix.join(posix.dirname(name), fileName.replace(/\.js$/, ".ts")));
    }
  };
  visit(main);
  return { main, files };
}

/** The names of the checks in a program's sources, in order of appearance (main first). */
export function checkNames(files) {
  const names = [];
  for (const [file, text] of Object.entries(files)) {
    if (file === "checks.ts") continue;
    for (const match of text.matchAll(/\bcheck\(\s*"([^"]+)"/g)) names.push(match[1]);
  }
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`two checks are named "${duplicate}"`);
  return names;
}

/** What a scenario prints when every check passes. */
export const expectedLines = (files) => [...checkNames(files).map((name) => `ok ${name}`), "done"];

/**
 * Declares one AVA test per MATRIX cell (`title (cell)`) that compiles the program
 * `{ main, files }` (see program()) with the typed back end and expects every check
 * to pass; and one per PARITY_CELLS cell and parity back end (`title (cell, back end)`).
 *
 * - `compilerOptions(cell)`: extra options for a cell (on top of its target and module).
 * - `allowErrors`: a predicate over the compile problems (support/back-ends.mjs);
 *   when given, those errors are accepted if it returns true for every one.
 * - `backEnds`: the back ends the scenario can run on (all by default); a scenario
 *   that needs the type checker says `["typed"]`, and why.
 * - `modules`: packages of the repository's node_modules the program imports.
 * - `matrix`: the cells, MATRIX by default.
 * @param {string} title
 * @param {{ main: string, files: Record<string, string> }} program
 * @param {{
 *   compilerOptions?: (cell: { name: string, compilerOptions: Record<string, any> }) => Record<string, any>,
 *   allowErrors?: (problem: any) => boolean,
 *   backEnds?: string[],
 *   modules?: string[],
 *   matrix?: { name: string, compilerOptions: Record<string, any> }[],
 * }} [options]
 */
export function scenario(title, { main, files }, { compilerOptions = () => ({}), allowErrors, backEnds = BACK_ENDS, modules = [], matrix = MATRIX } = {}) {
  if (!checkNames(files).length) throw new Error(`${title}: no checks`);
  for (const { cell, backEnd, label } of parityRuns(matrix, backEnds)) {
    test(`${title} (${label})`, (t) => {
      const chosen = forTarget(files, cell.compilerOptions.target);
      const dir = tempDir();
      t.teardown(() => rmSync(dir, { recursive: true, force: true }));
      for (const module of modules) linkModules(dir, module);
      const options = { ...cell.compilerOptions, ...compilerOptions(cell) };
      const result = buildAndRun(chosen, { backEnd, main, roots: [main], dir, compilerOptions: options, allowErrors: Boolean(allowErrors) });
      if (allowErrors) {
        const errors = result.problems.filter((p) => p.category === "error");
        t.true(errors.every(allowErrors), `unexpected compile errors:\n${formatProblems(errors.filter((p) => !allowErrors(p)))}`);
      }
      t.is(result.stderr, "", "the program wrote to stderr");
      t.deepEqual(result.stdout.trim().split("\n"), expectedLines(chosen));
      t.is(result.code, 0);
    });
  }
}
