// The test programs (every .ts file the tests compile and run) type-check with this
// package's plugin, as a user's `tspc --noEmit` checks them: test/tsconfig.json, and
// the tsconfig.json of each folder whose programs need other options (see the notes
// in test/tsconfig.json). Every .ts file under test/ is in one of these projects, or
// left out on purpose, with the reason.

import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import test from "ava";
import { ROOT, ts } from "./support/project.mjs";

const TSPC = join(ROOT, "node_modules/ts-patch/bin/tspc.js");

/** The folders (from the repository's root) whose tsconfig.json is checked. */
const PROJECTS = [
  "test",
  "test/exec/programs/no-checker",
  "test/exec/semantics/programs/directives",
  "test/exec/semantics/programs/scripts",
  "test/exec/semantics/programs/legacy-decorators",
  "test/exec/semantics/programs/mixed-targets",
  "test/emit/programs/legacy",
  "test/robustness/programs",
  "test/tools/programs",
  "test/tools/bundlers/app",
];

/** Programs that must not compile cleanly: file → why. */
const LEFT_OUT = {
  "test/exec/semantics/programs/misuse/main.ts": "its errors TS46002 and TS46007 are what misuse.test.mjs tests",
  "test/emit/programs/untouched/lookalikes.ts": "its warnings TS46003 (the tag in comments that are no JSDoc block) are what untouched-files.test.mjs expects",
};

/** Runs tspc on a project; resolves with its exit code and what it printed (never rejects). */
async function tspc(project) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [TSPC, "-p", project, "--pretty", "false"], { cwd: ROOT, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (caught) {
    const error = /** @type {import("node:child_process").ExecFileException & { stdout?: string, stderr?: string }} */ (caught);
    return { code: error.code, output: `${error.stdout ?? ""}${error.stderr ?? ""}` || String(error) };
  }
}

/** The files a project's tsconfig.json takes in, from the repository's root. */
function filesOf(project) {
  const host = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  };
  return ts.getParsedCommandLineOfConfigFile(join(ROOT, project, "tsconfig.json"), {}, host).fileNames.map((file) => relative(ROOT, file));
}

/** Every .ts file under test/, but in installed packages and the tools' temporary apps. */
function testPrograms() {
  const skip = (path) => /(^|\/)node_modules(\/|$)/.test(path) || path.startsWith("runtimes/") || path.startsWith("tools/compiler/");
  return readdirSync(join(ROOT, "test"), { recursive: true })
    .map(String)
    .filter((path) => path.endsWith(".ts") && !skip(path))
    .map((path) => `test/${path}`);
}

// One after another: ts-patch locks its cache on every start, and a dozen tspc started at
// once can time out on that lock ("Could not acquire lock") on a busy machine.
for (const project of PROJECTS) {
  test.serial(`the programs of ${project}/tsconfig.json type-check with the plugin (tspc --noEmit)`, async (t) => {
    const result = await tspc(project);
    t.is(result.output, "");
    t.is(result.code, 0);
  });
}

test("every .ts file under test/ is type-checked by one of these projects, or left out with a reason", (t) => {
  const checked = new Set(PROJECTS.flatMap(filesOf));
  const programs = testPrograms();
  t.true(programs.length > 50, `only ${programs.length} programs found`);
  t.deepEqual(
    programs.filter((file) => !checked.has(file) && !LEFT_OUT[file]),
    [],
  );
  t.deepEqual(
    Object.keys(LEFT_OUT).filter((file) => checked.has(file) || !programs.includes(file)),
    [],
    "a file left out is not checked, and exists",
  );
});
